"""L2 penalty with lam / N (the 1/2 of the slides' lam / 2N forgotten)."""
LOSES = {"test_ex10_penalty_visible", "test_ex10_penalty_hidden"}
CELLS = {"ex10_penalty": '''
def weight_penalty(model: nn.Module, lam: float, n_samples: int, p: int = 2) -> torch.Tensor:
    total = sum(m.weight.abs().pow(p).sum() for m in model.modules() if isinstance(m, nn.Linear))
    return lam / n_samples * total
'''}
