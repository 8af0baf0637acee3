"""The gradients are never zeroed: they add up from one step to the next."""
LOSES = {"test_ex4_clipped_step_hidden"}
EDITS = {
    "ex4_clipped_step": [
        ("    optimizer.zero_grad()\n", ""),
    ],
}
