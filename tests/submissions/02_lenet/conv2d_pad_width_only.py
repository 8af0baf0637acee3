"""Convolution by hand padded with F.pad(x, (padding, padding)), which pads only the width (the last dimension)."""
LOSES = {"test_ex2_conv2d_visible", "test_ex2_conv2d_hidden"}
CELLS = {"ex2_conv2d": '''
def conv2d(x, weight, bias=None, stride=1, padding=0):
    x = F.pad(x, (padding, padding))
    n, _, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1
    columns = F.unfold(x, (kh, kw), stride=stride)
    out = weight.reshape(c_out, -1) @ columns
    if bias is not None:
        out = out + bias.view(1, c_out, 1)
    return out.view(n, c_out, h_out, w_out)
'''}
