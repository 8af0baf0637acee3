"""SGD that drops the smaller last batch of each epoch (range(0, N - batch_size + 1, batch_size))."""
LOSES = {"test_ex5_gradient_descent_hidden"}
EDITS = {"ex5_gradient_descent": [("for start in range(0, len(x), batch_size):", "for start in range(0, len(x) - batch_size + 1, batch_size):")]}
