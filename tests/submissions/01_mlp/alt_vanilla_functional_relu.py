"""Alternative (full marks): VanillaMLP whose forward calls F.relu (self.relu, an in-place nn.ReLU, is still defined under the slide's name)."""
LOSES: set[str] = set()
CELLS = {"ex1_vanilla_mlp": '''
class VanillaMLP(nn.Module):
    def __init__(self, n_classes=1):
        super().__init__()
        self.fc1, self.fc2, self.relu = nn.Linear(7, 3), nn.Linear(3, n_classes), nn.ReLU(inplace=True)

    def forward(self, x):
        hidden = F.relu(self.fc1(x))
        return self.fc2(hidden)
'''}
