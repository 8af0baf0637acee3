"""A UTF-8 byte-order mark at the start of the file (Windows editors)."""
import json

STATUS, WORDS, MARKS = "graded", "byte-order mark", "full"


def make(path, notebook):
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(notebook, indent=1).encode("utf-8"))
