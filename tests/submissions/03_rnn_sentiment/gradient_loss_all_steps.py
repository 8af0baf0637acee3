"""The loss sums the outputs of every step (outputs.sum()) instead of the last step's only."""
LOSES = {"test_ex4_gradients_visible", "test_ex4_gradients_hidden"}
EDITS = {"ex4_gradients": [("(grad,) = torch.autograd.grad(outputs[:, -1].sum(), x)", "(grad,) = torch.autograd.grad(outputs.sum(), x)")]}
