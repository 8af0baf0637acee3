"""Softmax straight from the formula, without subtracting the row max: exp overflows to inf, inf / inf = nan."""
LOSES = {"test_ex4_softmax_hidden"}
CELLS = {"ex4_softmax": '''
def softmax(z: torch.Tensor) -> torch.Tensor:
    """Softmax of logits z (N, K) over the K classes."""
    e = torch.exp(z)
    return e / e.sum(dim=1, keepdim=True)
'''}
