"""Alternative (full marks): clipping with torch.linalg.vector_norm and a clamped coefficient, as PyTorch does."""
LOSES: set[str] = set()
CELLS = {"ex9_clip_gradients": '''
def clip_gradients(parameters, max_norm: float) -> float:
    params = [p for p in parameters if p.grad is not None]
    if len(params) == 0:
        return 0.0
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(p.grad) for p in params]))
    coef = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    for p in params:
        p.grad.mul_(coef)
    return float(total)
'''}
