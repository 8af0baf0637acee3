"""Cells moved around: an answer cell dragged to the end, two markdown cells swapped."""
from _helpers import index_of, write

STATUS, WORDS, MARKS = "graded", "all tests passed", "full"


def make(path, notebook):
    cells = notebook["cells"]
    cells.append(cells.pop(index_of(notebook, "ex4_softmax")))
    markdown = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown"][:2]
    cells[markdown[0]], cells[markdown[1]] = cells[markdown[1]], cells[markdown[0]]
    write(path, notebook)
