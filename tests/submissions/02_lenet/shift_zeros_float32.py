"""Shift into torch.zeros(images.shape): a float32 result whatever the input's dtype (float64 loses precision)."""
LOSES = {"test_ex8_shift_hidden"}
EDITS = {"ex8_shift": [("shifted = torch.zeros_like(images)", "shifted = torch.zeros(images.shape)")]}
