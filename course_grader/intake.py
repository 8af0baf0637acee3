"""What a student handed in, made gradable: a notebook in today's format, or one clear refusal.

Students hand in what their tools saved: nbformat 3 from an old Jupyter, 4.0 from Colab, a
byte-order mark from a Windows editor, cells without ids, metadata dropped or copied twice.
``read_submission`` turns a file into an nbformat 4 notebook (upgraded with nbformat's own
converter), and ``prepare`` maps its cells back onto the release (``course_grader/recovery.py``).
Nothing here runs the notebook; a file that cannot be a notebook gets a reason that says what is
wrong and what to do. ``make autograde`` calls ``prepare`` on every submission before nbgrader
reads it: when the file had to be repaired, the student's file is kept, byte for byte, as
``<assignment>.ipynb.as-submitted`` beside the repaired one (a later run starts again from it).

``make recover NB=path/to/notebook.ipynb`` writes the repaired notebook beside a student's own
(``<name>.recovered.ipynb``) and says what it did.

Example:
    >>> import json, tempfile, pathlib, nbformat
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "old.ipynb"
    >>> v3 = nbformat.v3.new_notebook(worksheets=[nbformat.v3.new_worksheet(cells=[nbformat.v3.new_code_cell("1 + 1")])])
    >>> _ = path.write_text(nbformat.writes(v3, version=3))
    >>> intake = read_submission(path)
    >>> intake.notebook["nbformat"], intake.repairs
    (4, ['converted from nbformat 3 to nbformat 4 with nbformat’s own upgrade'])
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course_grader.course import REPO_ROOT, assignments, read_notebook, release_notebook
from course_grader.preprocessors import ASSIGNMENT_KEY
from course_grader.recovery import Recovery, cell_text, recover

AS_SUBMITTED = ".as-submitted"
"""Suffix of the student's own file, kept beside the repaired notebook that is graded."""
BOM = b"\xef\xbb\xbf"
CELL_TYPES = ("code", "markdown", "raw")
VALID_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")


@dataclass
class Intake:
    """A submission read: the notebook (nbformat 4, as a dict) or why there is none."""

    notebook: dict | None = None
    refusal: str = ""
    repairs: list[str] = field(default_factory=list)
    """What was repaired in the file (nothing the student needs to do about)."""


def _refuse(path: Path, why: str) -> Intake:
    return Intake(refusal=f"{path.name} {why}")


def read_submission(path: Path) -> Intake:
    """Read ``path`` as a notebook in nbformat 4, repairing what can be repaired without guessing.

    Refused (with the reason): a symbolic link, a folder or special file, unreadable bytes, text
    that is not JSON or not a notebook, a format newer than nbformat 4.
    """
    if path.is_symlink():
        return _refuse(path, "is a symbolic link, not a notebook file: submit the .ipynb file itself")
    if path.is_dir():
        return _refuse(path, "is a folder, not a notebook file: submit the .ipynb file that is inside it")
    if not path.exists():
        return _refuse(path, "does not exist")
    if not path.is_file():
        return _refuse(path, "is not a regular file (a pipe, socket or device): submit the .ipynb file itself")
    try:
        data = path.read_bytes()
    except OSError as error:
        return _refuse(path, f"cannot be read ({error.strerror or type(error).__name__}): submit it again")
    return parse(data, path.name)


def parse(data: bytes, name: str = "the notebook") -> Intake:
    """The notebook in ``data`` (a file's bytes); see ``read_submission``."""
    repairs: list[str] = []
    if not data.strip():
        return Intake(refusal=f"{name} is empty: it is not a valid notebook (save it from Jupyter and submit it again)")
    if data.startswith(BOM):
        data = data[len(BOM):]
        repairs.append("a byte-order mark at the start of the file was removed")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return Intake(refusal=f"{name} is not a valid notebook (not UTF-8 text: byte {data[error.start]:#04x} "
                              f"at position {error.start}); save it from Jupyter and submit it again")
    try:
        raw = json.loads(text)
    except ValueError as error:
        return Intake(refusal=f"{name} is not a valid notebook (not JSON: {str(error)[:120]}); "
                              "save it from Jupyter and submit it again")
    if not isinstance(raw, dict) or not isinstance(raw.get("nbformat"), int):
        return Intake(refusal=f"{name} is not a valid notebook (JSON without a notebook format number); "
                              "save it from Jupyter and submit it again")
    version = raw["nbformat"]
    if version > 4:
        return Intake(refusal=f"{name} is in nbformat {version}, newer than this course's Jupyter reads "
                              "(nbformat 4): save it as nbformat 4 and submit it again")
    if version < 4:
        try:
            raw = nbformat.convert(nbformat.from_dict(raw), 4)
        except Exception as error:  # noqa: BLE001 (any failure of the converter is this file's)
            return Intake(refusal=f"{name} is an nbformat {version} notebook that nbformat could not upgrade "
                                  f"({type(error).__name__}: {str(error)[:100]}); open it in Jupyter, save it, "
                                  "and submit it again")
        repairs.append(f"converted from nbformat {version} to nbformat 4 with nbformat’s own upgrade")
    notebook, fixed = _whole(raw)
    repairs += fixed
    return Intake(notebook=notebook, repairs=repairs)


def _valid(notebook: dict) -> bool:
    try:  # on a copy: nbformat's validate repairs some notebooks in place
        nbformat.validate(copy.deepcopy(notebook))
    except nbformat.ValidationError:
        return False
    return True


def _whole(raw: dict) -> tuple[dict, list[str]]:
    """A valid nbformat 4 notebook from ``raw``: as it is when nbformat reads it so, else rebuilt from
    every cell that has a type and a text (outputs are dropped: grading clears them anyway)."""
    cells = raw.get("cells") if isinstance(raw.get("cells"), list) else []
    line_endings = any("\r" in cell_text(c) for c in cells if isinstance(c, dict))
    ids = [c.get("id") for c in cells if isinstance(c, dict) and "id" in c]
    if not line_endings and len(ids) == len(set(ids)) and _valid(raw):
        return raw, []
    repairs: list[str] = []
    rebuilt, unreadable = [], 0
    for cell in cells:
        source = cell.get("source", "") if isinstance(cell, dict) else None
        if (not isinstance(cell, dict) or cell.get("cell_type") not in CELL_TYPES
                or not isinstance(source, (str, list))):
            unreadable += 1
            continue
        metadata = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        make = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
                "raw": nbformat.v4.new_raw_cell}[cell["cell_type"]]
        new = make(source=cell_text(cell).replace("\r\n", "\n").replace("\r", "\n"), metadata=metadata)
        if isinstance(cell.get("id"), str) and VALID_ID.fullmatch(cell["id"]) and cell["id"] not in {c["id"] for c in rebuilt}:
            new["id"] = cell["id"]
        if not _valid(nbformat.v4.new_notebook(cells=[new])):  # metadata nbformat cannot read: keep nbgrader's
            new["metadata"] = {k: v for k, v in metadata.items() if k == "nbgrader"}
        rebuilt.append(new)
    if unreadable:
        repairs.append(f"{unreadable} cell(s) that were not valid notebook cells were left out")
    if line_endings:
        repairs.append("Windows line endings in cells were read as plain line endings")
    metadata = raw.get("metadata") if isinstance(raw.get("metadata"), dict) else {}
    notebook = nbformat.v4.new_notebook(cells=rebuilt, metadata=metadata)
    if not _valid(notebook):
        notebook["metadata"] = {}
        repairs.append("notebook metadata that nbformat could not read was left out")
    return json.loads(json.dumps(notebook)), repairs


@dataclass
class Prepared:
    """A submission ready for nbgrader, or why it cannot be graded, and what the student should know."""

    refusal: str = ""
    repairs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    recovery: Recovery | None = None

    def findings(self) -> list[str]:
        """One line each, for the grading report."""
        return [f"note: {n}" for n in self.notes + self.repairs]


def repaired(path: Path, release: dict) -> tuple[Intake, Recovery | None]:
    """The notebook at ``path`` read (``read_submission``) and its cells mapped onto ``release``."""
    intake = read_submission(path)
    if intake.notebook is None:
        return intake, None
    return intake, recover(intake.notebook, release)


def prepare(folder: Path, assignment: str, release: dict) -> Prepared:
    """Make ``folder`` (``submitted/<student>/<assignment>/``) hold a notebook nbgrader grades as meant.

    The notebook graded is ``<assignment>.ipynb``; when it had to be repaired, the student's own
    file is kept as ``<assignment>.ipynb.as-submitted`` and read from there next time.
    """
    if folder.is_symlink():
        return Prepared(refusal="the submission's folder is a symbolic link: submit the notebook file itself")
    path = folder / f"{assignment}.ipynb"
    kept = path.with_name(path.name + AS_SUBMITTED)
    original = kept if kept.is_file() and not kept.is_symlink() else path
    if not original.exists() and not original.is_symlink():
        found = ", ".join(sorted(p.name for p in folder.glob("*.ipynb"))) or "no notebook"
        return Prepared(refusal=f"no {assignment}.ipynb in the submission (found: {found})")
    intake, recovery = repaired(original, release)
    if intake.notebook is None:
        return Prepared(refusal=intake.refusal)
    assert recovery is not None
    graded = recovery.notebook
    if graded != _plain(original) or original is kept:
        if original is path:
            shutil.copy2(path, kept)
        path.write_text(json.dumps(graded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return Prepared(repairs=intake.repairs, notes=recovery.notes, recovery=recovery)


def _plain(path: Path) -> dict | None:
    """The file's JSON exactly as stored (None when it is not plain UTF-8 JSON)."""
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None


def assignment_of(notebook: dict, path: Path, course: Path) -> str | None:
    """Which assignment ``notebook`` is: the id the release wrote in it, else its file's name."""
    known = assignments(course)
    named = (notebook.get("metadata") or {}).get(ASSIGNMENT_KEY)
    if named in known:
        return named
    return next((a for a in known if path.name.startswith(a)), None)


def main(argv: list[str] | None = None) -> int:
    """``make recover NB=...``: write ``<name>.recovered.ipynb`` beside the notebook, say what was done."""
    parser = argparse.ArgumentParser(prog="make recover", description=main.__doc__)
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--assignment", help="default: read from the notebook or its file name")
    parser.add_argument("--course", type=Path, default=REPO_ROOT)
    args = parser.parse_args(argv)
    intake = read_submission(args.notebook)
    if intake.notebook is None:
        print(f"error: {intake.refusal}", file=sys.stderr)
        return 1
    assignment = args.assignment or assignment_of(intake.notebook, args.notebook, args.course)
    if assignment is None:
        print(f"error: cannot tell which assignment {args.notebook.name} is: say it with ASSIGNMENT=01_mlp",
              file=sys.stderr)
        return 2
    recovery = recover(intake.notebook, read_notebook(release_notebook(assignment, args.course)))
    target = args.notebook.with_name(args.notebook.name.removesuffix(".ipynb") + ".recovered.ipynb")
    target.write_text(json.dumps(recovery.notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for line in intake.repairs + recovery.notes or ["nothing needed repairing"]:
        print(f"- {line}")
    answers = len(recovery.recovered) + len(recovery.unmapped)
    if answers:
        print(f"Answers found by order and content: {len(recovery.recovered)} of {answers}"
              + (f" (not found: {', '.join(recovery.unmapped)})" if recovery.unmapped else ""))
    print(f"Wrote {target} (your file is unchanged). Open it, check your answers are in their cells, "
          "then submit it (renamed to the original name).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
