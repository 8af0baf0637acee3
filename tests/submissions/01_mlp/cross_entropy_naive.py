"""Cross-entropy as log(softmax) in two steps: a probability that underflows to 0 gives log 0 = -inf."""
LOSES = {"test_ex4_cross_entropy_hidden"}
CELLS = {"ex4_cross_entropy": '''
def cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of logits (N, K) against class indices targets (N,)."""
    e = torch.exp(logits - logits.max(dim=1, keepdim=True).values)
    probabilities = e / e.sum(dim=1, keepdim=True)
    return -torch.log(probabilities[torch.arange(len(targets)), targets]).mean()
'''}
