"""Each gradient clipped to max_norm on its own (its own norm, its own factor), not by the total norm."""
LOSES = {"test_ex4_clip_visible", "test_ex4_clip_hidden", "test_ex4_clipped_step_hidden"}
CELLS = {"ex4_clip": r'''
def clip_grad_norm_(parameters, max_norm):
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = torch.sqrt(sum((g.detach() ** 2).sum() for g in grads))
    for g in grads:
        norm = g.norm()
        if norm > max_norm:
            g.mul_(max_norm / (norm + 1e-6))
    return total
'''}
