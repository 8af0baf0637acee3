"""Saved by an editor that drops cell metadata: no cell carries nbgrader's ids any more."""
from _helpers import write

STATUS, WORDS, MARKS = "graded", "lost its nbgrader metadata", "full"


def make(path, notebook):
    for cell in notebook["cells"]:
        cell["metadata"] = {}
    write(path, notebook)
