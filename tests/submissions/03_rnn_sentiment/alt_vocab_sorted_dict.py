"""Alternative (full marks): counts in a plain dict, a stable sort by decreasing count, then a slice to max_size."""
LOSES: set[str] = set()
CELLS = {"ex1_vocab": r'''
PAD, UNK = "<pad>", "<unk>"


def build_vocab(token_lists, min_freq=2, max_size=20_000):
    counts = {}
    for tokens in token_lists:
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
    frequent = [token for token in sorted(counts, key=counts.get, reverse=True) if counts[token] >= min_freq]
    words = frequent[: max(max_size - 2, 0)]
    return {PAD: 0, UNK: 1, **{token: i + 2 for i, token in enumerate(words)}}
'''}
