"""A test cell edited to pass: the release's test is put back and judges the answer."""
from _helpers import first_test, write

STATUS, WORDS, MARKS = "graded with errors", "edited locked cells were restored", "full"


def make(path, notebook):
    notebook["cells"][first_test(notebook)]["source"] = "print('all good')\n"
    write(path, notebook)
