"""The forget gate's biases set to forget_bias instead of shifted by it: their random initialization is lost."""
LOSES = {"test_ex2_lstm_cell_hidden"}
EDITS = {"ex2_lstm_cell": [("self.b[hidden_size : 2 * hidden_size] += forget_bias",
                            "self.b[hidden_size : 2 * hidden_size] = forget_bias")]}
