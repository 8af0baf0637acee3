"""Alternative (full marks): named layers in an OrderedDict, padding="same", keyword pooling, flatten in forward too."""
LOSES: set[str] = set()
CELLS = {"ex5_lenet": '''
from collections import OrderedDict


class LeNet5(nn.Module):
    def __init__(self, classic=False):
        super().__init__()
        activation = {True: nn.Tanh, False: nn.ReLU}[classic]
        pooling = {True: nn.AvgPool2d, False: nn.MaxPool2d}[classic]
        self.features = nn.Sequential(OrderedDict([
            ("c1", nn.Conv2d(1, 6, kernel_size=(5, 5), padding="same")), ("act1", activation()),
            ("s2", pooling(kernel_size=2, stride=2)),
            ("c3", nn.Conv2d(6, 16, kernel_size=5)), ("act3", activation()),
            ("s4", pooling(kernel_size=2, stride=2)),
        ]))
        self.classifier = nn.Sequential(OrderedDict([
            ("flatten", nn.Flatten(start_dim=1)),
            ("f5", nn.Linear(400, 120)), ("act5", activation()),
            ("f6", nn.Linear(120, 84)), ("act6", activation()),
            ("output", nn.Linear(84, 10)),
        ]))

    def forward(self, x):
        features = self.features(x)
        return self.classifier(features.reshape(features.shape[0], -1))
'''}
