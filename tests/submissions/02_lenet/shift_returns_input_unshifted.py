"""A shortcut for dx = dy = 0 that returns the input tensor itself instead of a new tensor (changing the
result then changes the images)."""
LOSES = {"test_ex8_shift_hidden"}
EDITS = {"ex8_shift": [("    shifted = torch.zeros_like(images)\n",
                        "    if dx == 0 and dy == 0:\n        return images\n    shifted = torch.zeros_like(images)\n")]}
