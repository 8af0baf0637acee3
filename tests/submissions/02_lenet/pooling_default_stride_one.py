"""Pooling whose stride defaults to 1 (overlapping windows) instead of the kernel size."""
LOSES = {"test_ex4_pooling_visible", "test_ex4_pooling_hidden"}
CELLS = {"ex4_pooling": '''
def max_pool2d(x, kernel_size, stride=1):
    windows = x.unfold(2, kernel_size, stride).unfold(3, kernel_size, stride)
    return windows.flatten(start_dim=-2).amax(dim=-1)


def avg_pool2d(x, kernel_size, stride=1):
    windows = x.unfold(2, kernel_size, stride).unfold(3, kernel_size, stride)
    return windows.flatten(start_dim=-2).mean(dim=-1)
'''}
