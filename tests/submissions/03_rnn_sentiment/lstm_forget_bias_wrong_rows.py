"""The forget-gate bias added to the first block of b, the input gate's rows, instead of b[H:2H]."""
LOSES = {"test_ex2_lstm_cell_hidden"}
EDITS = {
    "ex2_lstm_cell": [
        ("self.b[hidden_size : 2 * hidden_size] += forget_bias", "self.b[:hidden_size] += forget_bias"),
    ],
}
