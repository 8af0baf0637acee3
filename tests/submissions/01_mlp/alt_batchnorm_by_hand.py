"""Alternative (full marks): batch norm with sums written out, statistics detached for the running estimates instead of torch.no_grad()."""
LOSES: set[str] = set()
CELLS = {"ex10_batchnorm": '''
class BatchNorm(nn.Module):
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        if self.training:
            m = x.shape[0]
            mean = x.sum(dim=0) / m
            var = ((x - mean) ** 2).sum(dim=0) / m
            self.running_mean.copy_((1 - self.momentum) * self.running_mean + self.momentum * mean.detach())
            self.running_var.copy_((1 - self.momentum) * self.running_var + self.momentum * var.detach() * m / (m - 1))
        else:
            mean, var = self.running_mean, self.running_var
        return self.weight * ((x - mean) / (var + self.eps) ** 0.5) + self.bias
'''}
