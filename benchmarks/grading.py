"""Autograde throughput: plain serial nbgrader (one batch) against ``make autograde JOBS=2``,
on the same submissions in one run, and the sandbox's cost per submission."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from course_grader.autograde import grade_parallel
from course_grader.course import read_notebook, release_notebook, scratch_course
from course_grader.gradebook import autograde, read_marks, release
from course_grader.selftest import submit_all
from course_grader.submissions import submit
from course_grader.zygote import wanted as zygote_wanted


def class_of(course: Path, assignment: str, size: int) -> None:
    """``size`` submissions: the self-test's set (source, untouched, mistakes), repeated."""
    first = course.parent / "first-set"
    shutil.rmtree(first, ignore_errors=True)
    first = scratch_course(first)
    release(first, assignment)
    students = list(submit_all(first, assignment))
    for index in range(size):
        model = students[index % len(students)]
        notebook = read_notebook(first / "submitted" / model / assignment / f"{assignment}.ipynb")
        submit(course, f"student{index:03d}-{model}", assignment, notebook)


def throughput(scratch: Path, assignment: str, size: int = 20) -> dict:
    """Seconds for ``size`` submissions: plain serial nbgrader, 2 workers forking their kernels from
    a zygote (``make autograde``'s default as root), 2 workers starting each kernel afresh
    (``COURSE_KERNEL_ZYGOTE=0``); whether all three record the same marks.

    Timed in the order serial, zygote, fresh, fresh, zygote, serial, and compared as sums: this
    machine's speed drifts by tens of percent over minutes, and the mirrored order cancels a steady drift.
    """
    courses = {}
    for name in ("serial", "zygote", "fresh"):
        courses[name] = scratch_course(scratch / name)
        release(courses[name], assignment)
        class_of(courses[name], assignment, size)

    def workers(name: str, zygote: str) -> None:
        saved = os.environ.get("COURSE_KERNEL_ZYGOTE")
        os.environ["COURSE_KERNEL_ZYGOTE"] = zygote
        try:
            grade_parallel(courses[name], assignment, jobs=2, log=lambda _: None)
        finally:
            os.environ.pop("COURSE_KERNEL_ZYGOTE") if saved is None else os.environ.__setitem__("COURSE_KERNEL_ZYGOTE", saved)

    runs = {
        "serial": lambda: autograde(courses["serial"], assignment),
        "zygote": lambda: workers("zygote", "1"),
        "fresh": lambda: workers("fresh", "0"),
    }
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for name in ("serial", "zygote", "fresh", "fresh", "zygote", "serial"):
        start = time.perf_counter()
        runs[name]()
        seconds[name].append(time.perf_counter() - start)
    marks = {name: read_marks(course, assignment) for name, course in courses.items()}
    return {"size": size, "runs": seconds, "zygote_used": zygote_wanted(),
            "same_marks": marks["serial"] == marks["zygote"] == marks["fresh"],
            **{name: sum(times) / 2 for name, times in seconds.items()}}


def sandbox_overhead(scratch: Path, assignment: str, size: int = 5) -> dict:
    """Seconds per untouched submission with the sandbox on and off (one batch each)."""
    seconds = {}
    for sandbox in ("1", "0"):
        course = scratch_course(scratch / f"sandbox-{sandbox}")
        release(course, assignment)
        for index in range(size):
            submit(course, f"s{index}", assignment, read_notebook(release_notebook(assignment, course)))
        saved = os.environ.get("COURSE_SANDBOX")
        os.environ["COURSE_SANDBOX"] = sandbox
        try:
            start = time.perf_counter()
            autograde(course, assignment)
            seconds[sandbox] = (time.perf_counter() - start) / size
        finally:
            os.environ.pop("COURSE_SANDBOX") if saved is None else os.environ.__setitem__("COURSE_SANDBOX", saved)
    return {"on": seconds["1"], "off": seconds["0"]}
