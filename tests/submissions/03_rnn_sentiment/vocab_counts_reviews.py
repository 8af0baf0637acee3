"""The vocabulary counts how many reviews contain a token instead of how often it occurs."""
LOSES = {"test_ex1_vocab_hidden"}
EDITS = {"ex1_vocab": [("for tokens in token_lists for token in tokens)",
                        "for tokens in token_lists for token in dict.fromkeys(tokens))")]}
