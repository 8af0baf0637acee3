"""Alternative (full marks): windows cut with the tensor method x.unfold (with the stride) and one einsum."""
LOSES: set[str] = set()
CELLS = {"ex2_conv2d": '''
def conv2d(x, weight, bias=None, stride=1, padding=0):
    _, _, kh, kw = weight.shape
    padded = F.pad(x, [padding] * 4)
    windows = padded.unfold(2, kh, stride).unfold(3, kw, stride)  # (N, C_in, H_out, W_out, kH, kW)
    out = torch.einsum("nchwuv,ocuv->nohw", windows, weight)
    return out if bias is None else out + bias[None, :, None, None]
'''}
