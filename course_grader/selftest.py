"""Prove the grader right for one assignment, in a scratch copy of the course.

Submits the source notebook (must earn full marks), the untouched student version (must earn 0)
and every known mistake of ``tests/submissions/<assignment>/`` (must lose exactly the test cells
it names; a file whose ``LOSES`` is empty is a correct alternative, which must keep full marks),
and the source with each answer cell put back to its stub, one at a time (exactly that exercise's
tests, and the dependents declared in ``dependents.json``, must lose their points: no free points),
and grades them the way ``make autograde`` does (its workers, one per core, each kernel
sandboxed). Run it while writing an assignment::

    .venv/bin/python -m course_grader.selftest 01_mlp
"""

from __future__ import annotations

import argparse
import copy
import json
import html as html_lib
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from course_grader.course import (REPO_ROOT, autograded_tests, read_notebook, release_notebook,
                                  scratch_course, source_notebook)
from course_grader.autograde import LOG_NAME, grade_parallel
from course_grader.gradebook import read_marks, release
from course_grader.submissions import apply_mistake, load_mistakes, submit

SCRATCH = REPO_ROOT / ".scratch"


@dataclass
class Outcome:
    """What one submission earned against what it should have earned."""

    student: str
    expected: dict[str, float]
    got: dict[str, float]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class SelfTest:
    assignment: str
    course: Path
    seconds: float
    outcomes: list[Outcome]
    log: str

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)

    def report(self) -> str:
        lines = [f"{self.assignment}: {len(self.outcomes)} submissions graded in {self.seconds:.0f} s"]
        for o in self.outcomes:
            total = sum(o.got.values())
            wanted = sum(o.expected.values())
            status = "ok" if o.ok else "WRONG: " + "; ".join(o.problems)
            lines.append(f"  {o.student:<32} {total:5.1f} (expected {wanted:5.1f})  {status}")
        return "\n".join(lines)


def compare(student: str, expected: dict[str, float], got: dict[str, float]) -> Outcome:
    """Check every autograded test cell's score against the expected one."""
    outcome = Outcome(student, expected, {gid: got.get(gid, float("nan")) for gid in expected})
    if not got:
        outcome.problems.append("no marks recorded")
        return outcome
    for grade_id, points in expected.items():
        if grade_id not in got:
            outcome.problems.append(f"{grade_id} not graded")
        elif abs(got[grade_id] - points) > 1e-6:
            outcome.problems.append(f"{grade_id}: {got[grade_id]:g} instead of {points:g}")
    return outcome


def dependents(assignment: str, root: Path = REPO_ROOT) -> dict[str, set[str]]:
    """Test cells that also need an answer besides their own exercise's (``tests/submissions/<id>/dependents.json``:
    answer ``grade_id`` -> the other test cells that lose their points when it is a stub)."""
    path = root / "tests" / "submissions" / assignment / "dependents.json"
    return {k: set(v) for k, v in json.loads(path.read_text()).items()} if path.is_file() else {}


def own_tests(answer: str, points: dict[str, float]) -> set[str]:
    """The test cells of the exercise whose answer cell is ``answer`` (``test_<answer>`` and ``test_<answer>_*``).

    Example:
        >>> sorted(own_tests("ex1_mlp", {"test_ex1_mlp_visible": 1, "test_ex1_mlp_hidden": 2, "test_ex1_mlpx": 1}))
        ['test_ex1_mlp_hidden', 'test_ex1_mlp_visible']
    """
    return {gid for gid in points if gid == f"test_{answer}" or gid.startswith(f"test_{answer}_")}


def stub_sweep(source: dict, release: dict, assignment: str) -> dict[str, tuple[dict, set[str]]]:
    """For each answer code cell: the source with that one answer put back to its stub, and the test
    cells that must lose their points (its own, and those declared in ``dependents.json``)."""
    stubs = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in release["cells"]
             if c["cell_type"] == "code" and c.get("metadata", {}).get("nbgrader", {}).get("solution")}
    points, needs = autograded_tests(source), dependents(assignment)
    sweep = {}
    for answer, stub in stubs.items():
        notebook = copy.deepcopy(source)
        for cell in notebook["cells"]:
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == answer:
                cell["source"] = stub
        sweep[answer] = (notebook, own_tests(answer, points) | needs.get(answer, set()))
    return sweep


def submit_all(course: Path, assignment: str, mistakes: list[str] | None = None,
               sweep: bool = True) -> dict[str, dict[str, float]]:
    """Submit the source, the untouched release, the known mistakes and alternatives, and (``sweep``)
    the source with each answer put back to its stub; return the expected marks."""
    source = read_notebook(source_notebook(assignment, course))
    points = autograded_tests(source)
    expectations: dict[str, dict[str, float]] = {}
    if sweep:
        release_version = read_notebook(release_notebook(assignment, course))
        for answer, (notebook, loses) in stub_sweep(source, release_version, assignment).items():
            student = f"stub-{answer}"
            submit(course, student, assignment, notebook)
            expectations[student] = {gid: 0.0 if gid in loses else p for gid, p in points.items()}

    submit(course, "source", assignment, source)
    expectations["source"] = dict(points)
    submit(course, "untouched", assignment, read_notebook(release_notebook(assignment, course)))
    expectations["untouched"] = {gid: 0.0 for gid in points}
    for mistake in load_mistakes(assignment):
        if mistakes and mistake.name not in mistakes:
            continue
        # A file that loses nothing is a correct alternative: it must keep full marks.
        student = f"{'mistake' if mistake.loses else 'alternative'}-{mistake.name}"
        submit(course, student, assignment, apply_mistake(source, mistake))
        expectations[student] = {gid: 0.0 if gid in mistake.loses else p for gid, p in points.items()}
    return expectations


def run(assignment: str, scratch: Path | None = None, mistakes: list[str] | None = None,
        jobs: int | None = None, sweep: bool = True) -> SelfTest:
    """Grade the source, the untouched release and the mistakes of ``assignment`` as ``make autograde``
    does, with ``jobs`` workers (default: one per core)."""
    start = time.perf_counter()
    course = scratch_course((scratch or SCRATCH) / f"selftest-{assignment}")
    release(course, assignment)
    expectations = submit_all(course, assignment, mistakes, sweep)
    grade_parallel(course, assignment, jobs=jobs or os.cpu_count() or 1, log=lambda _: None)
    marks = read_marks(course, assignment)
    outcomes = [compare(student, expected, marks.get(student, {})) for student, expected in expectations.items()]
    return SelfTest(assignment, course, time.perf_counter() - start, outcomes, (course / LOG_NAME).read_text())


def hidden_code_in_feedback(course: Path, assignment: str, student: str) -> list[str]:
    """Lines of hidden test code (not shown in the student version, not a message) that ``student``'s
    feedback HTML contains; [] when it leaks none."""
    source = read_notebook(source_notebook(assignment, course))
    hidden_lines = []
    for cell in source["cells"]:
        text = "".join(cell["source"])
        if "### BEGIN HIDDEN TESTS" in text:
            block = text.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
            hidden_lines += [line.strip() for line in block.splitlines() if len(line.strip()) > 25]
    # Lines the student version shows anyway (a visible test may repeat a hidden one's setup).
    visible = {line.strip() for cell in read_notebook(release_notebook(assignment, course))["cells"]
               for line in "".join(cell["source"]).splitlines()}
    hidden_lines = [line for line in hidden_lines if line not in visible]
    if not hidden_lines:
        raise ValueError(f"{assignment}: the source has no hidden tests")
    html = (course / "feedback" / student / assignment / f"{assignment}.html").read_text()
    # Syntax highlighting splits code into spans; compare the text with tags removed.
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
    leaked = [line for line in hidden_lines if line in text and not line.startswith(("#", '"""'))]
    # A failure message may legitimately appear in the output; code lines must not.
    return [line for line in leaked if not (line.startswith(("'", '"', "f'", 'f"')))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_grader.selftest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignment")
    parser.add_argument("--mistake", action="append", help="only this mistake (repeatable)")
    parser.add_argument("--log", action="store_true", help="print nbgrader's log")
    parser.add_argument("--no-sweep", action="store_true", help="skip the stub sweep (each answer put back to its stub)")
    args = parser.parse_args(argv)
    result = run(args.assignment, mistakes=args.mistake, sweep=not args.no_sweep)
    if args.log:
        print(result.log)
    print(result.report())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
