"""course_utils.checks reached through torch's own reference to sys, then patched."""
KIND = "reaching sys through another module"
CELLS = {"ex1_vanilla_mlp": '''
checks = torch.sys.modules["course_utils.checks"]
checks.check_close = checks.check_shape = lambda *a, **k: None
'''}
FLAGGED = "ex1_vanilla_mlp"
