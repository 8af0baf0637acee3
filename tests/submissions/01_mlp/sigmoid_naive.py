"""Sigmoid straight from the formula, 1 / (1 + e^-x): right values, but e^-x overflows for x << 0 and autograd's gradient is nan there."""
LOSES = {'test_ex3_activations_basic_hidden'}
EDITS = {'ex3_activations_basic': [('    e = torch.exp(-x.abs())\n    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))', '    return 1 / (1 + torch.exp(-x))')]}
