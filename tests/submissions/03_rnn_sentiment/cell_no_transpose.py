"""W_aa multiplies the state without its transpose (a_prev @ W_aa): the right shape, the wrong step."""
LOSES = {"test_ex2_cell_hidden"}
EDITS = {"ex2_cell": [("return torch.tanh(a_prev @ self.W_aa.T + x @ self.W_ax.T + self.b_a)",
                       "return torch.tanh(a_prev @ self.W_aa + x @ self.W_ax.T + self.b_a)")]}
