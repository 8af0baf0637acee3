"""nbgrader preprocessors of the course, enabled in ``nbgrader_config.py``.

- ``RemoveInstructorCells`` (release): drops cells tagged ``instructor-only``, e.g. the list of
  common mistakes that the hidden tests catch.
- ``CompleteLanguageInfo`` (release): writes the ``language_info`` that the notebook's kernel
  reports, so that opening the release in JupyterLab leaves it unmodified.
- ``LockInstructorCells`` (release): makes every other cell but the answers a locked, read-only
  nbgrader cell, so that nbgrader restores it at grading and a cell the student added is known
  as such.
- ``KeepOnlyAnswers`` (autograde): the notebook that runs is the release with the student's
  answer cells in place, checked with the code policy (``course_grader/answers.py``).
- ``HideHiddenTests`` (feedback): keeps each hidden test's result and failure message but
  removes its code, which nbgrader's feedback would otherwise show to the student.
- ``CheckCellMetadata`` (release, autograde): nbgrader's check of the cells' nbgrader metadata,
  the same errors, with the schema compiled once per process (nbgrader checks the schema itself
  again for every cell: 0.3 s of a grading worker's CPU per call, two calls per submission).
"""

from __future__ import annotations

import copy
import re
import traceback
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool, Unicode

import jsonschema
from ipykernel.ipkernel import IPythonKernel
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata

from course_grader.answers import rebuild
from course_grader.course import read_notebook

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


class CompleteLanguageInfo(Preprocessor):
    """Give a Python notebook the ``language_info`` that its kernel (ipykernel in this environment) reports.

    Once a kernel is ready, JupyterLab writes the kernel's ``language_info`` into the notebook; a
    release that carries only ``{"name": "python"}`` (as nbgrader copies it from the source) is then
    marked modified before the student has done anything, and closing it asks to save. The kernel
    ``make kernel`` registers runs this environment's Python, whose ipykernel reports exactly this
    (its ``version`` is this Python's: a kernel on another Python still updates it).

    Example:
        >>> nb = nbformat.v4.new_notebook(metadata={"language_info": {"name": "python"}})
        >>> nb, _ = CompleteLanguageInfo().preprocess(nb, {})
        >>> nb.metadata.language_info == IPythonKernel.language_info
        True
    """

    enabled = Bool(True, help="nbconvert runs only enabled preprocessors").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        language = nb.metadata.get("kernelspec", {}).get("language") or nb.metadata.get("language_info", {}).get("name")
        if language in (None, "python"):
            nb.metadata["language_info"] = nbformat.from_dict(copy.deepcopy(IPythonKernel.language_info))
        return nb, resources


ASSIGNMENT_KEY = "course_assignment"  # notebook metadata: which assignment (its import allow-list)


class LockInstructorCells(Preprocessor):
    """Give each cell without nbgrader metadata a read-only lock and a grade_id from its cell id;
    record the assignment's id in the notebook's metadata."""

    enabled = Bool(True, help="nbconvert runs only enabled preprocessors").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        nb.metadata[ASSIGNMENT_KEY] = resources.get("nbgrader", {}).get("assignment", "")
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        if not cell.get("metadata", {}).get("nbgrader"):
            cell.setdefault("metadata", {})["nbgrader"] = {
                "grade": False, "solution": False, "locked": True, "schema_version": 3,
                "grade_id": f"cell-{cell.get('id') or index}"}
        return cell, resources


class KeepOnlyAnswers(Preprocessor):
    """At grading, replace the submission by the release with the student's answers in place."""

    enabled = Bool(True, help="nbconvert runs only enabled preprocessors").tag(config=True)
    course_root = Unicode("", help="the course folder, whose notebooks/ holds the releases").tag(config=True)
    release_directory = Unicode("notebooks", help="the release folder, in the course folder").tag(config=True)
    check_policy = Bool(True, help="check answers and added cells with the code policy").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        assignment = resources["nbgrader"]["assignment"]
        path = Path(self.course_root) / self.release_directory / assignment / f"{resources['nbgrader']['notebook']}.ipynb"
        if not path.is_file():
            raise FileNotFoundError(f"no release of {assignment} at {path}: run `make release` before grading")
        rebuilt = rebuild(nbformat.from_dict(nb), read_notebook(path), assignment, check=self.check_policy)
        for violation in rebuilt.violations:
            self.log.warning("Code policy: %s", violation.message())
        return nbformat.from_dict(rebuilt.notebook), resources


MESSAGE_PREFIXES = ("#", "'", '"', "f'", 'f"', "hint=", "rf'", 'rf"')
REDACTED = "[a line of hidden test code was removed from this output]"


def _normalized(text: str) -> str:
    return re.sub(r"\W+", "", text)


def hidden_code_lines(notebook: NotebookNode | dict) -> set[str]:
    """The lines of code in the notebook's hidden tests, normalized (letters, digits and ``_`` only).

    Lines that are only a message (a string, a hint, a comment) are left out: a failing hidden test
    may show its message. Lines shorter than 12 characters are too common to tell apart.

    Example:
        >>> sorted(hidden_code_lines({"cells": [{"cell_type": "code", "source":
        ...     "### BEGIN HIDDEN TESTS\\ncheck_close('y', f(2.5), 6.25)\\n'a message'\\n### END HIDDEN TESTS"}]}))
        ['check_closeyf25625']
    """
    found = set()
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] != "code" or not has_hidden_tests(source):
            continue
        hidden = False
        for line in source.splitlines():
            if BEGIN_HIDDEN in line:
                hidden = True
            elif END_HIDDEN in line:
                hidden = False
            elif hidden and not line.strip().startswith(MESSAGE_PREFIXES) and len(_normalized(line)) >= 12:
                found.add(_normalized(line))
    return found


def redact(text: str, hidden: set[str]) -> str:
    """``text`` with every line that quotes a line of ``hidden`` (normalized) replaced by a notice."""
    lines = text.split("\n")
    kept = [REDACTED if any(h in _normalized(line) for h in hidden) else line for line in lines]
    return "\n".join(kept)


class HideHiddenTests(Preprocessor):
    """In feedback, show a hidden test's outcome and message, never its code or traceback.

    And wherever an output (of any cell) quotes a line of hidden test code, however it got
    there (a student's code printing IPython's history, a frame, a traceback), that line goes.
    """

    enabled = Bool(True, help="nbconvert runs only enabled preprocessors").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        hidden = hidden_code_lines(nb)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if has_hidden_tests(cell.source):
                cell.source = strip_hidden_tests(cell.source)
                for output in cell.get("outputs", []):
                    if output.get("output_type") == "error":
                        # The traceback quotes the failing line, which may be hidden test code.
                        output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
            for output in cell.get("outputs", []):
                _redact_output(output, hidden)
        return nb, resources


def _redact_output(output: NotebookNode, hidden: set[str]) -> None:
    def clean(value):
        if isinstance(value, str):
            return redact(value, hidden)
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    for key in ("text", "evalue", "traceback"):
        if key in output:
            output[key] = clean(output[key])
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/") or mime.endswith("json"):
            output["data"][mime] = clean(value)



class _SchemaCompiledOnce(BaseMetadataValidator):
    """Between nbgrader's version-3 validator and its base class: the base's ``validate_cell`` with
    a validator built once per schema version (jsonschema.validate checks the schema at every call)."""

    def validate_cell(self, cell: NotebookNode) -> None:
        meta = cell.metadata.get("nbgrader")
        if meta is None or meta.get("schema_version", 0) != self.schema_version:
            return super().validate_cell(cell)  # nothing to check, or nbgrader's error for that version
        error = jsonschema.exceptions.best_match(_schema_validator(self.schema_version, self.schema).iter_errors(meta))
        if error is not None:
            raise error


class _MetadataValidator(MetadataValidator, _SchemaCompiledOnce):
    pass


_COMPILED_SCHEMAS: dict[int, jsonschema.protocols.Validator] = {}


def _schema_validator(version: int, schema: dict) -> jsonschema.protocols.Validator:
    if version not in _COMPILED_SCHEMAS:
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
        _COMPILED_SCHEMAS[version] = validator_class(schema)
    return _COMPILED_SCHEMAS[version]


class CheckCellMetadata(NbgraderCheckCellMetadata):
    """nbgrader's ``CheckCellMetadata`` (same checks, same errors), its schema compiled once.

    Example:
        >>> cell = nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"schema_version": 3,
        ...     "grade": True, "solution": False, "locked": True, "grade_id": "t", "points": "two"}})
        >>> CheckCellMetadata().preprocess(nbformat.v4.new_notebook(cells=[cell]), {})
        Traceback (most recent call last):
        ...
        jsonschema.exceptions.ValidationError: Notebook failed to validate; the nbgrader metadata may be corrupted.
    """

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        try:
            _MetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            message = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(message)
            raise ValidationError(message)
        return nb, resources
