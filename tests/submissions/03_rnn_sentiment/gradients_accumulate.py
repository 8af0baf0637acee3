"""The gradient is left in x.grad (requires_grad_ on a leaf, retain_grad inside a graph): a second call on the same x adds to it."""
LOSES = {"test_ex4_gradients_hidden"}
CELLS = {"ex4_gradients": r'''
def input_gradient_norms(rnn: nn.Module, x: torch.Tensor) -> torch.Tensor:
    if x.is_leaf:
        x.requires_grad_(True)
    else:
        x.retain_grad()
    outputs, _ = rnn(x)
    outputs[:, -1].sum().backward()
    return x.grad.norm(dim=(0, 2))
'''}
