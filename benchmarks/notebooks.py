"""Each solution notebook executed whole: wall time in grading mode and in full mode, the test
accuracies it prints (lines that mention "test accuracy"), and everything it prints in full mode.

What a full-mode run prints is kept in ``benchmarks/printed/<assignment>.txt``: the figures the
notebook's text quotes must be among them (tests/test_figures.py).
"""

from __future__ import annotations

import os
import re
import time
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from course_grader.course import REPO_ROOT, source_notebook

ACCURACY_LINE = re.compile(r"test accuracy", re.IGNORECASE)
PRINTED_DIR = REPO_ROOT / "benchmarks" / "printed"
"""One text file per assignment: the stdout of its last full-mode run in ``make bench``."""
EXECUTED_DIR = REPO_ROOT / ".scratch" / "bench"
"""The executed notebooks, with their plots (git-ignored), for looking at what a run drew."""


def printed_path(assignment: str) -> Path:
    """Where ``make bench`` keeps what the full-mode run of ``assignment`` printed.

    Example:
        >>> printed_path("01_mlp").name
        '01_mlp.txt'
    """
    return PRINTED_DIR / f"{assignment}.txt"


@contextmanager
def budget_env(fast: bool) -> Iterator[None]:
    """Environment of a grading-mode (nbgrader's variable set) or full-mode execution."""
    saved = {k: os.environ.pop(k, None) for k in ("NBGRADER_EXECUTION", "COURSE_FAST")}
    if fast:
        os.environ["NBGRADER_EXECUTION"] = "autograde"
    try:
        yield
    finally:
        os.environ.pop("NBGRADER_EXECUTION", None)
        os.environ.update({k: v for k, v in saved.items() if v is not None})


def printed_text(notebook: nbformat.NotebookNode) -> str:
    """What the executed ``notebook`` wrote to stdout, cell after cell (progress bars, on stderr,
    left out)."""
    return "".join(output.get("text", "") for cell in notebook.cells for output in cell.get("outputs", [])
                   if output.get("output_type") == "stream" and output.get("name") == "stdout")


def execute(assignment: str, fast: bool, timeout: int = 3600) -> tuple[float, list[str]]:
    """Seconds to execute the source notebook of ``assignment``, and its test-accuracy lines.

    A full-mode run also writes what it printed to ``printed_path(assignment)`` and the executed
    notebook to ``EXECUTED_DIR``."""
    path = source_notebook(assignment)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name="python3", timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    with budget_env(fast):
        start = time.perf_counter()
        client.execute()
        seconds = time.perf_counter() - start
    text = printed_text(notebook)
    if not fast:
        PRINTED_DIR.mkdir(parents=True, exist_ok=True)
        printed_path(assignment).write_text(
            f"# What solutions/{assignment} printed in full mode, written by `make bench` "
            f"({seconds:.0f} s). The figures its text quotes come from here.\n" + text)
        EXECUTED_DIR.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, EXECUTED_DIR / f"{assignment}.ipynb")
    lines = [line.strip() for line in text.splitlines() if ACCURACY_LINE.search(line) and re.search(r"\d", line)]
    return seconds, lines
