"""Saved on Windows by an editor that writes CRLF line endings, in the file and inside every cell."""
import json

STATUS, WORDS, MARKS = "graded", "Windows line endings", "full"


def make(path, notebook):
    for cell in notebook["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cell["source"] = text.replace("\n", "\r\n")
    path.write_bytes(json.dumps(notebook, indent=1).replace("\n", "\r\n").encode("utf-8"))
