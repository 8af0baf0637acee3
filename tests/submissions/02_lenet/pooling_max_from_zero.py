"""Max pooling that starts its running maximum at 0, so a window of negative numbers gives 0."""
LOSES = {"test_ex4_pooling_visible", "test_ex4_pooling_hidden"}
EDITS = {"ex4_pooling": [("return windows.flatten(start_dim=-2).amax(dim=-1)",
                          "return windows.flatten(start_dim=-2).amax(dim=-1).clamp(min=0.0)")]}
