"""Saved by JupyterLab 3: nbformat 4.4, no cell ids, `trusted` and `collapsed` in cell metadata."""
from _helpers import write

STATUS, WORDS, MARKS = "graded", "all tests passed", "full"


def make(path, notebook):
    notebook["nbformat_minor"] = 4
    for cell in notebook["cells"]:
        cell.pop("id", None)
        if cell["cell_type"] == "code":
            cell["metadata"].update({"trusted": True, "collapsed": False})
    write(path, notebook)
