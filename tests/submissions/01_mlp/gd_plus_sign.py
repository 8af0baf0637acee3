"""Gradient descent that adds the gradient (w + lr * grad): the loss grows."""
LOSES = {"test_ex5_gradient_descent_visible", "test_ex5_gradient_descent_hidden"}
EDITS = {"ex5_gradient_descent": [("            w -= lr * grad\n        loss = loss_fn(w)", "            w += lr * grad\n        loss = loss_fn(w)")]}
