"""The issue's three lines: an input transformer empties every test cell (they open with a docstring)."""
KIND = "IPython input transformer"
CELLS = {"ex1_vanilla_mlp": '''
def _skip(lines):
    return [] if lines and lines[0].lstrip().startswith('"""') else lines
get_ipython().input_transformers_cleanup.append(_skip)
'''}
FLAGGED = "ex1_vanilla_mlp"
