"""Softmax without subtracting the row maximum: e^1000 overflows to inf and the row becomes NaN."""
LOSES = {"test_ex4_softmax_hidden"}
EDITS = {"ex4_softmax": [("shifted = z - z.max(dim=1, keepdim=True).values", "shifted = z")]}
