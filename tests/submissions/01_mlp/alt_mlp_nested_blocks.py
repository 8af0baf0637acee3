"""Alternative (full marks): MLP whose self.net holds one nested nn.Sequential block per hidden layer."""
LOSES: set[str] = set()
CELLS = {"ex1_mlp": '''
class MLP(nn.Module):
    def __init__(self, in_features, hidden_sizes, n_classes, activation=nn.ReLU, dropout=0.0, batchnorm=False):
        super().__init__()
        blocks = []
        for n_in, n_out in zip([in_features] + list(hidden_sizes), hidden_sizes):
            block = [nn.Linear(n_in, n_out)] + ([nn.BatchNorm1d(n_out)] if batchnorm else []) + [activation()]
            block += [nn.Dropout(dropout)] if dropout > 0 else []
            blocks.append(nn.Sequential(*block))
        last = hidden_sizes[-1] if hidden_sizes else in_features
        self.net = nn.Sequential(nn.Flatten(), *blocks, nn.Linear(last, n_classes))

    def forward(self, x):
        return self.net(x)
'''}
