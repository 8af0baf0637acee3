"""``make grades``: one row per student and assignment from nbgrader's gradebook.

Columns: student, assignment, score, max_score, bonus, bonus_max, late_seconds. ``score`` and
``max_score`` count the core path; ``bonus`` and ``bonus_max`` the cells of the *going further*
sections (tagged ``going-further`` in the source), so that a course can count them as it decides.
Manual marks entered in the formgrader are included (the gradebook's score is the manual score
where one was given).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from nbgrader.api import MissingEntry

from course_grader.course import REPO_ROOT, going_further_cells, read_notebook, source_notebook
from course_grader.gradebook import open_gradebook

FIELDS = ("student", "assignment", "score", "max_score", "bonus", "bonus_max", "late_seconds")


def split_bonus(cells: dict[str, tuple[float, float]], bonus: set[str]) -> tuple[float, float, float, float]:
    """(core score, core max, bonus score, bonus max) from each graded cell's (score, max score).

    Example:
        >>> split_bonus({"test_ex1": (2.0, 2.0), "test_ex9": (1.0, 3.0)}, {"test_ex9"})
        (2.0, 2.0, 1.0, 3.0)
    """
    core = [value for name, value in cells.items() if name not in bonus]
    extra = [value for name, value in cells.items() if name in bonus]
    return (sum(s for s, _ in core), sum(m for _, m in core), sum(s for s, _ in extra), sum(m for _, m in extra))


def _bonus_cells(course: Path, assignment: str) -> set[str]:
    path = source_notebook(assignment, course)
    return going_further_cells(read_notebook(path)) if path.exists() else set()


def grade_rows(course: Path) -> list[dict[str, str]]:
    """Every (student, assignment) pair of the gradebook; a missing submission scores 0."""
    rows = []
    with open_gradebook(course) as gradebook:
        for assignment in sorted(gradebook.assignments, key=lambda a: a.name):
            bonus = _bonus_cells(course, assignment.name)
            maxima = {cell.name: float(cell.max_score) for notebook in assignment.notebooks for cell in notebook.grade_cells}
            for student in sorted(gradebook.students, key=lambda s: s.id):
                cells = {name: (0.0, top) for name, top in maxima.items()}
                try:
                    submission = gradebook.find_submission(assignment.name, student.id)
                    late = float(submission.total_seconds_late or 0.0)
                    for notebook in submission.notebooks:
                        for grade in notebook.grades:
                            cells[grade.name] = (float(grade.score or 0.0), float(grade.max_score))
                except MissingEntry:
                    late = 0.0
                score, top, extra, extra_top = split_bonus(cells, bonus)
                rows.append({"student": student.id, "assignment": assignment.name, "score": f"{score:g}",
                             "max_score": f"{top:g}", "bonus": f"{extra:g}", "bonus_max": f"{extra_top:g}",
                             "late_seconds": f"{late:g}"})
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
