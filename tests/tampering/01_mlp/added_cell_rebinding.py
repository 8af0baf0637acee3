"""The rebinding of the check helpers, in a cell the student added after the first answer."""
KIND = "rebinding in an added cell"
ADDED = {"ex1_vanilla_mlp": '''
check_close = check_shape = check_type = check_layers = check_param_count = lambda *a, **k: None
'''}
FLAGGED = "a cell added after ex1_vanilla_mlp"
