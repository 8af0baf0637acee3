"""Started from an older release: the instructor cells' ids differ from today's (answers' ids are stable)."""
from _helpers import write

STATUS, WORDS, MARKS = "graded", "all tests passed", "full"


def make(path, notebook):
    for cell in notebook["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("grade_id", "").startswith("cell-"):
            meta["grade_id"] = "cell-old" + meta["grade_id"][5:]
    write(path, notebook)
