"""Shared by the damaged cases: writing a notebook, finding a cell."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat


def write(path: Path, notebook: dict) -> None:
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


def index_of(notebook: dict, grade_id: str) -> int:
    return next(i for i, c in enumerate(notebook["cells"])
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


def first_test(notebook: dict) -> int:
    return next(i for i, c in enumerate(notebook["cells"]) if c.get("metadata", {}).get("nbgrader", {}).get("grade")
                and not c["metadata"]["nbgrader"].get("solution") and c["cell_type"] == "code")


def as_node(notebook: dict) -> nbformat.NotebookNode:
    """The notebook as nbformat reads it (sources as strings), for nbformat's converters."""
    return nbformat.reads(json.dumps(notebook), as_version=4)
