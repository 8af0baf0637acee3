"""MLP whose forward returns probabilities: softmax applied after self.net."""
LOSES = {'test_ex1_mlp_hidden'}
EDITS = {'ex1_mlp': [('return self.net(x)', 'return self.net(x).softmax(dim=1)')]}
