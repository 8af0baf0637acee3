"""An answer cell turned into markdown (M pressed by mistake): its code is still the answer."""
from _helpers import index_of, write

STATUS, WORDS, MARKS = "graded", "is a markdown cell in your notebook", "full"


def make(path, notebook):
    cell = notebook["cells"][index_of(notebook, "ex4_softmax")]
    cell["cell_type"] = "markdown"
    cell.pop("outputs", None)
    cell.pop("execution_count", None)
    write(path, notebook)
