"""VanillaMLP with one output whatever n_classes (the slide's nn.Linear(3, 1) copied)."""
LOSES = {'test_ex1_vanilla_mlp_hidden'}
EDITS = {'ex1_vanilla_mlp': [('self.fc2 = nn.Linear(3, n_classes)', 'self.fc2 = nn.Linear(3, 1)')]}
