"""The vocabulary is built from all the reviews, the test reviews included (a leak)."""
LOSES = {'test_ex1_splits_hidden'}
CELLS = {
    'ex1_splits': r'''
MAX_LEN, MIN_FREQ, MAX_VOCAB = BUDGET.pick(fast=128, full=256), 2, 20_000
vocab = build_vocab(train_tokens + val_tokens + test_tokens, min_freq=MIN_FREQ, max_size=MAX_VOCAB)
train_ids, train_lengths = pad_batch([encode(tokens, vocab) for tokens in train_tokens], MAX_LEN)
val_ids, val_lengths = pad_batch([encode(tokens, vocab) for tokens in val_tokens], MAX_LEN)
test_ids, test_lengths = pad_batch([encode(tokens, vocab) for tokens in test_tokens], MAX_LEN)
print(f"vocabulary: {len(vocab):,} tokens; train_ids {tuple(train_ids.shape)}, "
      f"val_ids {tuple(val_ids.shape)}, test_ids {tuple(test_ids.shape)}")
''',
}
