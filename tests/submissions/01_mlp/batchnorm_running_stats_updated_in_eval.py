"""Batch norm that normalizes correctly in each mode, but updates its running estimates at every forward pass,
in eval mode too: inference changes the statistics it relies on."""
LOSES = {"test_ex10_batchnorm_hidden"}
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
        mean, var = x.mean(dim=0), x.var(dim=0, unbiased=False)
        if self.training:
            out = self.weight * (x - mean) / torch.sqrt(var + self.eps) + self.bias
        else:
            out = self.weight * (x - self.running_mean) / torch.sqrt(self.running_var + self.eps) + self.bias
        m = x.shape[0]
        with torch.no_grad():
            self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
            self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * m / (m - 1))
        return out
'''}
