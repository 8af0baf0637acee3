"""Alternative (full marks): the factor clamped at 1 and applied to every gradient, as PyTorch does, with torch.linalg.vector_norm."""
LOSES: set[str] = set()
CELLS = {"ex4_clip": r'''
def clip_grad_norm_(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    if len(grads) == 0:
        return torch.tensor(0.0)
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads]))
    factor = (max_norm / (total + 1e-6)).clamp(max=1.0)
    for g in grads:
        g.mul_(factor)
    return total
'''}
