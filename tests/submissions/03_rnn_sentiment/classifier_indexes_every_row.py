"""outputs[:, lengths - 1] picks every review's state at every length: (N, N, H), and logits of shape (N, N)."""
LOSES = {"test_ex3_classifier_visible", "test_ex3_classifier_hidden"}
EDITS = {"ex3_classifier": [("last = outputs[rows, lengths.to(ids.device) - 1]", "last = outputs[:, lengths.to(ids.device) - 1]")]}
