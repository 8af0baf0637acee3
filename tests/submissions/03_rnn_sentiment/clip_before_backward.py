"""Clipping before backward(): the gradients were just zeroed, so nothing is clipped and the norm is 0."""
LOSES = {"test_ex4_clipped_step_visible", "test_ex4_clipped_step_hidden"}
EDITS = {
    "ex4_clipped_step": [
        ("    loss.backward()\n    norm = clip_grad_norm_(model.parameters(), max_norm)\n",
         "    norm = clip_grad_norm_(model.parameters(), max_norm)\n    loss.backward()\n"),
    ],
}
