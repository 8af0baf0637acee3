"""An early nbformat 4 (4.0): no cell ids."""
from _helpers import write

STATUS, WORDS, MARKS = "graded", "all tests passed", "full"


def make(path, notebook):
    notebook["nbformat_minor"] = 0
    for cell in notebook["cells"]:
        cell.pop("id", None)
    write(path, notebook)
