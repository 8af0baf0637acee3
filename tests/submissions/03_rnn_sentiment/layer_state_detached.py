"""The state is detached before each step: the forward values are right, backpropagation stops after one step."""
LOSES = {"test_ex2_layer_hidden"}
EDITS = {"ex2_layer": [("a = self.cell(x[:, t], a)", "a = self.cell(x[:, t], a.detach())")]}
