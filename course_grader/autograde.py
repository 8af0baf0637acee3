"""``make autograde``: grade every submission with nbgrader, then record each one's outcome.

nbgrader keeps going when a submission breaks, but its exit code and log say little about
*which* student got *what*. Each submission therefore gets an outcome read from the gradebook
(the score), the autograded notebook (code-policy violations, failed tests, errors, deleted, edited
or added cells) and
nbgrader's log for it (a dead kernel, a notebook it could not read). Outcomes go to
``grading-report.csv`` as soon as each submission is done, and to the screen.

Two ways to run nbgrader:

- ``grade(...)``: one plain nbgrader batch for the whole assignment (the serial reference of the tests);
- ``grade_parallel(..., jobs=N)``: N worker processes (``course_grader/worker.py``), each
  loading nbgrader once and grading one submission after another; each outcome is written as it
  finishes, so a grader killed mid-batch loses nothing and ``--resume`` picks up where it
  stopped. ``make autograde`` uses this, with ``JOBS`` = the number of cores; nbgrader's log
  for every submission goes to ``autograde.log``.

Usage::

    python -m course_grader.autograde [ASSIGNMENT ...] [--jobs N] [--resume] [--course DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning

from course_grader.course import (REPO_ROOT, assignments, autograded_tests, grade_cells, read_notebook,
                                  release_notebook, source_notebook)
from course_grader.answers import METADATA_KEY
from course_grader.intake import Prepared, prepare
from course_grader.gradebook import autograde as run_nbgrader
from course_grader.gradebook import open_gradebook

REPORT_NAME = "grading-report.csv"
LOG_NAME = "autograde.log"
FIELDS = ("student", "assignment", "status", "score", "max_score", "reason")
ERROR_NAMES = {
    "CellTimeoutError": "a cell ran past the time limit per cell and was interrupted",
    "KeyboardInterrupt": "a cell ran past the time limit per cell and was interrupted",
    "MemoryError": "a cell went over the memory limit",
    "BlockingIOError": "a cell went over the process limit",
}


@dataclass
class Outcome:
    """What happened to one submission: ``graded``, ``graded with errors``, ``tampering suspected``
    (the code policy or the kernel's guard stopped something: see ``course_grader/answers.py``)
    or ``not graded``."""

    student: str
    assignment: str
    status: str
    score: float
    max_score: float
    reason: str

    def row(self) -> dict[str, str]:
        return {"student": self.student, "assignment": self.assignment, "status": self.status,
                "score": f"{self.score:g}", "max_score": f"{self.max_score:g}", "reason": self.reason}


def submissions(course: Path, assignment: str) -> list[str]:
    """Students with a folder ``submitted/<student>/<assignment>/``."""
    return sorted(p.parent.name for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir())


def check_submission(course: Path, student: str, assignment: str, released: dict | None = None) -> Prepared:
    """Read ``student``'s submission and make it gradable (``course_grader/intake.py``): its
    ``refusal`` says why it cannot be graded at all ('' when it can), its notes what was repaired."""
    released = released if released is not None else read_notebook(release_notebook(assignment, course))
    return prepare(course / "submitted" / student / assignment, assignment, released)


def log_by_student(log: str) -> dict[str, str]:
    """nbgrader's log cut into one part per student (each part starts at 'Sanitizing ...')."""
    parts: dict[str, str] = {}
    current = ""
    for line in log.splitlines():
        match = re.search(r"Sanitizing .*/submitted/([^/]+)/", line)
        if match:
            current = match.group(1)
        if current:
            parts[current] = parts.get(current, "") + line + "\n"
    return parts


def failure_reason(log_part: str) -> str:
    """Why nbgrader gave up on a notebook, from that student's part of the log."""
    if "Kernel died" in log_part or "DeadKernelError" in log_part:
        return "the kernel died while running the notebook (the code crashed or exited): nothing graded"
    if "Kernel didn't respond" in log_part:
        return "the kernel did not start"
    errors = [line.split("]", 1)[-1].strip() for line in log_part.splitlines() if "ERROR]" in line]
    errors = [e for e in errors if not e.startswith(("There was an error", "Traceback"))]
    return "nbgrader could not grade it: " + (errors[0] if errors else "see nbgrader's log")


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def edited_locked_cells(submitted: dict, *originals: dict) -> list[str]:
    """Locked cells that match none of the ``originals`` (student version, source), by ``grade_id``.

    nbgrader restores them from the gradebook before grading, so an edit never earns marks;
    the report says so. (nbgrader's own checksum warnings cannot tell: they also fire for
    every hidden-test cell, whose student version differs from the instructor's by design.)

    Example:
        >>> locked = {"cell_type": "code", "source": "assert f(1) == 2",
        ...           "metadata": {"nbgrader": {"locked": True, "grade_id": "test_f"}}}
        >>> edited_locked_cells({"cells": [{**locked, "source": "pass"}]}, {"cells": [locked]})
        ['test_f']
    """
    def locked(notebook: dict) -> dict[str, str]:
        return {meta["grade_id"]: _source(cell) for cell in notebook["cells"]
                if (meta := cell.get("metadata", {}).get("nbgrader", {})).get("locked") and "grade_id" in meta}

    known: dict[str, set[str]] = {}
    for notebook in originals:
        for gid, text in locked(notebook).items():
            known.setdefault(gid, set()).add(text.strip())
    return sorted(gid for gid, text in locked(submitted).items() if gid in known and text.strip() not in known[gid])


def notebook_findings(course: Path, student: str, assignment: str, released: dict) -> list[str]:
    """Deleted or edited locked cells, failed tests and notable errors in the autograded notebook.

    ``released``: the student version of the assignment (the source is read from the course).
    """
    findings: list[str] = []
    expected_tests = set(grade_cells(released))
    submitted = read_notebook(course / "submitted" / student / assignment / f"{assignment}.ipynb")
    deleted = sorted(expected_tests - set(grade_cells(submitted)))
    if deleted:
        findings.append(f"deleted test cells were restored from the release and run: {', '.join(deleted)}")
    source = source_notebook(assignment, course)
    edited = edited_locked_cells(submitted, released, *([read_notebook(source)] if source.is_file() else []))
    if edited:
        findings.append(f"edited locked cells were restored before grading: {', '.join(edited)}")
    graded = course / "autograded" / student / assignment / f"{assignment}.ipynb"
    notebook = read_notebook(graded) if graded.is_file() else {"cells": [], "metadata": {}}
    findings = tampering_findings(notebook) + findings
    added = summary_of(notebook).get("added_cells", [])
    if added:
        findings.append(f"note: {len(added)} cells the student added were not run (only answer cells are graded): "
                        + ", ".join(added[:5]) + (" ..." if len(added) > 5 else ""))
    missing = summary_of(notebook).get("missing_answers", [])
    if missing:
        findings.append(f"answer cells not in the submission, graded as unanswered: {', '.join(missing)}")
    failed, notable = [], []
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors and meta.get("grade") and not meta.get("solution"):
            failed.append(meta.get("grade_id", "?"))
        for error in errors:
            name = error.get("ename", "")
            if name in ERROR_NAMES and ERROR_NAMES[name] not in notable:
                notable.append(ERROR_NAMES[name])
    if failed:
        findings.append(f"{len(failed)} of {len(autograded_tests(released))} test cells failed: {', '.join(failed)}")
    findings.extend(notable)
    return findings


def summary_of(graded: dict) -> dict:
    """What grading recorded in the graded notebook's metadata (``course_grader/answers.py``)."""
    return graded.get("metadata", {}).get(METADATA_KEY, {})


def tampering_findings(graded: dict) -> list[str]:
    """What the code policy and the kernel's guard recorded in a graded notebook, one line each.

    Example:
        >>> tampering_findings({"metadata": {"course_grader": {"guard_failures": ["test_ex1"]}}})
        ['tampering suspected: test cells did not run to their end under the guard: test_ex1']
    """
    summary = summary_of(graded)
    found = [f"tampering suspected: {v['message']}" for v in summary.get("violations", [])]
    found += [f"tampering suspected: {message}" for message in summary.get("refused", [])]
    if summary.get("guard_failures"):
        found.append("tampering suspected: test cells did not run to their end under the guard: "
                     + ", ".join(summary["guard_failures"]))
    return found


def score_of(gradebook: Gradebook, student: str, assignment: str) -> tuple[float, float] | None:
    try:
        submission = gradebook.find_submission(assignment, student)
    except MissingEntry:
        return None
    return float(submission.score or 0.0), float(submission.max_score or 0.0)


def record_zero(gradebook: Gradebook, student: str, assignment: str) -> None:
    """Give an ungradable submission its entry (all scores 0), so the gradebook lists every student."""
    try:
        gradebook.find_submission(assignment, student)
    except MissingEntry:
        try:
            gradebook.find_student(student)
        except MissingEntry:
            gradebook.add_student(student)
        with warnings.catch_warnings():
            # nbgrader's add_submission triggers a harmless SQLAlchemy autoflush warning.
            warnings.simplefilter("ignore", SAWarning)
            gradebook.add_submission(assignment, student)


def outcome_of(gradebook: Gradebook, course: Path, student: str, assignment: str, log_part: str,
               released: dict, max_score: float, notes: list[str] = ()) -> Outcome:
    """The outcome of one submission after nbgrader ran on it (``log_part``: its log; ``notes``: what
    was repaired in the file before it, ``Prepared.findings``)."""
    graded = (course / "autograded" / student / assignment / f"{assignment}.ipynb").is_file()
    scores = score_of(gradebook, student, assignment)
    if not graded or scores is None:
        record_zero(gradebook, student, assignment)
        return Outcome(student, assignment, "not graded", 0.0, max_score,
                       "; ".join([failure_reason(log_part), *notes]))
    findings = notebook_findings(course, student, assignment, released) + list(notes)
    serious = [f for f in findings if not f.startswith("note: ")]
    status = ("tampering suspected" if any(f.startswith("tampering suspected") for f in findings)
              else "graded with errors" if serious else "graded")
    return Outcome(student, assignment, status, scores[0], scores[1], "; ".join(findings) or "all tests passed")


def _unreadable_outcome(gradebook: Gradebook, student: str, assignment: str, why: str, max_score: float) -> Outcome:
    record_zero(gradebook, student, assignment)
    return Outcome(student, assignment, "not graded", 0.0, max_score, why)


def grade(course: Path, assignment: str, force: bool = True) -> list[Outcome]:
    """Autograde every submission of ``assignment`` in ``course`` in one nbgrader batch."""
    students = submissions(course, assignment)
    if not students:
        return []
    released = read_notebook(release_notebook(assignment, course))
    prepared = {s: check_submission(course, s, assignment, released) for s in students}
    unreadable = {s: p.refusal for s, p in prepared.items() if p.refusal}
    extra = ["--CourseDirectory.student_id_exclude=" + ",".join(sorted(unreadable))] if unreadable else []
    result = run_nbgrader(course, assignment, *extra, force=force)
    log = log_by_student(result.stdout + result.stderr)
    outcomes = []
    with open_gradebook(course) as gradebook:
        max_score = float(gradebook.find_assignment(assignment).max_score)
        for student in students:
            if student in unreadable:
                outcomes.append(_unreadable_outcome(gradebook, student, assignment, unreadable[student], max_score))
            else:
                outcomes.append(outcome_of(gradebook, course, student, assignment, log.get(student, ""), released,
                                           max_score, prepared[student].findings()))
    return outcomes


def recorded(report: Path) -> dict[tuple[str, str], dict[str, str]]:
    """Outcomes already in the report, by (student, assignment)."""
    if not report.is_file():
        return {}
    with report.open(newline="") as handle:
        return {(row["student"], row["assignment"]): row for row in csv.DictReader(handle)}


class Worker:
    """A ``course_grader.worker`` process, started on first use and again if it dies."""

    def __init__(self, course: Path, assignment: str, env: dict[str, str], log_file: Path) -> None:
        self.course, self.assignment, self.env, self.log_file = course, assignment, env, log_file
        self.process: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        with self.log_file.open("a") as log:
            return subprocess.Popen([sys.executable, "-m", "course_grader.worker", str(self.course), self.assignment],
                                    cwd=self.course, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                    text=True, env={**os.environ, **self.env})

    def grade(self, student: str) -> tuple[bool, str]:
        """Autograde ``student``'s submission; (whether nbgrader succeeded, its log for it)."""
        if self.process is None or self.process.poll() is not None:
            self.process = self._start()
        try:
            self.process.stdin.write(student + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            answer = ""
        if not answer:  # the worker itself died: report it, and start a new one for the next submission
            self.close()
            return False, f"[ERROR] the grading worker exited while grading (see {self.log_file.name})"
        result = json.loads(answer)
        return result["success"], result["log"]

    def close(self) -> None:
        if self.process is not None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
            self.process = None


def grade_parallel(course: Path, assignment: str, jobs: int = 2, resume: bool = False,
                   report: Path | None = None, log=print) -> list[Outcome]:
    """Grade the submissions with ``jobs`` worker processes; record each outcome as soon as it is known.

    Each worker (``course_grader/worker.py``) loads nbgrader once and grades one submission after
    another, each in a fresh sandboxed kernel. With ``resume``, submissions whose outcome is
    already in the report (and whose autograded notebook exists) are kept; the others, including
    one interrupted mid-run, are graded again. nbgrader's own log goes to ``autograde.log``.
    """
    report = report or course / REPORT_NAME
    students = submissions(course, assignment)
    if not students:
        return []
    done = recorded(report) if resume else {}
    todo = [s for s in students if not ((s, assignment) in done and
            (course / "autograded" / s / assignment).is_dir())]
    released = read_notebook(release_notebook(assignment, course))
    with open_gradebook(course) as gradebook:
        max_score = float(gradebook.find_assignment(assignment).max_score)
    lock = threading.Lock()
    outcomes: list[Outcome] = []
    waiting: queue.SimpleQueue[str] = queue.SimpleQueue()
    for student in todo:
        waiting.put(student)
    # Kernels graded side by side share the cores: one math thread each per core avoids
    # oversubscription (torch would otherwise start one thread per core in every kernel).
    threads = {"OMP_NUM_THREADS": str(max(1, (os.cpu_count() or 1) // max(1, jobs)))} if jobs > 1 else {}
    log_file = course / LOG_NAME

    def finish(outcome: Outcome) -> None:
        with lock:  # one writer at a time: the report and the gradebook stay whole
            write_report(report, [outcome])
            outcomes.append(outcome)
            log(f"{outcome.assignment:<18} {outcome.student:<24} {outcome.score:6.1f} / {outcome.max_score:<6.1f} "
                f"{outcome.status}: {outcome.reason}")

    def grade_one(worker: Worker, student: str) -> None:
        with lock:  # one thread at a time: CPython 3.11's ast.parse is not thread-safe (SystemError seen here)
            prepared = check_submission(course, student, assignment, released)
        if prepared.refusal:
            with lock, open_gradebook(course) as gradebook:
                outcome = _unreadable_outcome(gradebook, student, assignment, prepared.refusal, max_score)
            finish(outcome)
            return
        # An interrupted earlier run may have left a half-written folder: start clean.
        shutil.rmtree(course / "autograded" / student / assignment, ignore_errors=True)
        for _attempt in range(3):
            _success, text = worker.grade(student)
            if "database is locked" not in text:  # SQLite refused a concurrent write: grade it again
                break
        with lock:
            with log_file.open("a") as handle:
                handle.write(f"--- {assignment} {student}\n{text}\n")
            with open_gradebook(course) as gradebook:
                outcome = outcome_of(gradebook, course, student, assignment, text, released, max_score,
                                     prepared.findings())
        finish(outcome)

    def grade_safely(worker: Worker, student: str) -> None:
        """Grade one submission; whatever goes wrong, it gets its row and the worker goes on."""
        try:
            grade_one(worker, student)
        except Exception as error:  # noqa: BLE001 (one submission's failure must not stop the batch)
            summary = f"{type(error).__name__}: {str(error).strip().splitlines()[0][:160] if str(error).strip() else ''}"
            with lock:
                with log_file.open("a") as handle:
                    handle.write(f"--- {assignment} {student}: internal error\n{traceback.format_exc()}\n")
                try:
                    with open_gradebook(course) as gradebook:
                        record_zero(gradebook, student, assignment)
                except Exception:  # noqa: BLE001 (the report row matters more than the gradebook entry)
                    pass
            finish(Outcome(student, assignment, "not graded", 0.0, max_score,
                           f"internal error: {summary.rstrip(': ')} (the traceback is in {LOG_NAME})"))

    def work() -> None:
        worker = Worker(course, assignment, threads, log_file)
        try:
            while True:
                try:
                    student = waiting.get_nowait()
                except queue.Empty:
                    return
                grade_safely(worker, student)
        finally:
            worker.close()

    pool = [threading.Thread(target=work, name=f"grader-{n}") for n in range(max(1, min(jobs, len(todo))))]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    kept = [Outcome(row["student"], row["assignment"], row["status"], float(row["score"]),
                    float(row["max_score"]), row["reason"]) for (s, a), row in done.items()
            if a == assignment and s not in todo]
    return sorted(kept + outcomes, key=lambda o: o.student)


def write_report(path: Path, outcomes: list[Outcome]) -> None:
    """Write (or update, keyed on student and assignment) the outcomes CSV at ``path``."""
    rows: dict[tuple[str, str], dict[str, str]] = {}
    if path.is_file():
        with path.open(newline="") as handle:
            for row in csv.DictReader(handle):
                rows[(row["student"], row["assignment"])] = row
    for outcome in outcomes:
        rows[(outcome.student, outcome.assignment)] = outcome.row()
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for key in sorted(rows):
            writer.writerow(rows[key])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_grader.autograde", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignments", nargs="*", help="default: every assignment with submissions")
    parser.add_argument("--course", type=Path, default=REPO_ROOT)
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", 0)) or os.cpu_count() or 1,
                        help="submissions graded at once (default: $JOBS or the number of cores)")
    parser.add_argument("--resume", action="store_true",
                        help="keep the outcomes already in grading-report.csv (after an interrupted run)")
    args = parser.parse_args(argv)
    course = args.course.resolve()
    wanted = args.assignments or [a for a in assignments(course) if submissions(course, a)]
    if not wanted:
        print(f"Nothing to grade: no submissions in {course / 'submitted'} (make collect ZIP=... puts them there).")
        return 0
    report = course / REPORT_NAME
    if not args.resume and report.is_file():
        report.unlink()
    everything: list[Outcome] = []
    for assignment in wanted:
        everything += grade_parallel(course, assignment, jobs=args.jobs, resume=args.resume, report=report)
    print(summary_line(everything, args.jobs, report))
    return 1 if any(o.status == "not graded" for o in everything) else 0


STATUSES = ("graded", "graded with errors", "tampering suspected", "not graded")


def summary_line(outcomes: list[Outcome], jobs: int, report: Path) -> str:
    """The batch in one line: how many submissions got each status.

    Example:
        >>> o = Outcome("s1", "01_mlp", "graded", 35, 35, "all tests passed")
        >>> summary_line([o, o, Outcome("s2", "01_mlp", "not graded", 0, 35, "x")], 2, Path("r.csv"))
        '3 submissions, 2 workers: 2 graded, 1 not graded; outcomes in r.csv'
    """
    counts = Counter(o.status for o in outcomes)
    parts = [f"{counts[s]} {s}" for s in STATUSES if counts[s]]
    return f"{len(outcomes)} submissions, {jobs} workers: {', '.join(parts) or 'none'}; outcomes in {report}"


if __name__ == "__main__":
    sys.exit(main())
