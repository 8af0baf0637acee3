"""Softmax normalized over the batch (dim=0) instead of over the classes (dim=1)."""
LOSES = {"test_ex4_softmax_visible", "test_ex4_softmax_hidden"}
CELLS = {"ex4_softmax": '''
def softmax(z: torch.Tensor) -> torch.Tensor:
    """Softmax of logits z (N, K) over the K classes."""
    shifted = z - z.max(dim=0, keepdim=True).values
    e = torch.exp(shifted)
    return e / e.sum(dim=0, keepdim=True)
'''}
