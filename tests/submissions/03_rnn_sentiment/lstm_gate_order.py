"""The LSTM's four blocks read in the order i, f, o, g (the one many textbooks write), not PyTorch's i, f, g, o."""
LOSES = {"test_ex2_lstm_cell_visible", "test_ex2_lstm_cell_hidden"}
EDITS = {
    "ex2_lstm_cell": [
        ("i, f, g, o = z.chunk(4, dim=1)", "i, f, o, g = z.chunk(4, dim=1)"),
    ],
}
