"""The Elman cell squashes its state with ReLU instead of the slides' tanh."""
LOSES = {"test_ex2_cell_visible", "test_ex2_cell_hidden"}
EDITS = {"ex2_cell": [("return torch.tanh(a_prev @ self.W_aa.T + x @ self.W_ax.T + self.b_a)",
                       "return torch.relu(a_prev @ self.W_aa.T + x @ self.W_ax.T + self.b_a)")]}
