"""forward_backward that lets autograd compute the gradients (under torch.enable_grad), which the exercise forbids."""
LOSES = {'test_ex5_backprop_visible'}
CELLS = {"ex5_backprop": '''
def forward_backward(x, y, W1, b1, W2, b2):
    with torch.enable_grad():
        leaves = [t.detach().clone().requires_grad_(True) for t in (W1, b1, W2, b2)]
        a = torch.sigmoid(x @ leaves[0].T + leaves[1]) @ leaves[2].T + leaves[3]
        loss = ((a - y) ** 2).sum() / x.shape[0]
        grads = torch.autograd.grad(loss, leaves)
    return loss.detach(), dict(zip(("W1", "b1", "W2", "b2"), grads))
'''}
