"""A test cell copied (metadata and all) to run it again further down: the copy is ignored, not suspected."""
import copy
from _helpers import first_test, write

STATUS, WORDS, MARKS = "graded", "copy of instructor cells ignored", "full"


def make(path, notebook):
    k = first_test(notebook)
    twin = copy.deepcopy(notebook["cells"][k])
    twin["id"] = "twin-of-a-test"
    notebook["cells"].insert(k + 3, twin)
    write(path, notebook)
