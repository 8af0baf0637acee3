"""Dropout without the p = 1 case: x * 0 / (1 - 1) = nan."""
LOSES = {'test_ex10_dropout_hidden'}
CELLS = {"ex10_dropout": '''
def dropout(x, p, training=True):
    if not training:
        return x
    keep = (torch.rand_like(x) >= p).to(x.dtype)
    return x * keep / (1 - p)
'''}
