"""Gradient clipping applied to each parameter's gradient separately instead of by the total norm."""
LOSES = {"test_ex9_clip_gradients_visible", "test_ex9_clip_gradients_hidden"}
CELLS = {"ex9_clip_gradients": '''
def clip_gradients(parameters, max_norm: float) -> float:
    total = 0.0
    for p in parameters:
        if p.grad is None:
            continue
        norm = p.grad.norm().item()
        total += norm ** 2
        if norm > max_norm:
            p.grad.mul_(max_norm / norm)
    return total ** 0.5
'''}
