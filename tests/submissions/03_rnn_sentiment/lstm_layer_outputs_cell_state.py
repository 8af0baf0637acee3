"""The unrolled LSTM returns the cell states c<t> as its outputs instead of the states a<t>."""
LOSES = {"test_ex2_lstm_layer_visible", "test_ex2_lstm_layer_hidden"}
EDITS = {
    "ex2_lstm_layer": [
        ("outputs.append(a)", "outputs.append(c)"),
    ],
}
