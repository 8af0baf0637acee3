"""``make grades``: one row per student and assignment from nbgrader's gradebook.

Columns: student, assignment, score, max_score, late_seconds. Manual marks entered in the
formgrader are included (the gradebook's score is the manual score where one was given).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from nbgrader.api import MissingEntry

from course_grader.course import REPO_ROOT
from course_grader.gradebook import open_gradebook

FIELDS = ("student", "assignment", "score", "max_score", "late_seconds")


def grade_rows(course: Path) -> list[dict[str, str]]:
    """Every (student, assignment) pair of the gradebook; a missing submission scores 0."""
    rows = []
    with open_gradebook(course) as gradebook:
        for assignment in sorted(gradebook.assignments, key=lambda a: a.name):
            for student in sorted(gradebook.students, key=lambda s: s.id):
                try:
                    submission = gradebook.find_submission(assignment.name, student.id)
                    score, late = float(submission.score or 0.0), float(submission.total_seconds_late or 0.0)
                except MissingEntry:
                    score, late = 0.0, 0.0
                rows.append({"student": student.id, "assignment": assignment.name, "score": f"{score:g}",
                             "max_score": f"{float(assignment.max_score):g}", "late_seconds": f"{late:g}"})
    return rows


def write_grades(course: Path, path: Path) -> int:
    """Write the grades CSV to ``path``; returns the number of rows."""
    rows = grade_rows(course)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_grader.grades", description=__doc__)
    parser.add_argument("--course", type=Path, default=REPO_ROOT)
    parser.add_argument("--output", type=Path, default=None, help="default: <course>/grades.csv")
    args = parser.parse_args(argv)
    output = args.output or args.course / "grades.csv"
    count = write_grades(args.course.resolve(), output)
    print(f"{count} rows written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
