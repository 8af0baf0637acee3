"""An empty file (a failed upload)."""
STATUS, WORDS, MARKS = "not graded", "is empty", "none"


def make(path, notebook):
    path.write_bytes(b"")
