"""Unknown words are encoded as <pad> (0) instead of <unk> (1)."""
LOSES = {'test_ex1_encode_visible'}
CELLS = {
    'ex1_encode': r'''
def encode(tokens: list[str], vocab: dict[str, int]) -> list[int]:
    """The id of each token (a list of Python ints); tokens missing from ``vocab`` get the id of "<unk>" (1).

    Example: encode(["good", "zzz"], {"<pad>": 0, "<unk>": 1, "good": 2}) == [2, 1]
    """
    return [vocab.get(token, 0) for token in tokens]
''',
}
