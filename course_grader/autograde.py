"""``make autograde``: grade every submission with nbgrader, then record each one's outcome.

nbgrader grades the whole batch in one run (one kernel per notebook) and keeps going when a
submission breaks. Its exit code and log say little about *which* student got *what*, so after
the run each submission gets an outcome read from the gradebook (the score), the autograded
notebook (failed tests, errors, deleted or edited locked cells) and that student's part of
the log (a dead kernel, a notebook nbgrader could not read). Outcomes go to
``grading-report.csv`` and to the screen.

Usage::

    python -m course_grader.autograde [ASSIGNMENT ...] [--course DIR] [--force]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from course_grader.course import REPO_ROOT, assignments, grade_cells, read_notebook, release_notebook
from course_grader.gradebook import autograde as run_nbgrader
from course_grader.gradebook import db_url

REPORT_NAME = "grading-report.csv"
FIELDS = ("student", "assignment", "status", "score", "max_score", "reason")
ERROR_NAMES = {
    "CellTimeoutError": "a cell ran past the time limit per cell and was interrupted",
    "KeyboardInterrupt": "a cell ran past the time limit per cell and was interrupted",
    "MemoryError": "a cell went over the memory limit",
    "BlockingIOError": "a cell went over the process limit",
}


@dataclass
class Outcome:
    """What happened to one submission: ``graded``, ``graded with errors`` or ``not graded``."""

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


def check_submission(course: Path, student: str, assignment: str) -> str:
    """Why a submission cannot be graded at all ('' when it can): missing or unreadable notebook."""
    folder = course / "submitted" / student / assignment
    path = folder / f"{assignment}.ipynb"
    if not path.is_file():
        found = ", ".join(sorted(p.name for p in folder.glob("*.ipynb"))) or "no notebook"
        return f"no {assignment}.ipynb in the submission (found: {found})"
    try:
        nbformat.validate(nbformat.read(path, as_version=4))
    except Exception as error:  # noqa: BLE001 (any parse failure is the student's file, not ours)
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"{assignment}.ipynb is not a valid notebook ({first_line[:120]})"
    return ""


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
    errors = [line.split("]", 1)[-1].strip() for line in log_part.splitlines() if "| ERROR]" in line]
    errors = [e for e in errors if not e.startswith(("There was an error", "Traceback"))]
    return "nbgrader could not grade it: " + (errors[0] if errors else "see nbgrader's log")


def notebook_findings(course: Path, student: str, assignment: str, expected_tests: set[str],
                      log_part: str) -> list[str]:
    """Deleted or edited locked cells, failed tests and notable errors in the autograded notebook."""
    findings: list[str] = []
    submitted = read_notebook(course / "submitted" / student / assignment / f"{assignment}.ipynb")
    deleted = sorted(expected_tests - set(grade_cells(submitted)))
    if deleted:
        findings.append(f"deleted locked test cells score 0: {', '.join(deleted)}")
    edited = sorted(set(re.findall(r"Attribute 'checksum' for cell (\S+) has changed", log_part)))
    if edited:
        findings.append(f"edited locked cells were restored before grading: {', '.join(edited)}")
    graded = course / "autograded" / student / assignment / f"{assignment}.ipynb"
    failed, notable = [], []
    for cell in read_notebook(graded)["cells"] if graded.is_file() else []:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors and meta.get("grade") and not meta.get("solution"):
            failed.append(meta.get("grade_id", "?"))
        for error in errors:
            name = error.get("ename", "")
            if name in ERROR_NAMES and ERROR_NAMES[name] not in notable:
                notable.append(ERROR_NAMES[name])
    if failed:
        findings.append(f"{len(failed)} of {len(expected_tests)} test cells failed: {', '.join(failed)}")
    findings.extend(notable)
    return findings


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
        gradebook.add_submission(assignment, student)


def grade(course: Path, assignment: str, force: bool = True) -> list[Outcome]:
    """Autograde every submission of ``assignment`` in ``course``; one outcome per submission."""
    students = submissions(course, assignment)
    if not students:
        return []
    unreadable = {s: why for s in students if (why := check_submission(course, s, assignment))}
    extra = ["--CourseDirectory.student_id_exclude=" + ",".join(sorted(unreadable))] if unreadable else []
    result = run_nbgrader(course, assignment, *extra, force=force)
    log = log_by_student(result.stdout + result.stderr)
    tests = set(grade_cells(read_notebook(release_notebook(assignment, course))))
    outcomes = []
    with Gradebook(db_url(course)) as gradebook:
        max_score = float(gradebook.find_assignment(assignment).max_score)
        for student in students:
            if student in unreadable:
                record_zero(gradebook, student, assignment)
                outcomes.append(Outcome(student, assignment, "not graded", 0.0, max_score, unreadable[student]))
                continue
            part = log.get(student, "")
            graded = (course / "autograded" / student / assignment / f"{assignment}.ipynb").is_file()
            scores = score_of(gradebook, student, assignment)
            if not graded or scores is None:
                record_zero(gradebook, student, assignment)
                outcomes.append(Outcome(student, assignment, "not graded", 0.0, max_score, failure_reason(part)))
                continue
            findings = notebook_findings(course, student, assignment, tests, part)
            status = "graded with errors" if findings else "graded"
            outcomes.append(Outcome(student, assignment, status, scores[0], scores[1], "; ".join(findings) or "all tests passed"))
    return outcomes


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
    parser.add_argument("--resume", action="store_true", help="keep submissions already autograded")
    args = parser.parse_args(argv)
    course = args.course.resolve()
    wanted = args.assignments or [a for a in assignments(course) if submissions(course, a)]
    if not wanted:
        print(f"Nothing to grade: no submissions in {course / 'submitted'} (make collect ZIP=... puts them there).")
        return 0
    everything: list[Outcome] = []
    for assignment in wanted:
        outcomes = grade(course, assignment, force=not args.resume)
        everything.extend(outcomes)
        for o in outcomes:
            print(f"{o.assignment:<18} {o.student:<24} {o.score:6.1f} / {o.max_score:<6.1f} {o.status}: {o.reason}")
    write_report(course / REPORT_NAME, everything)
    print(f"{len(everything)} submissions; outcomes written to {course / REPORT_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
