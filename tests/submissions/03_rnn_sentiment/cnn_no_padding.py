"""Conv1d without padding: T - k + 1 positions, the mask of the T columns no longer fits (and a review shorter than the kernel fails)."""
LOSES = {"test_ex8_cnn_visible", "test_ex8_cnn_hidden"}
EDITS = {
    "ex8_cnn": [
        ("padding=kernel_size // 2)\n        self.head", "padding=0)\n        self.head"),
    ],
}
