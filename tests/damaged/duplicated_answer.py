"""JupyterLab's copy of an answer cell keeps its metadata: two cells claim ex4_softmax, the copy is scratch."""
import copy
from _helpers import index_of, write

STATUS, WORDS, MARKS = "graded", "the first one is graded as your answer", "full"


def make(path, notebook):
    k = index_of(notebook, "ex4_softmax")
    scratch = copy.deepcopy(notebook["cells"][k])
    scratch["id"] = "scratch-copy"
    scratch["source"] = "def softmax(z):\n    return z  # trying something\n"
    notebook["cells"].insert(k + 1, scratch)
    write(path, notebook)
