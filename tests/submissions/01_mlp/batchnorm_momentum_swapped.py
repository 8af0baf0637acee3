"""Batch norm with the momentum on the old estimate: momentum * running + (1 - momentum) * batch statistic."""
LOSES = {'test_ex10_batchnorm_hidden'}
EDITS = {'ex10_batchnorm': [('self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)', 'self.running_mean.mul_(self.momentum).add_((1 - self.momentum) * mean)'), ('self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * m / (m - 1))', 'self.running_var.mul_(self.momentum).add_((1 - self.momentum) * var * m / (m - 1))')]}
