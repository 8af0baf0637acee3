"""Activations return a tensor subclass whose detach() hands the checks whatever they compare with."""
KIND = "a tensor subclass that answers for the checks"
CELLS = {"ex3_activations_basic": '''
class Echo(torch.Tensor):
    def detach(self):
        return torch.zeros(self.shape)

def sigmoid(x):
    return torch.zeros_like(x).as_subclass(Echo)

tanh = relu = leaky_relu = sigmoid
'''}
BASE = "source"
FLAGGED = "ex3_activations_basic"
