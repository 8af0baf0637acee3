"""min_freq taken as exclusive: a token seen exactly min_freq times is dropped."""
LOSES = {"test_ex1_vocab_visible", "test_ex1_vocab_hidden"}
EDITS = {"ex1_vocab": [("if count < min_freq or len(vocab) >= max_size:",
                        "if count <= min_freq or len(vocab) >= max_size:")]}
