"""The gradient norms are squared (the sum of squares, without the square root)."""
LOSES = {"test_ex4_gradients_visible", "test_ex4_gradients_hidden"}
EDITS = {"ex4_gradients": [("return grad.norm(dim=(0, 2))", "return (grad ** 2).sum(dim=(0, 2))")]}
