"""ELU, GELU, softplus and SELU through torch.nn.functional (SELU as lam * F.elu), which the exercise forbids."""
LOSES = {"test_ex3_activations_smooth_visible"}
CELLS = {"ex3_activations_smooth": '''
import torch.nn.functional as F


def elu(x, alpha=1.0):
    return F.elu(x, alpha)


def gelu(x):
    return F.gelu(x)


def softplus(x):
    return F.softplus(x)


def selu(x, lam=1.0507, alpha=1.67326):
    return lam * F.elu(x, alpha)
'''}
