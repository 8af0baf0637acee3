"""A format newer than this course's Jupyter reads (nbformat 5)."""
from _helpers import write

STATUS, WORDS, MARKS = "not graded", "newer than this course", "none"


def make(path, notebook):
    notebook["nbformat"] = 5
    write(path, notebook)
