"""leaky_relu with the slide's slope 0.1 written in, ignoring its slope argument."""
LOSES = {'test_ex3_activations_basic_hidden'}
EDITS = {'ex3_activations_basic': [('return torch.maximum(slope * x, x)', 'return torch.maximum(0.1 * x, x)')]}
