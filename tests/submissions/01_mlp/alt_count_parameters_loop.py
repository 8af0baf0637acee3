"""Alternative (full marks): the parameter count with an explicit loop over indices."""
LOSES: set[str] = set()
CELLS = {"ex1_count_parameters": '''
def count_mlp_parameters(layer_sizes):
    total = 0
    for l in range(1, len(layer_sizes)):
        total += layer_sizes[l - 1] * layer_sizes[l] + layer_sizes[l]
    return total
'''}
