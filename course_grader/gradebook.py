"""Run nbgrader on a course directory and read the marks back from its gradebook.

Marks come from nbgrader's Gradebook API, never from exit codes: ``nbgrader validate``
and ``nbgrader autograde`` can exit 0 with failed tests, or non-zero for one bad notebook.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from course_grader.course import COURSE_ID

# nbgrader's Gradebook runs the `alembic` command found on PATH: make sure it is this
# environment's, even when the environment was never activated.
_BIN = str(Path(sys.executable).parent)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")

Marks = dict[str, float]
"""Score of each graded cell of one submission, by ``grade_id``."""


def db_url(course: Path) -> str:
    """The SQLite gradebook of ``course`` (``$COURSE_GRADEBOOK_URL`` overrides, as in the config)."""
    return os.environ.get("COURSE_GRADEBOOK_URL", f"sqlite:///{course / 'gradebook.db'}")


def open_gradebook(course: Path) -> Gradebook:
    """The gradebook of ``course`` (use as a context manager), under the course's id."""
    return Gradebook(db_url(course), course_id=COURSE_ID)


def nbgrader(course: Path, *args: str, timeout: float | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` with ``course`` as working directory (``env``: extra variables)."""
    command = [sys.executable, "-m", "nbgrader", *args]
    return subprocess.run(command, cwd=course, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def release(course: Path, assignment: str) -> None:
    """Generate the student version of ``assignment`` (and its gradebook entry) in ``course``."""
    result = nbgrader(course, "generate_assignment", assignment, "--force")
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment {assignment} failed:\n{result.stdout}{result.stderr}")


def autograde(course: Path, assignment: str, *extra: str, force: bool = True) -> subprocess.CompletedProcess:
    """Autograde the submissions of ``assignment`` in ``course``.

    With ``force`` every submission is graded again; without it, nbgrader skips those that
    already have an autograded notebook (resuming an interrupted batch).
    """
    return nbgrader(course, "autograde", assignment, *(["--force"] if force else []), *extra)


def read_marks(course: Path, assignment: str) -> dict[str, Marks]:
    """Per student, the score of each graded cell of ``assignment`` (autograded and manual)."""
    marks: dict[str, Marks] = {}
    with open_gradebook(course) as gradebook:
        for student in gradebook.students:
            try:
                submission = gradebook.find_submission(assignment, student.id)
            except MissingEntry:
                continue
            marks[student.id] = {grade.name: float(grade.score or 0.0)
                                 for notebook in submission.notebooks for grade in notebook.grades}
    return marks
