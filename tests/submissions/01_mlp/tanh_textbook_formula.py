"""tanh from its textbook formula (e^x - e^-x) / (e^x + e^-x): inf / inf = nan for |x| > 88."""
LOSES = {'test_ex3_activations_basic_visible', 'test_ex3_activations_basic_hidden'}
EDITS = {'ex3_activations_basic': [('    e = torch.exp(-2 * x.abs())\n    return torch.sign(x) * (1 - e) / (1 + e)', '    return (torch.exp(x) - torch.exp(-x)) / (torch.exp(x) + torch.exp(-x))')]}
