"""Alternative (full marks): convolution with loops over the output positions, padding with F.pad."""
LOSES: set[str] = set()
CELLS = {"ex2_conv2d": '''
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x = F.pad(x, (padding, padding, padding, padding))
    n, c_in, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1
    out = torch.zeros(n, c_out, h_out, w_out, dtype=x.dtype)
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[:, :, i, j] = torch.einsum("nchw,ochw->no", window, weight)
    if bias is not None:
        out += bias.view(1, -1, 1, 1)
    return out
'''}
