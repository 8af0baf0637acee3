"""What of a submission is the student's: the answer cells, and nothing else.

At grading, the notebook that runs is the instructor's release (setup, data, try-it, training
and test cells, markdown) with the student's answer cells put in their places, matched by
``grade_id``. Cells the student added are dropped (they never run: a scratch cell that rebinds
``model`` or prints a tensor must not change anyone's marks), but they are listed, and checked
with the code policy so that an attempt to tamper from one is still reported.

Every answer cell and added cell is checked with the code policy (``course_grader/policy.py``)
before anything runs. From the first violation on, no cell runs and no test earns a point:
each such cell is marked ``metadata.course_grader.skip`` with the reason, and the grading
executor (``course_grader/executor.py``) records that reason as the cell's error.

Example:
    >>> release = {"cells": [
    ...     {"cell_type": "code", "source": "import torch", "metadata": {"nbgrader": {"grade_id": "setup", "locked": True}}},
    ...     {"cell_type": "code", "source": "raise NotImplementedError()",
    ...      "metadata": {"nbgrader": {"grade_id": "ex1_relu", "solution": True}}}], "metadata": {}}
    >>> submitted = {"cells": [
    ...     {"cell_type": "code", "source": "import torch\\ncheck = 1", "metadata": {"nbgrader": {"grade_id": "setup"}}},
    ...     {"cell_type": "code", "source": "def relu(x):\\n    return x.clamp(min=0)",
    ...      "metadata": {"nbgrader": {"grade_id": "ex1_relu", "solution": True}}},
    ...     {"cell_type": "code", "source": "print(1)", "metadata": {}}], "metadata": {}}
    >>> rebuilt = rebuild(submitted, release, "01_mlp")
    >>> [c["source"] for c in rebuilt.notebook["cells"]], rebuilt.added, rebuilt.violations
    (['import torch', 'def relu(x):\\n    return x.clamp(min=0)'], ['a cell added after ex1_relu'], [])
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from course_grader.policy import Context, Violation, check_cell

METADATA_KEY = "course_grader"


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def grade_id(cell: dict) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def role(cell: dict) -> str:
    """``answer`` (a solution cell), ``test`` (an autograded test cell) or ``instructor`` (the rest).

    Example:
        >>> role({"cell_type": "code", "metadata": {"nbgrader": {"grade": True, "solution": False}}})
        'test'
    """
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if meta.get("solution"):
        return "answer"
    if meta.get("grade") and cell.get("cell_type") == "code":
        return "test"
    return "instructor"


def policy_context(notebook: dict, assignment: str) -> Context:
    """The code policy's view of an assignment: what its instructor cells define (test cells keep
    their names to themselves), what its stubs bind. ``notebook``: the release, or a student's copy
    of it (cells without a ``grade_id`` are the student's own and define nothing protected)."""
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    return Context.for_cells([_source(c) for c in code if role(c) == "instructor" and grade_id(c)], assignment,
                             [_source(c) for c in code if role(c) == "answer"],
                             [_source(c) for c in code if role(c) == "test"])


@dataclass
class Rebuilt:
    """The notebook to grade, and what the student's own notebook held besides its answers."""

    notebook: dict
    added: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    def summary(self) -> dict:
        """What goes into the graded notebook's metadata (read by ``make autograde``'s report)."""
        return {"violations": [{"cell": v.cell, "line": v.line, "rule": v.rule, "found": v.found,
                                "message": v.message()} for v in self.violations],
                "added_cells": self.added, "missing_answers": self.missing}


def _banner(violations: list[Violation]) -> dict:
    """A markdown cell for the top of the graded notebook: what the code policy found."""
    lines = "\n".join(f"- {v.message()}" for v in violations)
    text = ("**Tampering suspected: this notebook breaks the course's code policy.** Grading ran no cell from the "
            f"first violation on, and no test from there earned a point.\n\n{lines}")
    return {"cell_type": "markdown", "id": "code-policy-banner", "metadata": {METADATA_KEY: {"banner": True}},
            "source": text}


def rebuild(submitted: dict, release: dict, assignment: str, check: bool = True) -> Rebuilt:
    """The release with ``submitted``'s answer cells in place, checked with the code policy
    (``check=False``: not checked, as when the sandbox alone is tested)."""
    context = policy_context(release, assignment)
    released = {gid: c for c in release["cells"] if (gid := grade_id(c)) is not None}
    answers: dict[str, dict] = {}
    # Cells the student wrote outside the answers, each after the release cell it follows:
    # (grade_id of that cell, how to name it, the cell). Never run; checked for tampering.
    extras: list[tuple[str | None, str, dict]] = []
    seen: set[str] = set()
    added: list[str] = []
    previous: str | None = None
    by_text = {_source(c).strip(): gid for gid, c in released.items() if role(c) != "answer"}
    for cell in submitted.get("cells", []):
        gid = grade_id(cell)
        if gid is None:  # an instructor cell of a copy made before cells were locked, matched by its text
            gid = by_text.get(_source(cell).strip())
        if gid in released and gid not in seen:
            seen.add(gid)
            previous = gid
            if role(released[gid]) == "answer":
                answers[gid] = cell
            elif _source(cell).strip() != _source(released[gid]).strip() and role(released[gid]) != "test":
                extras.append((gid, f"{gid} (an instructor cell, edited)", cell))
        elif cell.get("cell_type") == "markdown" and "instructor-only" in cell.get("metadata", {}).get("tags", []):
            continue  # the source's notes for instructors (the self-test submits the source)
        else:
            label = f"a cell added after {previous}" if previous else "a cell added at the top"
            extras.append((previous, label, cell))
            added.append(label)
    cells: list[dict] = []
    violations: list[Violation] = []
    cut: int | None = None  # index of the first cell that must not run
    missing: list[str] = []
    for cell in release["cells"]:
        cell = copy.deepcopy(cell)
        cell["source"] = _source(cell)
        gid = grade_id(cell)
        if role(cell) == "answer":
            if gid in answers:
                cell["source"] = _source(answers[gid])
            else:
                missing.append(gid)
            if cell["cell_type"] == "code" and check:
                found = check_cell(_source(cell), gid, context)
                if found and cut is None:
                    cut = len(cells)
                violations += found
        cells.append(cell)
        for after, label, extra in extras:
            if after == gid and extra.get("cell_type") == "code" and check:
                found = check_cell(_source(extra), label, context, added=True)
                if found and cut is None:
                    cut = len(cells)
                violations += found
    if cut is not None:
        reason = violations[0].message() + " No cell runs from this one on, and no test earns a point."
        for cell in cells[cut:]:
            if cell["cell_type"] == "code":
                cell.setdefault("metadata", {})[METADATA_KEY] = {"skip": reason}
        cells.insert(0, _banner(violations))
    notebook = copy.deepcopy({k: v for k, v in release.items() if k != "cells"})
    notebook["cells"] = cells
    result = Rebuilt(notebook, added, missing, violations)
    notebook.setdefault("metadata", {})[METADATA_KEY] = result.summary()
    return result
