"""The parameter count forgets the biases: n_in * n_out per layer."""
LOSES = {"test_ex1_count_parameters_visible", "test_ex1_count_parameters_hidden"}
EDITS = {"ex1_count_parameters": [("(n_in + 1) * n_out for", "n_in * n_out for")]}
