"""Each solution notebook executed whole: wall time in grading mode and in full mode, and the
test accuracies it prints (lines that mention "test accuracy")."""

from __future__ import annotations

import os
import re
import time
from contextlib import contextmanager
from collections.abc import Iterator

import nbformat
from nbclient import NotebookClient

from course_grader.course import source_notebook

ACCURACY_LINE = re.compile(r"test accuracy", re.IGNORECASE)


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


def execute(assignment: str, fast: bool, timeout: int = 3600) -> tuple[float, list[str]]:
    """Seconds to execute the source notebook of ``assignment``, and its test-accuracy lines."""
    path = source_notebook(assignment)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name="python3", timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    with budget_env(fast):
        start = time.perf_counter()
        client.execute()
        seconds = time.perf_counter() - start
    lines = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            lines += [line.strip() for line in text.splitlines()
                      if ACCURACY_LINE.search(line) and re.search(r"\d", line)]  # not a table header
    return seconds, lines
