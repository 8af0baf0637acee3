"""lengths holds the length of each sequence before the cut (it can exceed max_len)."""
LOSES = {"test_ex1_pad_visible", "test_ex1_pad_hidden"}
EDITS = {"ex1_pad": [("lengths[row] = len(kept)", "lengths[row] = len(sequence)")]}
