"""Gradient clipping that returns the norm after clipping instead of before (clip_grad_norm_ returns the total norm before)."""
LOSES = {"test_ex9_clip_gradients_hidden"}
EDITS = {"ex9_clip_gradients": [("    return total\n", "    return min(total, max_norm)\n")]}
