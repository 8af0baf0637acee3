"""max_size words are kept besides <pad> and <unk>: the vocabulary holds max_size + 2 entries."""
LOSES = {"test_ex1_vocab_hidden"}
EDITS = {"ex1_vocab": [("if count < min_freq or len(vocab) >= max_size:",
                        "if count < min_freq or len(vocab) >= max_size + 2:")]}
