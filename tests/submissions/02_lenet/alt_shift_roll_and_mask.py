"""Alternative (full marks): torch.roll, then the rows and columns that wrapped around set to zero."""
LOSES: set[str] = set()
CELLS = {"ex8_shift": '''
def shift_images(images, dx, dy):
    h, w = images.shape[-2:]
    shifted = torch.roll(images, shifts=(dy, dx), dims=(-2, -1))
    rows = torch.arange(h).view(-1, 1) - dy
    cols = torch.arange(w).view(1, -1) - dx
    inside = (rows >= 0) & (rows < h) & (cols >= 0) & (cols < w)  # the source pixel lies in the image
    return torch.where(inside, shifted, torch.zeros((), dtype=images.dtype))
'''}
