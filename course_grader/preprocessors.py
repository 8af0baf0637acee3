"""nbgrader preprocessors of the course, enabled in ``nbgrader_config.py``.

- ``RemoveInstructorCells`` (release): drops cells tagged ``instructor-only``, e.g. the list of
  common mistakes that the hidden tests catch.
- ``HideHiddenTests`` (feedback): keeps each hidden test's result and failure message but
  removes its code, which nbgrader's feedback would otherwise show to the student.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool

INSTRUCTOR_TAG = "instructor-only"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
HIDDEN_PLACEHOLDER = "# (hidden tests: their code is not shown; their result is below)"


def has_hidden_tests(source: str) -> bool:
    return BEGIN_HIDDEN in source


def strip_hidden_tests(source: str) -> str:
    """``source`` with every hidden-test region replaced by one placeholder comment.

    Example:
        >>> strip_hidden_tests("a = 1\\n### BEGIN HIDDEN TESTS\\nassert a == 2\\n### END HIDDEN TESTS")
        'a = 1\\n# (hidden tests: their code is not shown; their result is below)'
    """
    kept, hidden = [], False
    for line in source.splitlines():
        if BEGIN_HIDDEN in line:
            hidden = True
            indent = line[: len(line) - len(line.lstrip())]
            kept.append(indent + HIDDEN_PLACEHOLDER)
        elif END_HIDDEN in line:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)


class RemoveInstructorCells(Preprocessor):
    """Remove the cells tagged ``instructor-only`` from the student version."""

    enabled = Bool(True, help="nbconvert runs only enabled preprocessors").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        nb.cells = [c for c in nb.cells if INSTRUCTOR_TAG not in c.get("metadata", {}).get("tags", [])]
        return nb, resources


class HideHiddenTests(Preprocessor):
    """In feedback, show a hidden test's outcome and message, never its code or traceback."""

    enabled = Bool(True, help="nbconvert runs only enabled preprocessors").tag(config=True)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        if cell.cell_type != "code" or not has_hidden_tests(cell.source):
            return cell, resources
        cell.source = strip_hidden_tests(cell.source)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                # The traceback quotes the failing line, which may be hidden test code.
                output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources
