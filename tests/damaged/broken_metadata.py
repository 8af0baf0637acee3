"""nbgrader metadata garbled by hand: a string in one answer cell, a wrong type and a missing id in others."""
from _helpers import index_of, write

STATUS, WORDS, MARKS = "graded", "found by the names they define", "full"


def make(path, notebook):
    softmax, evaluate, adam = (index_of(notebook, gid) for gid in ("ex4_softmax", "ex7_evaluate", "ex6_adam"))
    notebook["cells"][softmax]["metadata"]["nbgrader"] = "ex4_softmax"
    notebook["cells"][evaluate]["metadata"]["nbgrader"]["points"] = "two"
    del notebook["cells"][adam]["metadata"]["nbgrader"]["grade_id"]
    write(path, notebook)
