"""The norm is taken per review, then summed over the batch, instead of one norm over the batch and the features."""
LOSES = {"test_ex4_gradients_visible", "test_ex4_gradients_hidden"}
EDITS = {"ex4_gradients": [("return grad.norm(dim=(0, 2))", "return grad.norm(dim=2).sum(dim=0)")]}
