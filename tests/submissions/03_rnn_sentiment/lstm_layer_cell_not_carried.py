"""The unrolled LSTM carries a but not c: every step starts again from the initial cell state."""
LOSES = {"test_ex2_lstm_layer_visible", "test_ex2_lstm_layer_hidden"}
EDITS = {
    "ex2_lstm_layer": [
        ("a, c = self.cell(x[:, t], (a, c))", "a, _ = self.cell(x[:, t], (a, c))"),
    ],
}
