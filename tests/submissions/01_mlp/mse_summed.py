"""Mean squared error summed instead of averaged over the entries."""
LOSES = {"test_ex4_bce_mse_visible", "test_ex4_bce_mse_hidden"}
EDITS = {"ex4_bce_mse": [("return ((y - y_hat) ** 2).mean()", "return ((y - y_hat) ** 2).sum()")]}
