"""VanillaMLP with a ReLU after the output layer too: relu(fc2(relu(fc1(x))))."""
LOSES = {'test_ex1_vanilla_mlp_hidden', 'test_ex1_vanilla_mlp_visible'}
EDITS = {'ex1_vanilla_mlp': [('return self.fc2(self.relu(self.fc1(x)))', 'return self.relu(self.fc2(self.relu(self.fc1(x))))')]}
