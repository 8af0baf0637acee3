"""Batch norm whose running variance averages the biased batch variance (1/m) instead of PyTorch's unbiased one."""
LOSES = {'test_ex10_batchnorm_hidden'}
EDITS = {'ex10_batchnorm': [('self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * m / (m - 1))', 'self.running_var.mul_(1 - self.momentum).add_(self.momentum * var)')]}
