"""Pooling "by hand" that calls PyTorch's pooling functions, which the exercise forbids."""
LOSES = {"test_ex4_pooling_visible"}
CELLS = {"ex4_pooling": '''
def max_pool2d(x, kernel_size, stride=None):
    return F.max_pool2d(x, kernel_size, stride)


def avg_pool2d(x, kernel_size, stride=None):
    return F.avg_pool2d(x, kernel_size, stride)
'''}
