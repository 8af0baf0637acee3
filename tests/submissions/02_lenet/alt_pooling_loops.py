"""Alternative (full marks): pooling with loops over the output positions instead of unfold."""
LOSES: set[str] = set()
CELLS = {"ex4_pooling": '''
def _pool(x, kernel_size, stride, reduce):
    stride = stride or kernel_size
    n, c, h, w = x.shape
    h_out, w_out = (h - kernel_size) // stride + 1, (w - kernel_size) // stride + 1
    rows = []
    for i in range(h_out):
        row = [reduce(x[:, :, i * stride:i * stride + kernel_size, j * stride:j * stride + kernel_size].reshape(n, c, -1))
               for j in range(w_out)]
        rows.append(torch.stack(row, dim=-1))
    return torch.stack(rows, dim=-2)


def max_pool2d(x, kernel_size, stride=None):
    return _pool(x, kernel_size, stride, lambda window: window.max(dim=-1).values)


def avg_pool2d(x, kernel_size, stride=None):
    return _pool(x, kernel_size, stride, lambda window: window.mean(dim=-1))
'''}
