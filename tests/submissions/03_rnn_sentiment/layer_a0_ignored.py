"""The given initial state a0 is ignored: every sequence starts from zeros."""
LOSES = {"test_ex2_layer_hidden"}
EDITS = {"ex2_layer": [("a = x.new_zeros(x.shape[0], self.cell.hidden_size) if a0 is None else a0",
                        "a = torch.zeros(x.shape[0], self.cell.hidden_size)")]}
