"""Build test submissions: the source as a student's work, the untouched release, known mistakes.

A *mistake* is a Python file under ``tests/submissions/<assignment>/``::

    \"\"\"Softmax over the batch (dim=0) instead of the classes.\"\"\"
    LOSES = {"test_ex4_softmax_hidden"}      # autograder test cells that must score 0
    CELLS = {"ex4_softmax": '''
    def softmax(z: torch.Tensor) -> torch.Tensor:
        ...
    '''}

A mistake that changes a line or two of an answer says only that, with ``EDITS``
(each ``old`` text must occur exactly once in the source's answer cell)::

    \"\"\"The classifier reads the output at the first step.\"\"\"
    LOSES = {"test_ex3_classifier_hidden"}
    EDITS = {"ex3_classifier": [("last = outputs[rows, lengths.to(ids.device) - 1]", "last = outputs[:, 0]")]}

The submission is the source notebook with the answer cells named in ``CELLS`` replaced
by the wrong answers, and those in ``EDITS`` edited. Every test cell not in ``LOSES`` must
keep its full points.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

from course_grader.course import REPO_ROOT, grade_cells


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: which answer cells it rewrites and which test cells must fail."""

    name: str
    description: str
    loses: frozenset[str]
    cells: dict[str, str]
    edits: dict[str, list[tuple[str, str]]]


def _modules(folder: Path) -> list[tuple[str, object]]:
    """Each ``*.py`` file of ``folder`` (sorted by name), run as a module: (its name, the module)."""
    found = []
    for path in sorted(folder.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"{folder.parent.name}_{folder.name}_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(module)
        found.append((path.stem, module))
    return found


def load_mistakes(assignment: str, root: Path = REPO_ROOT) -> list[Mistake]:
    """The mistakes written for ``assignment``, sorted by file name."""
    mistakes = []
    for name, module in _modules(root / "tests" / "submissions" / assignment):
        mistakes.append(Mistake(name, (module.__doc__ or "").strip(),
                                frozenset(module.LOSES), dict(getattr(module, "CELLS", {})),
                                dict(getattr(module, "EDITS", {}))))
    return mistakes


def apply_mistake(source: dict, mistake: Mistake) -> dict:
    """A copy of notebook ``source`` with the answer cells of ``mistake`` replaced (``CELLS``) or edited (``EDITS``)."""
    notebook = copy.deepcopy(source)
    by_id = {cell.get("metadata", {}).get("nbgrader", {}).get("grade_id"): cell for cell in notebook["cells"]}

    def answer_cell(grade_id: str) -> dict:
        cell = by_id.get(grade_id)
        if cell is None or not cell["metadata"]["nbgrader"].get("solution"):
            raise KeyError(f"mistake {mistake.name}: no answer cell with grade_id {grade_id!r}")
        return cell

    for grade_id, new_source in mistake.cells.items():
        answer_cell(grade_id)["source"] = textwrap.dedent(new_source).strip("\n") + "\n"
    for grade_id, edits in mistake.edits.items():
        cell = answer_cell(grade_id)
        text = "".join(cell["source"])
        for old, new in edits:
            if text.count(old) != 1:
                raise KeyError(f"mistake {mistake.name}: {old!r} occurs {text.count(old)} times in answer cell "
                               f"{grade_id!r} (an edit needs exactly one); quote more of the line")
            text = text.replace(old, new)
        cell["source"] = text
    unknown = mistake.loses - set(grade_cells(source))
    if unknown:
        raise KeyError(f"mistake {mistake.name}: LOSES names unknown test cells {sorted(unknown)}")
    return notebook


@dataclass(frozen=True)
class Tampering:
    """An attempt to earn marks without the work (``tests/tampering/<assignment>/<name>.py``)::

        \"\"\"An input transformer empties every test cell before it runs.\"\"\"
        KIND = "IPython input transformer"      # the class of attack
        BASE = "release"                        # "release": no honest work; "source": all answered
        CELLS = {"ex1_vanilla_mlp": "..."}      # answer cells replaced
        APPEND = {"ex4_softmax": "..."}         # code appended to a cell: a grade_id, or "text:<words in it>"
        ADDED = {"ex1_vanilla_mlp": "..."}      # a cell the student adds after that one
        FLAGGED = "ex1_vanilla_mlp"             # the cell grading must name

    Grading must give it no point beyond its honest work (the tests before the first changed
    cell, for a ``source`` base), report ``tampering suspected`` naming ``FLAGGED``, and leave no
    hidden test code in its feedback.
    """

    name: str
    description: str
    kind: str
    base: str
    cells: dict[str, str]
    append: dict[str, str]
    added: dict[str, str]
    flagged: str


def load_tampering(assignment: str, root: Path = REPO_ROOT) -> list[Tampering]:
    """The tampering attempts written for ``assignment``, sorted by file name."""
    attempts = []
    for name, module in _modules(root / "tests" / "tampering" / assignment):
        attempts.append(Tampering(name, (module.__doc__ or "").strip(), module.KIND, getattr(module, "BASE", "release"),
                                  dict(getattr(module, "CELLS", {})), dict(getattr(module, "APPEND", {})),
                                  dict(getattr(module, "ADDED", {})), module.FLAGGED))
    return attempts


def apply_tampering(notebook: dict, attempt: Tampering) -> tuple[dict, int]:
    """A copy of ``notebook`` (the release or the source) with ``attempt`` applied, and the index of
    the first cell it changed (the cells before it hold its honest work)."""
    changed = copy.deepcopy(notebook)
    cells = changed["cells"]

    def find(key: str) -> int:
        for index, cell in enumerate(cells):
            text = "".join(cell["source"])
            if (key.startswith("text:") and key[5:] in text and cell["cell_type"] == "code") or \
                    cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == key:
                return index
        raise KeyError(f"tampering {attempt.name}: no cell {key!r}")

    touched = []
    for key, code in attempt.cells.items():
        touched.append(index := find(key))
        cells[index]["source"] = textwrap.dedent(code).strip("\n") + "\n"
    for key, code in attempt.append.items():
        touched.append(index := find(key))
        cells[index]["source"] = "".join(cells[index]["source"]).rstrip("\n") + "\n" + textwrap.dedent(code).strip("\n")
    for key, code in sorted(attempt.added.items(), key=lambda item: -find(item[0])):
        index = find(key)
        cells.insert(index + 1, {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                 "id": f"added-{index}",
                                 "source": textwrap.dedent(code).strip("\n") + "\n"})
        touched = [t + 1 if t > index else t for t in touched] + [index + 1]
    return changed, min(touched)


def submit(course: Path, student: str, assignment: str, notebook: dict | str | bytes,
           timestamp: dt.datetime | None = None) -> Path:
    """Place ``notebook`` (a dict, or raw text for broken files) as ``student``'s submission."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    if isinstance(notebook, dict):
        path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    elif isinstance(notebook, bytes):
        path.write_bytes(notebook)
    else:
        path.write_text(notebook, encoding="utf-8")
    stamp = timestamp or dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    (folder / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    return path
