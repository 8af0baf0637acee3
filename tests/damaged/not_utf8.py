"""Bytes that are not UTF-8 (saved in Latin-1 by an old editor)."""
import json

STATUS, WORDS, MARKS = "not graded", "not UTF-8", "none"


def make(path, notebook):
    path.write_bytes(json.dumps(notebook, ensure_ascii=False).encode("utf-8").replace(b"\xc3\xa9", b"\xe9") + b"\xe9")
