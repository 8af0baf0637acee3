"""The new state read from the cell state without the output gate: a = tanh(c)."""
LOSES = {"test_ex2_lstm_cell_visible", "test_ex2_lstm_cell_hidden"}
EDITS = {
    "ex2_lstm_cell": [
        ("a = torch.sigmoid(o) * torch.tanh(c)", "a = torch.tanh(c)"),
    ],
}
