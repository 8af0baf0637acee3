"""Output size without the floor: true division returns floats such as 12.5."""
LOSES = {"test_ex1_output_size_visible", "test_ex1_output_size_hidden"}
CELLS = {"ex1_output_size": '''
def conv_output_size(size, kernel_size, stride=1, padding=0, dilation=1):
    def pair(value):
        return (value, value) if isinstance(value, int) else tuple(value)

    sizes, kernels, strides, paddings, dilations = map(pair, (size, kernel_size, stride, padding, dilation))
    return tuple((n + 2 * p - d * (k - 1) - 1) / s + 1
                 for n, k, s, p, d in zip(sizes, kernels, strides, paddings, dilations))
'''}
