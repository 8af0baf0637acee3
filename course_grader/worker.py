"""A grading worker: one long-lived process that autogrades submissions one after another.

``make autograde JOBS=N`` starts N workers and hands each the next submission as soon as it is
free. A worker imports nbgrader and reads the course's configuration once, then grades each
submission with nbgrader's own API (``NbGraderAPI.autograde``, what the formgrader calls), so a
class of 300 does not pay 300 interpreter starts. Each submission still gets a fresh sandboxed
kernel (``course_grader/kernel.py``), forked from the worker's zygote where the machine allows it
(``course_grader/zygote.py``: PyTorch is imported once per worker, not once per submission).

Protocol (line by line, text): the parent writes a student id on the worker's stdin; the worker
answers on its stdout with one JSON object ``{"student", "success", "log"}``, where ``log`` is
nbgrader's log for that submission (and the traceback when nbgrader gave up). Everything else a
worker or its kernels print goes to its stderr, which the parent sends to a log file.

Usage (by ``course_grader.autograde``, not by hand)::

    python -m course_grader.worker COURSE_DIR ASSIGNMENT
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from pathlib import Path

from nbgrader.apps.api import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from sqlalchemy.exc import SAWarning
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from course_grader.zygote import RUNTIME_VARIABLE, Zygote
from course_grader.zygote import wanted as zygote_wanted


def course_config(course: Path) -> Config:
    """The nbgrader configuration in ``course/nbgrader_config.py``, as nbgrader itself reads it."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    return config


def autograder(course: Path) -> NbGraderAPI:
    """nbgrader's API on ``course`` (the object that grades, one submission per call).

    Example:
        >>> from course_grader.course import REPO_ROOT
        >>> autograder(REPO_ROOT).coursedir.source_directory
        'solutions'
    """
    config = course_config(course)
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def serve(course: Path, assignment: str, requests, answers) -> None:
    """Grade the student read from each line of ``requests``; answer each on ``answers``."""
    api = autograder(course)
    factory = Zygote.start(course) if zygote_wanted() else None
    if factory is not None:
        os.environ[RUNTIME_VARIABLE] = str(factory.runtime)
    try:
        for line in requests:
            student = line.strip()
            if not student:
                continue
            answer = grade_one(api, assignment, student)
            if factory is not None and not factory.alive():
                # Students' kernels cannot reach it: it failed to start (bubblewrap refused the
                # capability, say) or stopped because it could not isolate a kernel (zygote.NOT_ISOLATED).
                # Grade this one again, and the rest, each kernel started afresh.
                print("course-grader worker: the kernel zygote stopped; kernels now start afresh", file=sys.stderr)
                factory.stop()
                factory = None
                os.environ.pop(RUNTIME_VARIABLE, None)
                answer = grade_one(api, assignment, student)
            answers.write(json.dumps(answer) + "\n")
            answers.flush()
    finally:
        if factory is not None:
            factory.stop()


def grade_one(api: NbGraderAPI, assignment: str, student: str) -> dict:
    """Autograde ``student``'s submission: the answer for the parent (student, success, log)."""
    with warnings.catch_warnings():
        # nbgrader's gradebook triggers harmless SQLAlchemy autoflush warnings on every submission.
        warnings.simplefilter("ignore", SAWarning)
        result = api.autograde(assignment, student, force=True, create=True)
    log = result.get("log", "") + ("\n" + result["error"] if result.get("error") else "")
    return {"student": student, "success": bool(result.get("success")), "log": log}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    course, assignment = Path(args[0]).resolve(), args[1]
    os.chdir(course)
    # The answers keep a channel of their own: kernels inherit stdout and print on it.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(course, assignment, sys.stdin, answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
