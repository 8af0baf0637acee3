"""Shift with torch.roll: the pixels pushed out come back on the other side instead of a black border."""
LOSES = {"test_ex8_shift_visible", "test_ex8_shift_hidden"}
CELLS = {"ex8_shift": '''
def shift_images(images, dx, dy):
    return torch.roll(images, shifts=(dy, dx), dims=(-2, -1))
'''}
