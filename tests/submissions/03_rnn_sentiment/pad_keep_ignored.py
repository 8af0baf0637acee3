"""The keep argument is ignored: long sequences always keep their last max_len ids."""
LOSES = {"test_ex1_pad_hidden"}
EDITS = {"ex1_pad": [('if keep == "last" and len(sequence) > max_len', 'if len(sequence) > max_len')]}
