"""Students learn the code policy before they submit: Validate reports a violation, cell and line.

nbgrader's *Validate* button and ``make validate`` run the student's notebook with nbgrader's
executor, which calls ``report_policy_violations`` (``nbgrader_config.py``:
``Execute.on_notebook_start``) before the first cell. It checks the answer cells and the cells
the student added with the code policy (``course_grader/policy.py``), as grading will, and puts
one failing check cell where the first violation is, whose error lists every violation in the
form of the course's failure messages (what, where, what to do). Validate then shows it among
the failed cells. At grading (``make autograde``) the notebook has been rebuilt from the release
already (``course_grader/answers.py``), and this hook does nothing.
"""

from __future__ import annotations

import textwrap

from nbformat import NotebookNode

from course_grader.answers import METADATA_KEY, grade_id, policy_context, role
from course_grader.preprocessors import ASSIGNMENT_KEY
from course_grader.policy import Violation, check_cell

CHECK_ID = "code_policy_check"


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
    found = notebook_violations(notebook, assignment_of(notebook))
    if not found:
        return
    lines = "\n".join(textwrap.fill(v.message(), width=80, subsequent_indent="  ") for _, v in found)
    header = textwrap.fill(f"{len(found)} line(s) break the course's code policy; at grading no cell from the first "
                           "one on would run, and no test from there would earn a point:", width=60)
    message = f"{header}\n{lines}"
    check = NotebookNode(
        cell_type="code", execution_count=None, outputs=[], id=CHECK_ID.replace("_", "-"),
        metadata=NotebookNode(nbgrader=NotebookNode(grade=True, solution=False, locked=False, points=0,
                                                    grade_id=CHECK_ID, schema_version=3)),
        source=f'raise type("CodePolicyViolation", (Exception,), {{}})({message!r})')
    notebook.cells.insert(found[0][0] + 1, check)
