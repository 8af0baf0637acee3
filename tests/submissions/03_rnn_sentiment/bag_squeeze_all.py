"""The baseline's logits are squeezed on every dimension (.squeeze()): a batch of one review gives a 0-d tensor."""
LOSES = {"test_ex5_bag_hidden"}
EDITS = {"ex5_bag": [("return self.head(mean).squeeze(-1)", "return self.head(mean).squeeze()")]}
