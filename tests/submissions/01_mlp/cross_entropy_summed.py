"""Cross-entropy summed over the batch instead of averaged."""
LOSES = {"test_ex4_cross_entropy_visible", "test_ex4_cross_entropy_hidden"}
EDITS = {"ex4_cross_entropy": [("return (log_sum_exp - picked).mean()", "return (log_sum_exp - picked).sum()")]}
