"""The parts are padded to 256 columns, the full-mode value, instead of MAX_LEN."""
LOSES = {"test_ex1_splits_hidden"}
CELLS = {"ex1_splits": r'''
MAX_LEN, MIN_FREQ, MAX_VOCAB = BUDGET.pick(fast=128, full=256), 2, 20_000
vocab = build_vocab(train_tokens, min_freq=MIN_FREQ, max_size=MAX_VOCAB)
train_ids, train_lengths = pad_batch([encode(tokens, vocab) for tokens in train_tokens], 256)
val_ids, val_lengths = pad_batch([encode(tokens, vocab) for tokens in val_tokens], 256)
test_ids, test_lengths = pad_batch([encode(tokens, vocab) for tokens in test_tokens], 256)
'''}
