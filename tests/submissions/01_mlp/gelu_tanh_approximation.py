"""GELU with the tanh approximation instead of the exact x Phi(x) the docstring asks for."""
LOSES = {'test_ex3_activations_smooth_visible', 'test_ex3_activations_smooth_hidden'}
EDITS = {'ex3_activations_smooth': [('return 0.5 * x * (1 + torch.erf(x / math.sqrt(2.0)))', 'return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))')]}
