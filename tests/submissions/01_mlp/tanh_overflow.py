"""tanh from the textbook formula (e^x - e^-x) / (e^x + e^-x): inf / inf = nan for |x| > 89 in float32."""
LOSES = {"test_ex3_activations_basic_hidden"}
CELLS = {"ex3_activations_basic": '''
def sigmoid(x: torch.Tensor) -> torch.Tensor:
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def tanh(x: torch.Tensor) -> torch.Tensor:
    return (torch.exp(x) - torch.exp(-x)) / (torch.exp(x) + torch.exp(-x))


def relu(x: torch.Tensor) -> torch.Tensor:
    return torch.clamp(x, min=0)


def leaky_relu(x: torch.Tensor, slope: float = 0.1) -> torch.Tensor:
    return torch.maximum(slope * x, x)
'''}
