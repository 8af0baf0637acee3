"""Wrong flatten size: no padding in C1, so the first Linear is sized for 16 x 4 x 4 = 256 inputs."""
LOSES = {"test_ex5_lenet_visible", "test_ex5_lenet_hidden"}
CELLS = {"ex5_lenet": '''
class LeNet5(nn.Module):
    def __init__(self, classic=False):
        super().__init__()
        act = nn.Tanh if classic else nn.ReLU
        pool = nn.AvgPool2d if classic else nn.MaxPool2d
        self.features = nn.Sequential(nn.Conv2d(1, 6, 5), act(), pool(2), nn.Conv2d(6, 16, 5), act(), pool(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(16 * 4 * 4, 120), act(),
                                        nn.Linear(120, 84), act(), nn.Linear(84, 10))

    def forward(self, x):
        return self.classifier(self.features(x))
'''}
