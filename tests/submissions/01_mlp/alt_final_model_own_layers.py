"""Alternative (full marks): the final MLP uses the student's own BatchNorm (10c) and a maxout module (3c)."""
LOSES: set[str] = set()
CELLS = {"ex11_final_model": '''
FINAL_EPOCHS = BUDGET.pick(fast=1, full=10)
FINAL_BATCH_SIZE = 128


class Maxout(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.k = k

    def forward(self, z):
        return maxout(z, self.k)


def build_final_model():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), BatchNorm(512), Maxout(2),
                         nn.Linear(256, 256), BatchNorm(256), nn.ReLU(), nn.Linear(256, 10))


def configure_training(model, epochs):
    return torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9), None
'''}
