"""The logits are squeezed on every dimension (.squeeze()): a batch of one review gives a 0-d tensor, not shape (1,)."""
LOSES = {"test_ex3_classifier_hidden"}
EDITS = {"ex3_classifier": [("return self.head(last).squeeze(-1)", "return self.head(last).squeeze()")]}
