"""Weight shape and parameter count that ignore groups: (out, in, kH, kW) instead of (out, in / groups, kH, kW)."""
LOSES = {"test_ex3_conv_params_hidden"}
CELLS = {"ex3_conv_params": '''
def conv2d_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return (out_channels, in_channels, kh, kw)


def conv2d_param_count(in_channels, out_channels, kernel_size, groups=1, bias=True):
    c_out, c_in, kh, kw = conv2d_weight_shape(in_channels, out_channels, kernel_size, groups)
    return c_out * c_in * kh * kw + (out_channels if bias else 0)
'''}
