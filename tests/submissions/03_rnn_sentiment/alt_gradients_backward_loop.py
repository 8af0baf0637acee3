"""Alternative (full marks): backward() on a copy made with torch.tensor (which warns: a warning is no failure), one norm per step in a loop."""
LOSES: set[str] = set()
CELLS = {"ex4_gradients": r'''
def input_gradient_norms(rnn, x):
    leaf = torch.tensor(x.detach(), requires_grad=True)
    outputs, _ = rnn(leaf)
    loss = outputs[:, -1].sum()
    loss.backward()
    norms = [torch.sqrt((leaf.grad[:, t] ** 2).sum()) for t in range(leaf.shape[1])]
    return torch.stack(norms).detach()
'''}
