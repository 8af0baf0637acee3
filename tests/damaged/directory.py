"""The submission is a folder named like the notebook (an unzipped archive)."""
from _helpers import write

STATUS, WORDS, MARKS = "not graded", "is a folder", "none"


def make(path, notebook):
    path.mkdir()
    write(path / "notebook.ipynb", notebook)
