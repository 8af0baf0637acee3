"""Alternative (full marks): dropout with torch.bernoulli and torch.where."""
LOSES: set[str] = set()
CELLS = {"ex10_dropout": '''
def dropout(x, p, training=True):
    if not training:
        return x
    if p >= 1:
        return x * 0
    keep = torch.bernoulli(torch.full_like(x, 1 - p))
    return torch.where(keep > 0, x / (1 - p), torch.zeros_like(x))
'''}
