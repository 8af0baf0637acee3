"""Alternative (full marks): a correct softmax that copies its input with torch.tensor(z), which makes
PyTorch warn (UserWarning) at every call: a warning is not a failure."""
LOSES: set[str] = set()
CELLS = {"ex4_softmax": '''
def softmax(z):
    z = torch.tensor(z)
    shifted = z - z.max(dim=1, keepdim=True).values
    return shifted.exp() / shifted.exp().sum(dim=1, keepdim=True)
'''}
