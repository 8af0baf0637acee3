"""The forget-gate bias added in forward at every step, on top of b (copied weights no longer give nn.LSTMCell's cell)."""
LOSES = {"test_ex2_lstm_cell_visible", "test_ex2_lstm_cell_hidden"}
EDITS = {
    "ex2_lstm_cell": [
        ("self.b[hidden_size : 2 * hidden_size] += forget_bias", "self.forget_bias = forget_bias"),
        ("c = torch.sigmoid(f) * c_prev", "c = torch.sigmoid(f + self.forget_bias) * c_prev"),
    ],
}
