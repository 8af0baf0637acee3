"""Unknown tokens are skipped instead of encoded as <unk>: the review loses them."""
LOSES = {"test_ex1_encode_visible"}
CELLS = {"ex1_encode": r'''
def encode(tokens: list[str], vocab: dict[str, int]) -> list[int]:
    return [vocab[token] for token in tokens if token in vocab]
'''}
