"""Which cell of a submission is which: cells mapped back onto the release by id, order and content.

nbgrader knows a student's answer by the cell's ``grade_id`` (its nbgrader metadata). Real
submissions lose or garble it: an editor that drops cell metadata (some versions of Colab and
other tools), a copied answer cell (JupyterLab's copy keeps the metadata, so two cells claim one
id), metadata broken by hand, an id from an older release, a cell retyped to markdown. Instead of
guessing later (and taking instructor cells for cells the student added, which the code policy
then calls tampering), this module restores each cell's identity before grading, with one rule
each, and says what it did:

- a cell with a valid id from the release keeps it; **the first cell with an answer's id is the
  answer, later copies are ignored** (they are kept as the student's own cells, never run);
- a cell whose text is an instructor cell's text is that cell (a copy of one is dropped: it
  never runs at grading, and its text is the instructor's, not the student's);
- an answer cell that lost its id is found by the names it defines (``def softmax`` is the
  answer ``ex4_softmax``) or, failing that, by its place between the instructor cells around it;
- an answer cell whose type changed (code to markdown) is named, and graded as the release's type.

Example:
    >>> release = {"cells": [
    ...     {"cell_type": "markdown", "source": "## Softmax", "metadata": {"nbgrader": {"grade_id": "md", "locked": True}}},
    ...     {"cell_type": "code", "source": "def softmax(z):\\n    raise NotImplementedError()",
    ...      "metadata": {"nbgrader": {"grade_id": "ex4_softmax", "solution": True}}}]}
    >>> lost = {"cells": [{"cell_type": "markdown", "source": "## Softmax", "metadata": {}},
    ...                   {"cell_type": "code", "source": "def softmax(z):\\n    return z.softmax(1)", "metadata": {}}]}
    >>> result = recover(lost, release)
    >>> [c["metadata"]["nbgrader"]["grade_id"] for c in result.notebook["cells"]], result.lost_metadata
    (['md', 'ex4_softmax'], True)
"""

from __future__ import annotations

import ast
import copy
import difflib
import re
from dataclasses import dataclass, field

NBGRADER = "nbgrader"


def cell_text(cell: dict) -> str:
    """A cell's source as one string, whatever form the file stored it in."""
    source = cell.get("source", "")
    if isinstance(source, list):
        return "".join(s for s in source if isinstance(s, str))
    return source if isinstance(source, str) else ""


def _comparable(text: str) -> str:
    """Text compared for identity: line endings, trailing spaces and blank lines do not count."""
    lines = (line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def nbgrader_meta(cell: dict) -> dict:
    """The cell's nbgrader metadata, or ``{}`` when it is missing or not a mapping."""
    metadata = cell.get("metadata")
    meta = metadata.get(NBGRADER) if isinstance(metadata, dict) else None
    return meta if isinstance(meta, dict) else {}


def cell_id(cell: dict) -> str | None:
    """The cell's ``grade_id``, when its nbgrader metadata names one."""
    gid = nbgrader_meta(cell).get("grade_id")
    return gid if isinstance(gid, str) and gid else None


def is_answer(cell: dict) -> bool:
    return bool(nbgrader_meta(cell).get("solution"))


def defined_names(text: str) -> set[str]:
    """Top-level functions and classes a cell defines (by regular expression when it does not parse).

    Example:
        >>> sorted(defined_names("import torch\\ndef relu(x):\\n    return x\\nclass MLP: pass"))
        ['MLP', 'relu']
    """
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set(re.findall(r"^(?:async\s+)?(?:def|class)\s+(\w+)", text, re.M))
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


@dataclass
class Recovery:
    """The submission with each cell's identity restored, and what was done to get there."""

    notebook: dict
    notes: list[str] = field(default_factory=list)
    """What the student should know and fix (each names the cells and says what to do)."""
    lost_metadata: bool = False
    recovered: list[str] = field(default_factory=list)
    """Answers whose id was put back by the names they define or by their place."""
    unmapped: list[str] = field(default_factory=list)
    """Answers of the release that no cell of the submission could be matched to."""


def _restore(cell: dict, release_cell: dict) -> None:
    if not isinstance(cell.get("metadata"), dict):
        cell["metadata"] = {}
    cell["metadata"][NBGRADER] = copy.deepcopy(release_cell["metadata"][NBGRADER])


def _strip(cell: dict) -> None:
    if isinstance(cell.get("metadata"), dict):
        cell["metadata"].pop(NBGRADER, None)
    else:
        cell["metadata"] = {}


def _number(index: int) -> str:
    return f"cell {index + 1}"


def recover(notebook: dict, release: dict) -> Recovery:
    """``notebook``'s cells with the release's identities put back (see the module's rules)."""
    cells = [copy.deepcopy(c) for c in notebook.get("cells", []) if isinstance(c, dict)]
    release_cells = [c for c in release["cells"] if cell_id(c)]
    by_id = {cell_id(c): (i, c) for i, c in enumerate(release_cells)}
    instructor_by_text = {}
    for i, c in enumerate(release_cells):
        if not is_answer(c):
            instructor_by_text.setdefault(_comparable(cell_text(c)), i)
    result = Recovery({**copy.deepcopy({k: v for k, v in notebook.items() if k != "cells"}), "cells": cells})
    had_valid_id = any(cell_id(c) in by_id for c in cells)
    damaged = [i for i, c in enumerate(cells) if NBGRADER in (c.get("metadata") or {}) and cell_id(c) not in by_id]

    stub_names = {i: defined_names(cell_text(c)) for i, c in enumerate(release_cells)
                  if is_answer(c) and c["cell_type"] == "code"}
    every_stub_name = set().union(*stub_names.values()) if stub_names else set()

    def believable(cell: dict, release_index: int) -> bool:
        """Content wins over a claimed id: another instructor cell's text, or another answer's names."""
        other = instructor_by_text.get(_comparable(cell_text(cell)))
        if other is not None and other != release_index:
            return False
        names = defined_names(cell_text(cell)) if cell.get("cell_type") == "code" else set()
        if release_index in stub_names:
            own = stub_names[release_index]
            return not (own and names and not names & own and names & every_stub_name)
        return is_answer(release_cells[release_index]) or not names & every_stub_name

    # 1. Ids: the first cell with a release id owns it; copies and unknown or broken ids lose theirs.
    owner: dict[int, int] = {}  # release index -> submission index
    copies: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        gid = cell_id(cell)
        if gid in by_id and not believable(cell, by_id[gid][0]):
            damaged.append(index)
            _strip(cell)
        elif gid in by_id and by_id[gid][0] not in owner:
            owner[by_id[gid][0]] = index
        elif gid in by_id:
            copies.setdefault(gid, []).append(index)
            _strip(cell)
        elif NBGRADER in (cell.get("metadata") or {}) or not isinstance(cell.get("metadata"), dict):
            _strip(cell)
    # 2. Instructor cells by their text (a copy of one is dropped).
    dropped: set[int] = set()
    for index, cell in enumerate(cells):
        if index in owner.values():
            continue
        release_index = instructor_by_text.get(_comparable(cell_text(cell)))
        if release_index is None or not cell_text(cell).strip():
            continue
        if release_index in owner:
            dropped.add(index)
        else:
            owner[release_index] = index
            _restore(cell, release_cells[release_index])
            cell["source"] = cell_text(release_cells[release_index])  # its checksum is the release's
    # 3. Answers that lost their id: by the names they define, else by their place.
    taken = set(owner.values()) | dropped
    for release_index, release_cell in enumerate(release_cells):
        if not is_answer(release_cell) or release_index in owner:
            continue
        found = _find_answer(cells, release_cells, release_index, owner, taken)
        gid = cell_id(release_cell)
        if found is None:
            result.unmapped.append(gid)
            continue
        owner[release_index] = found
        taken.add(found)
        _restore(cells[found], release_cell)
        result.recovered.append(gid)
    result.notebook["cells"] = [c for i, c in enumerate(cells) if i not in dropped]
    positions = {index: pos for pos, index in enumerate(i for i in range(len(cells)) if i not in dropped)}

    result.lost_metadata = not had_valid_id and bool(cells)
    answers = [c for c in release_cells if is_answer(c)]
    if result.lost_metadata:
        result.notes.append(
            f"the notebook had lost its nbgrader metadata (it was saved by an editor that drops cell metadata); "
            f"{len(answers) - len(result.unmapped)} of {len(answers)} answers were found by order and content"
            + (f"; not found, so graded as unanswered: {', '.join(result.unmapped)}" if result.unmapped else "")
            + ". To be sure, copy your answers into a fresh copy of the release, or run `make recover NB=...`"
              " and submit the .recovered.ipynb it writes")
    elif result.recovered:
        result.notes.append("answer cells without their nbgrader id were found by the names they define or their "
                            f"place: {', '.join(result.recovered)}")
    unresolved = [i for i in damaged if i not in owner.values() and i not in dropped]
    if unresolved and not result.lost_metadata:
        result.notes.append(f"{len(unresolved)} cell(s) had broken or unknown nbgrader metadata and match no cell of "
                            "the release, so they count as cells you added: "
                            + ", ".join(_number(positions[i]) for i in unresolved[:5]))
    for gid, indices in copies.items():
        kind = "answer" if is_answer(by_id[gid][1]) else "instructor cell"
        first = _number(owner[by_id[gid][0]])
        if kind == "answer":
            result.notes.append(
                f"{len(indices) + 1} cells carry the answer id {gid} ({first}, "
                f"{', '.join(_number(i) for i in indices)}): the first one is graded as your answer and the "
                f"copies are ignored. Delete the copies, or move the code you want graded into {first}")
    if dropped:
        result.notes.append(f"{len(dropped)} {'copy' if len(dropped) == 1 else 'copies'} of instructor cells "
                            f"ignored (they never run at grading): " + ", ".join(_number(i) for i in sorted(dropped)[:5]))
    for release_index, index in sorted(owner.items()):
        release_cell, cell = release_cells[release_index], cells[index]
        if is_answer(release_cell) and cell.get("cell_type") != release_cell["cell_type"]:
            result.notes.append(
                f"the answer cell {cell_id(release_cell)} ({_number(positions[index])}) is a "
                f"{cell.get('cell_type')} cell in your notebook; it is graded as the {release_cell['cell_type']} "
                f"cell it is in the release. Turn it back into a {release_cell['cell_type']} cell "
                f"({'Esc, then Y' if release_cell['cell_type'] == 'code' else 'Esc, then M'})")
    return result


def _find_answer(cells: list[dict], release_cells: list[dict], release_index: int,
                 owner: dict[int, int], taken: set[int]) -> int | None:
    """The submission cell that is the answer ``release_cells[release_index]`` (None if none is)."""
    answer = release_cells[release_index]
    kind = answer["cell_type"]
    free = [i for i in range(len(cells)) if i not in taken]  # any type: an answer may have been retyped
    before = [owner[r] for r in range(release_index - 1, -1, -1) if r in owner]
    after = [owner[r] for r in range(release_index + 1, len(release_cells)) if r in owner]
    low, high = (before[0] if before else -1), (after[0] if after else len(cells))
    in_place = [i for i in free if low < i < high] if low < high else []
    names = defined_names(cell_text(answer)) if kind == "code" else set()
    if names:
        naming = [i for i in free if names & defined_names(cell_text(cells[i]))]
        placed = [i for i in naming if i in in_place]
        return (placed or naming or [None])[0]
    same_kind = [i for i in in_place if cells[i].get("cell_type") == kind and cell_text(cells[i]).strip()]
    if len(same_kind) <= 1:
        return same_kind[0] if same_kind else None
    stub = cell_text(answer)
    return max(same_kind, key=lambda i: difflib.SequenceMatcher(None, stub, cell_text(cells[i])).ratio())
