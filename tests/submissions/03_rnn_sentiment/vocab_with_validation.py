"""The vocabulary is built from the training and the validation reviews (the validation set is not training data)."""
LOSES = {"test_ex1_splits_hidden"}
EDITS = {"ex1_splits": [("vocab = build_vocab(train_tokens, min_freq=MIN_FREQ, max_size=MAX_VOCAB)",
                         "vocab = build_vocab(train_tokens + val_tokens, min_freq=MIN_FREQ, max_size=MAX_VOCAB)")]}
