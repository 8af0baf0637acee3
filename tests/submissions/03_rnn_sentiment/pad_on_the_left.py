"""pad_batch pads on the left (the ids at the end of the row), where the docstring says right padding."""
LOSES = {"test_ex1_pad_visible", "test_ex1_pad_hidden"}
EDITS = {"ex1_pad": [("ids[row, : len(kept)] = torch.tensor(kept, dtype=torch.long)",
                      "ids[row, max_len - len(kept) :] = torch.tensor(kept, dtype=torch.long)")]}
