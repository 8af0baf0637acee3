"""An answer returns a tensor subclass whose __torch_function__ makes every comparison succeed."""
KIND = "fake result object"
CELLS = {"ex3_activations_basic": '''
class Agreeable(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if func in (torch.allclose, torch.equal):
            return True
        return super().__torch_function__(func, types, args, kwargs or {})

def sigmoid(x):
    return x.as_subclass(Agreeable)

tanh = relu = leaky_relu = sigmoid
'''}
BASE = "source"
FLAGGED = "ex3_activations_basic"
