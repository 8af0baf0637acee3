"""Students learn the code policy before they submit: Validate reports a violation, cell and line.

nbgrader's *Validate* button and ``make validate`` run the student's notebook with nbgrader's
executor, which calls ``report_policy_violations`` (``nbgrader_config.py``:
``Execute.on_notebook_start``) before the first cell. It checks the answer cells and the cells
the student added with the code policy (``course_grader/policy.py``), as grading will, and puts
one failing check cell where the first violation is, whose error lists every violation in the
form of the course's failure messages (what, where, what to do). Validate then shows it among
the failed cells. At grading (``make autograde``) the notebook has been rebuilt from the release
already (``course_grader/answers.py``), and this hook does nothing.

Validate reads the notebook as grading will (``read_for_validation``, which ``nbgrader_config.py``
puts in place of nbformat's read in nbgrader's validator): a notebook in an old format, one whose
cells lost their nbgrader metadata, or one with a copied answer cell is read and recovered as
``make autograde`` reads it (``course_grader/intake.py``), and the student is told what happened and
what to do in a failing check cell at the top, instead of nbgrader's traceback.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from course_grader.answers import METADATA_KEY, grade_id, policy_context, role
from course_grader.preprocessors import ASSIGNMENT_KEY
from course_grader.policy import Violation, check_cell

CHECK_ID = "code_policy_check"
INTAKE_CHECK_ID = "notebook_intake_check"
INTAKE_NOTES_KEY = "course_intake_notes"  # notebook metadata, from read_for_validation to the hook


class UnreadableNotebook(ValueError):
    """A file Validate (and grading) cannot read as a notebook; the message says why and what to do."""


def read_for_validation(path: str | Path, as_version: int = 4, *, course: Path, **_: object) -> NotebookNode:
    """nbgrader's validator reads the notebook with this: as grading reads it (``intake.py``).

    What the student should know (lost metadata recovered, a copied answer cell) is kept in the
    notebook's metadata for ``report_policy_violations``, which shows it as a failing check.
    """
    from course_grader.course import read_notebook, release_notebook
    from course_grader.intake import assignment_of, read_submission
    from course_grader.recovery import recover

    intake = read_submission(Path(path))
    if intake.notebook is None:
        raise UnreadableNotebook(intake.refusal)
    notebook, notes = intake.notebook, []
    assignment = assignment_of(notebook, Path(path), course)
    if assignment and release_notebook(assignment, course).is_file():
        recovery = recover(notebook, read_notebook(release_notebook(assignment, course)))
        notebook, notes = recovery.notebook, recovery.notes
    node = nbformat.reads(json.dumps(notebook), as_version=4)  # as nbformat reads it: sources as strings
    if notes:
        node.metadata[INTAKE_NOTES_KEY] = notes
    return node


def _failing_check(grade_id: str, kind: str, message: str) -> NotebookNode:
    return NotebookNode(
        cell_type="code", execution_count=None, outputs=[], id=grade_id.replace("_", "-"),
        metadata=NotebookNode(nbgrader=NotebookNode(grade=True, solution=False, locked=False, points=0,
                                                    grade_id=grade_id, schema_version=3)),
        source=f'raise type({kind!r}, (Exception,), {{}})({message!r})')


def notebook_violations(notebook: dict, assignment: str) -> list[tuple[int, Violation]]:
    """Violations in a student's own notebook, each with the index of its cell.

    Answer cells are checked with every rule; code cells without nbgrader metadata (cells the
    student added) with the tampering rules only, as grading does.
    """
    code = [(i, c) for i, c in enumerate(notebook["cells"]) if c.get("cell_type") == "code"]
    text = {i: "".join(c["source"]) if isinstance(c["source"], list) else c["source"] for i, c in code}
    context = policy_context(notebook, assignment)
    found: list[tuple[int, Violation]] = []
    previous = "the top"
    for index, cell in code:
        gid = grade_id(cell)
        if gid and role(cell) == "answer":
            found += [(index, v) for v in check_cell(text[index], gid, context)]
        elif not gid:
            found += [(index, v) for v in check_cell(text[index], f"a cell added after {previous}", context, added=True)]
        previous = gid or previous
    return found


def assignment_of(notebook: dict) -> str:
    """The assignment id the release wrote in the notebook's metadata ('' if it is not there)."""
    return notebook.get("metadata", {}).get(ASSIGNMENT_KEY, "")


def report_policy_violations(notebook: NotebookNode, **_: object) -> None:
    """nbclient's ``on_notebook_start`` hook: put a failing check where the first violation is."""
    if METADATA_KEY in notebook.get("metadata", {}):
        return  # rebuilt for grading: the violations are recorded already
    notes = notebook.get("metadata", {}).pop(INTAKE_NOTES_KEY, [])
    found = notebook_violations(notebook, assignment_of(notebook))
    if notes:
        lines = "\n".join(textwrap.fill(f"- {note}", width=80, subsequent_indent="  ") for note in notes)
        notebook.cells.insert(0, _failing_check(INTAKE_CHECK_ID, "NotebookNeedsAttention",
                                                "Your notebook is not quite as grading expects it:\n" + lines))
        found = [(index + 1, v) for index, v in found]
    if not found:
        return
    lines = "\n".join(textwrap.fill(v.message(), width=80, subsequent_indent="  ") for _, v in found)
    header = textwrap.fill(f"{len(found)} line(s) break the course's code policy; at grading no cell from the first "
                           "one on would run, and no test from there would earn a point:", width=60)
    message = f"{header}\n{lines}"
    notebook.cells.insert(found[0][0] + 1, _failing_check(CHECK_ID, "CodePolicyViolation", message))
