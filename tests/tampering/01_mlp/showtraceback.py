"""Errors hidden: showtraceback replaced, so a failing test shows no error output."""
KIND = "exception display"
CELLS = {"ex1_vanilla_mlp": '''
shell = get_ipython()
shell.showtraceback = lambda *args, **kwargs: None
'''}
FLAGGED = "ex1_vanilla_mlp"
