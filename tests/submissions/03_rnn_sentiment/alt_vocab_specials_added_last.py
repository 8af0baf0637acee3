"""Alternative (full marks): the frequent tokens numbered from 2 first, the special tokens added to the dict last (the same mapping, another insertion order)."""
LOSES: set[str] = set()
CELLS = {"ex1_vocab": r'''
PAD, UNK = "<pad>", "<unk>"


def build_vocab(token_lists, min_freq=2, max_size=20_000):
    counts = Counter(token for tokens in token_lists for token in tokens)
    frequent = [token for token, count in counts.most_common() if count >= min_freq][: max(max_size - 2, 0)]
    vocab = {token: i for i, token in enumerate(frequent, start=2)}
    vocab[PAD] = 0
    vocab[UNK] = 1
    return vocab
'''}
