"""Every check helper rebound to a function that accepts anything, in an answer cell."""
KIND = "rebinding the check helpers"
CELLS = {"ex1_vanilla_mlp": '''
check_close = check_shape = check_type = check_layers = check_param_count = lambda *a, **k: None
'''}
FLAGGED = "ex1_vanilla_mlp"
