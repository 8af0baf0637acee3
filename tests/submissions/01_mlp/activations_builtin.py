"""Activations "from scratch" that call torch's own (sigmoid, tanh) and a tensor method (relu)."""
LOSES = {"test_ex3_activations_basic_visible"}
CELLS = {"ex3_activations_basic": '''
def sigmoid(x):
    return torch.sigmoid(x)


def tanh(x):
    return torch.tanh(x)


def relu(x):
    return x.relu()


def leaky_relu(x, slope=0.1):
    return torch.where(x > 0, x, slope * x)
'''}
