"""Batch norm dividing by sqrt(var) + eps instead of sqrt(var + eps)."""
LOSES = {'test_ex10_batchnorm_hidden'}
EDITS = {'ex10_batchnorm': [('x_hat = (x - mean) / torch.sqrt(var + self.eps)', 'x_hat = (x - mean) / (torch.sqrt(var) + self.eps)')]}
