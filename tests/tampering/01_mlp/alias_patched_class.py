"""A library class the tests compare with (nn.Linear), patched through another name for torch.nn."""
KIND = "patching a library class through an alias"
CELLS = {"ex1_vanilla_mlp": '''
layers = nn
layers.Linear.forward = lambda self, x: torch.zeros(x.shape[0], self.out_features)
'''}
FLAGGED = "ex1_vanilla_mlp"
