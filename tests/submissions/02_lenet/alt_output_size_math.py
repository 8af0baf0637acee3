"""Alternative (full marks): the output size with math.floor and explicit pairs, no helper function."""
LOSES: set[str] = set()
CELLS = {"ex1_output_size": '''
import math


def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    args = [size, kernel_size, stride, padding, dilation]
    h_args = [a if isinstance(a, int) else a[0] for a in args]
    w_args = [a if isinstance(a, int) else a[1] for a in args]
    out = []
    for n, k, s, p, d in (h_args, w_args):
        out.append(int(math.floor((n + 2 * p - d * (k - 1) - 1) / s + 1)))
    return (out[0], out[1])
'''}
