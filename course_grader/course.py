"""The course directory: where assignments, submissions and the gradebook live."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
COURSE_ID = "nn-course"
"""nbgrader's course id (a gradebook row that PostgreSQL's foreign keys require)."""
COURSE_FILES = ("nbgrader_config.py", "solutions", "notebooks")


def assignments(root: Path = REPO_ROOT) -> list[str]:
    """Assignment ids: the folders of ``solutions/`` that hold ``<id>/<id>.ipynb``.

    Example:
        >>> all(isinstance(a, str) for a in assignments())
        True
    """
    return sorted(p.name for p in (root / "solutions").iterdir() if (p / f"{p.name}.ipynb").is_file())


def source_notebook(assignment: str, root: Path = REPO_ROOT) -> Path:
    """Path of the instructor's source notebook of ``assignment``."""
    return root / "solutions" / assignment / f"{assignment}.ipynb"


def release_notebook(assignment: str, root: Path = REPO_ROOT) -> Path:
    """Path of the generated student notebook of ``assignment``."""
    return root / "notebooks" / assignment / f"{assignment}.ipynb"


def read_notebook(path: Path) -> dict:
    """The notebook at ``path`` as a plain JSON dict."""
    return json.loads(path.read_text(encoding="utf-8"))


def scratch_course(target: Path, root: Path = REPO_ROOT) -> Path:
    """Copy the course's grading files (config, sources, releases) into a fresh folder ``target``.

    The copy has its own gradebook and working folders, so a self-test never touches the
    instructor's. Returns ``target``.
    """
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in COURSE_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        else:
            shutil.copy2(source, target / name)
    return target


def grade_cells(notebook: dict) -> dict[str, dict]:
    """The nbgrader metadata of each graded cell, by ``grade_id``."""
    cells = {}
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade"):
            cells[meta["grade_id"]] = {**meta, "cell_type": cell["cell_type"]}
    return cells


GOING_FURTHER = "going-further"
"""The tag of a source cell that belongs to a *going further* section: its points are a bonus."""


def going_further_cells(notebook: dict) -> set[str]:
    """The ``grade_id`` of every graded cell tagged ``going-further``: points beyond the core path.

    Example:
        >>> going_further_cells({"cells": [{"cell_type": "code", "metadata": {"tags": ["going-further"],
        ...     "nbgrader": {"grade": True, "grade_id": "test_ex9_lstm_visible", "points": 2}}}]})
        {'test_ex9_lstm_visible'}
    """
    return {cell["metadata"]["nbgrader"]["grade_id"] for cell in notebook["cells"]
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade")
            and GOING_FURTHER in cell.get("metadata", {}).get("tags", [])}


def autograded_tests(notebook: dict) -> dict[str, float]:
    """Points of each autograder test cell (graded, not a solution), by ``grade_id``."""
    return {gid: float(meta.get("points", 0)) for gid, meta in grade_cells(notebook).items()
            if not meta.get("solution") and meta["cell_type"] == "code"}
