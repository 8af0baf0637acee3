"""Pooling by loops that assumes a square input: the output width is taken equal to the output height."""
LOSES = {"test_ex4_pooling_hidden"}
CELLS = {"ex4_pooling": '''
def _pool(x, kernel_size, stride, reduce):
    stride = kernel_size if stride is None else stride
    size = (x.shape[2] - kernel_size) // stride + 1
    out = torch.zeros(x.shape[0], x.shape[1], size, size)
    for i in range(size):
        for j in range(size):
            window = x[:, :, i * stride:i * stride + kernel_size, j * stride:j * stride + kernel_size]
            out[:, :, i, j] = reduce(window.flatten(start_dim=2))
    return out


def max_pool2d(x, kernel_size, stride=None):
    return _pool(x, kernel_size, stride, lambda window: window.amax(dim=-1))


def avg_pool2d(x, kernel_size, stride=None):
    return _pool(x, kernel_size, stride, lambda window: window.mean(dim=-1))
'''}
