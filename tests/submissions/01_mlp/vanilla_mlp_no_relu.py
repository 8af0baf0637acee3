"""VanillaMLP whose forward forgets the ReLU between the layers: fc2(fc1(x)), a linear model."""
LOSES = {'test_ex1_vanilla_mlp_hidden', 'test_ex1_vanilla_mlp_visible'}
EDITS = {'ex1_vanilla_mlp': [('return self.fc2(self.relu(self.fc1(x)))', 'return self.fc2(self.fc1(x))')]}
