"""Output size with the padding counted on one side only (+ padding instead of + 2 x padding)."""
LOSES = {"test_ex1_output_size_visible", "test_ex1_output_size_hidden"}
CELLS = {"ex1_output_size": '''
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    def pair(value):
        return (value, value) if isinstance(value, int) else tuple(value)

    sizes, kernels, strides, paddings, dilations = map(pair, (size, kernel_size, stride, padding, dilation))
    return tuple((n + p - d * (k - 1) - 1) // s + 1
                 for n, k, s, p, d in zip(sizes, kernels, strides, paddings, dilations))
'''}
