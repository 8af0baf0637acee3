"""A parameter count written for two layers only (input, one hidden, output), wrong for deeper networks."""
LOSES = {'test_ex1_count_parameters_hidden'}
CELLS = {"ex1_count_parameters": '''
def count_mlp_parameters(layer_sizes):
    n_in, n_hidden, n_out = layer_sizes[0], layer_sizes[1], layer_sizes[-1]
    return (n_in + 1) * n_hidden + (n_hidden + 1) * n_out
'''}
