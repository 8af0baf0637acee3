"""An answer cell deleted: its exercise is unanswered, the rest is graded."""
from _helpers import index_of, write

STATUS, WORDS, MARKS = "graded with errors", "graded as unanswered: ex4_softmax", "partial"


def make(path, notebook):
    del notebook["cells"][index_of(notebook, "ex4_softmax")]
    write(path, notebook)
