"""ELU with torch.where over e^x - 1 computed everywhere: right values, but e^x = inf in the unused branch makes the gradient nan for large x."""
LOSES = {'test_ex3_activations_smooth_hidden'}
EDITS = {'ex3_activations_smooth': [('return torch.where(x > 0, x, alpha * torch.expm1(torch.clamp(x, max=0)))', 'return torch.where(x > 0, x, alpha * (torch.exp(x) - 1))')]}
