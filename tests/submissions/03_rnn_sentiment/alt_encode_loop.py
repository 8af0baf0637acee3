"""Alternative (full marks): encode with a loop and a membership test."""
LOSES: set[str] = set()
CELLS = {"ex1_encode": '''
def encode(tokens, vocab):
    ids = []
    for token in tokens:
        if token in vocab:
            ids.append(vocab[token])
        else:
            ids.append(vocab["<unk>"])
    return ids
'''}
