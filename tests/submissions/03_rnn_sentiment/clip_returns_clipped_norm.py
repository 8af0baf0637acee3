"""The norm returned is computed again after clipping (at most max_norm), not the total norm before it."""
LOSES = {"test_ex4_clip_visible", "test_ex4_clip_hidden", "test_ex4_clipped_step_visible", "test_ex4_clipped_step_hidden"}
EDITS = {
    "ex4_clip": [
        ("    return total\n", "    return torch.sqrt(sum((g ** 2).sum() for g in grads))\n"),
    ],
}
