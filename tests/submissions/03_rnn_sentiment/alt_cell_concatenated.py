"""Alternative (full marks): one product of the concatenated state and input with [W_aa | W_ax]."""
LOSES: set[str] = set()
EDITS = {"ex2_cell": [("return torch.tanh(a_prev @ self.W_aa.T + x @ self.W_ax.T + self.b_a)",
                       "weights = torch.cat([self.W_aa, self.W_ax], dim=1)\n"
                       "        return torch.tanh(torch.cat([a_prev, x], dim=1) @ weights.T + self.b_a)")]}
