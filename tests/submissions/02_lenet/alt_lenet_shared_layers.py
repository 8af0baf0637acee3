"""Alternative (full marks): one activation and one pooling instance (they have no parameters) used at every
place of both nn.Sequential, the flatten size written as 400."""
LOSES: set[str] = set()
CELLS = {"ex5_lenet": '''
class LeNet5(nn.Module):
    def __init__(self, classic=False):
        super().__init__()
        act = nn.Tanh() if classic else nn.ReLU()
        pool = nn.AvgPool2d(2) if classic else nn.MaxPool2d(2)
        self.features = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), act, pool, nn.Conv2d(6, 16, 5), act, pool)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(400, 120), act, nn.Linear(120, 84), act,
                                        nn.Linear(84, 10))

    def forward(self, x):
        return self.classifier(self.features(x))
'''}
