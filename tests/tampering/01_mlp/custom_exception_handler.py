"""Errors swallowed by a custom exception handler for AssertionError and every other Exception."""
KIND = "custom exception handler"
CELLS = {"ex1_vanilla_mlp": '''
ip = get_ipython()
ip.set_custom_exc((Exception,), lambda shell, etype, value, tb, tb_offset=None: None)
'''}
FLAGGED = "ex1_vanilla_mlp"
