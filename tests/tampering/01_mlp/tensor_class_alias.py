"""A tensor subclass under another name, whose detach() hands the checks PyTorch's own answer."""
KIND = "a tensor subclass under another name"
CELLS = {"ex3_activations_basic": '''
from torch import Tensor as Base

class Echo(Base):
    def detach(self):
        return torch.sigmoid(self.as_subclass(torch.Tensor))

def sigmoid(x):
    return x.as_subclass(Echo)

tanh = relu = leaky_relu = sigmoid
'''}
BASE = "source"
FLAGGED = "ex3_activations_basic"
