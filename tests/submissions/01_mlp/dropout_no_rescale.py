"""Dropout that zeroes entries with probability p but does not scale the survivors by 1 / (1 - p)."""
LOSES = {"test_ex10_dropout_visible", "test_ex10_dropout_hidden"}
CELLS = {"ex10_dropout": '''
def dropout(x: torch.Tensor, p: float, training: bool = True) -> torch.Tensor:
    if not training:
        return x
    mask = (torch.rand_like(x) >= p).to(x.dtype)
    return x * mask
'''}
