"""Alternative (full marks): build the nn.Conv2d and read its weight's shape and parameter count."""
LOSES: set[str] = set()
CELLS = {"ex3_conv_params": '''
def conv2d_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    return tuple(nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups).weight.shape)


def conv2d_param_count(in_channels, out_channels, kernel_size, groups=1, bias=True):
    layer = nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups, bias=bias)
    return sum(p.numel() for p in layer.parameters())
'''}
