"""Alternative (full marks): activations with torch.where and explicit branches instead of clamp/maximum."""
LOSES: set[str] = set()
CELLS = {"ex3_activations_basic": '''
def sigmoid(x):
    positive = 1 / (1 + torch.exp(-torch.clamp(x, min=0)))
    z = torch.exp(torch.clamp(x, max=0))
    return torch.where(x >= 0, positive, z / (1 + z))


def tanh(x):
    return 2 * sigmoid(2 * x) - 1


def relu(x):
    return torch.where(x > 0, x, torch.zeros_like(x))


def leaky_relu(x, slope=0.1):
    return torch.where(x > 0, x, slope * x)
'''}
