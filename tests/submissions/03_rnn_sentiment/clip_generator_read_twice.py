"""The parameters read twice: a generator (model.parameters()) is empty the second time, so nothing is clipped."""
LOSES = {"test_ex4_clip_hidden", "test_ex4_clipped_step_visible", "test_ex4_clipped_step_hidden"}
CELLS = {"ex4_clip": r'''
def clip_grad_norm_(parameters, max_norm):
    total = torch.sqrt(sum((p.grad ** 2).sum() for p in parameters if p.grad is not None))
    if total > max_norm:
        for p in parameters:
            if p.grad is not None:
                p.grad.mul_(max_norm / (total + 1e-6))
    return total
'''}
