"""softplus as log(1 + e^x): e^x overflows to inf for x > 88."""
LOSES = {'test_ex3_activations_smooth_hidden'}
EDITS = {'ex3_activations_smooth': [('return torch.clamp(x, min=0) + torch.log1p(torch.exp(-x.abs()))', 'return torch.log1p(torch.exp(x))')]}
