"""MLP that builds one activation module and reuses it in every hidden layer (the text says: call activation() each time)."""
LOSES = {'test_ex1_mlp_visible', 'test_ex1_mlp_hidden'}
CELLS = {"ex1_mlp": '''
class MLP(nn.Module):
    def __init__(self, in_features, hidden_sizes, n_classes, activation=nn.ReLU, dropout=0.0, batchnorm=False):
        super().__init__()
        act = activation()
        layers = [nn.Flatten()]
        n_in = in_features
        for h in hidden_sizes:
            layers.append(nn.Linear(n_in, h))
            if batchnorm:
                layers.append(nn.BatchNorm1d(h))
            layers.append(act)
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
            n_in = h
        layers.append(nn.Linear(n_in, n_classes))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)
'''}
