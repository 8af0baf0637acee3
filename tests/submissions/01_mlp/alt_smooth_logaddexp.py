"""Alternative (full marks): softplus with torch.logaddexp, GELU with torch.special.ndtr (Phi), ELU and SELU with torch.where on clamped exponentials."""
LOSES: set[str] = set()
CELLS = {"ex3_activations_smooth": '''
def elu(x, alpha=1.0):
    negative = alpha * (torch.exp(torch.clamp(x, max=0)) - 1)
    return torch.where(x > 0, x, negative)


def gelu(x):
    return x * torch.special.ndtr(x)


def softplus(x):
    return torch.logaddexp(x, torch.zeros_like(x))


def selu(x, lam=1.0507, alpha=1.67326):
    return lam * elu(x, alpha)
'''}
