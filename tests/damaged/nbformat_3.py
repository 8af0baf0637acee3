"""Saved by Jupyter before 4.0: nbformat 3 (worksheets, no cell ids)."""
import nbformat
from _helpers import as_node

STATUS, WORDS, MARKS = "graded", "converted from nbformat 3", "full"


def make(path, notebook):
    path.write_text(nbformat.writes(nbformat.convert(as_node(notebook), 3), version=3), encoding="utf-8")
