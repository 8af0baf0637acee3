"""The grader proves itself: right marks for the source, the untouched release, known mistakes,
and a clear recorded outcome for broken and hostile submissions, in one batch, without harm.

These tests execute notebooks under nbgrader (minutes in all): `make test` runs them.
"""

from __future__ import annotations

import copy
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from course_grader import selftest
from course_grader.selftest import hidden_code_in_feedback
from course_grader import zygote
from course_grader.autograde import grade, grade_parallel, recorded
from course_grader.collect import collect
from course_grader.course import (REPO_ROOT, assignments, autograded_tests, going_further_cells, grade_cells, read_notebook, release_notebook,
                                  scratch_course, source_notebook)
from course_grader.gradebook import nbgrader, open_gradebook, read_marks, release
from course_grader.grades import write_grades
from course_grader.submissions import load_mistakes, submit

pytestmark = pytest.mark.notebook
ASSIGNMENTS = assignments()


SELFTESTS: dict[str, selftest.SelfTest] = {}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grader_self_test(assignment, tmp_path_factory):
    """Source: full marks. Untouched: 0. Each known mistake: loses exactly the tests it names; each correct
    alternative: full marks; each answer put back to its stub: loses exactly its exercise's tests."""
    entries = load_mistakes(assignment)
    assert len([m for m in entries if m.loses]) >= 15, f"write at least 15 known mistakes in tests/submissions/{assignment}/"
    assert len([m for m in entries if not m.loses]) >= 4, f"write at least 4 correct alternatives (alt_*.py) for {assignment}"
    result = selftest.run(assignment, scratch=tmp_path_factory.mktemp(f"selftest-{assignment}"))
    SELFTESTS[assignment] = result
    print(result.report())
    assert result.ok, result.report() + "\n\nnbgrader's log (end):\n" + result.log[-3000:]


def test_parallel_grading_records_the_serial_marks(tmp_path):
    """Plain serial nbgrader (one batch, kernels started afresh) gives exactly the marks that the self-test's
    `make autograde` workers (side by side, kernels forked from their zygotes) recorded."""
    if not ASSIGNMENTS or ASSIGNMENTS[0] not in SELFTESTS:
        pytest.skip("needs the self-test of the first assignment (run the whole file)")
    assignment, parallel = ASSIGNMENTS[0], SELFTESTS[ASSIGNMENTS[0]]
    course = scratch_course(tmp_path / "course")
    release(course, assignment)
    # The source, the untouched release and a mistake: full, zero and partial marks.
    students = [o.student for o in parallel.outcomes][:3]
    for student in students:
        shutil.copytree(parallel.course / "submitted" / student, course / "submitted" / student)
    outcomes = grade(course, assignment)
    assert sorted(o.student for o in outcomes) == sorted(students)
    parallel_marks = read_marks(parallel.course, assignment)
    assert read_marks(course, assignment) == {s: parallel_marks[s] for s in students}


def test_killed_grader_resumes_without_losing_marks(tmp_path):
    """Kill `make autograde` after its first outcome; --resume keeps it and grades the rest."""
    if not ASSIGNMENTS:
        pytest.skip("no assignment yet")
    assignment = ASSIGNMENTS[0]
    course = scratch_course(tmp_path / "course")
    release(course, assignment)
    untouched = read_notebook(release_notebook(assignment, course))
    for student in ("s1", "s2", "s3"):
        submit(course, student, assignment, untouched)
    report = course / "grading-report.csv"
    command = [sys.executable, "-m", "course_grader.autograde", assignment, "--course", str(course), "--jobs", "1"]
    # Its own process group, so the kill takes nbgrader and the kernel too, as a crash would.
    grader = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline and len(recorded(report)) < 1:
        time.sleep(0.2)
    os.killpg(grader.pid, signal.SIGKILL)
    grader.wait()
    before = recorded(report)
    assert 1 <= len(before) < 3, f"the kill came too late to test anything: {len(before)} outcomes recorded"
    subprocess.run([*command[:-1], "2", "--resume"], check=True, capture_output=True)  # the rest, two at a time
    after = recorded(report)
    assert set(after) == {(s, assignment) for s in ("s1", "s2", "s3")}
    for key, row in before.items():
        assert after[key] == row, f"the outcome of {key} changed on resume"
    marks = read_marks(course, assignment)
    assert set(marks) == {"s1", "s2", "s3"} and all(sum(m.values()) == 0 for m in marks.values())
    assert all(row["status"] == "graded with errors" for row in after.values())


# --- broken and hostile submissions, graded by make autograde's workers with two honest students ------------

def _answer_cells(notebook: dict) -> list[dict]:
    return [c for c in notebook["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("solution")
            and c["cell_type"] == "code"]


def _with_first_answer(notebook: dict, code: str) -> dict:
    changed = copy.deepcopy(notebook)
    _answer_cells(changed)[0]["source"] = code
    return changed


class LoopbackListener:
    """A TCP server on 127.0.0.1 that records whether anything connected to it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.5)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.server.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=2)
        self.server.close()


def hostile_submissions(course: Path, assignment: str, port: int) -> dict[str, dict | str]:
    """Student id -> notebook (or raw text): each breaks or attacks the grader in one way."""
    untouched = read_notebook(release_notebook(assignment, course))
    source = read_notebook(source_notebook(assignment, course))
    solutions = course / "solutions" / assignment / f"{assignment}.ipynb"
    first_test = next(iter(autograded_tests(source)))
    no_test = copy.deepcopy(source)
    no_test["cells"] = [c for c in no_test["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") != first_test]
    edited = copy.deepcopy(untouched)
    for cell in edited["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == first_test:
            cell["source"] = '"""edited by the student"""\npass'
    return {
        "infinite-loop": _with_first_answer(untouched, "while True:\n    pass"),
        "kernel-exit": _with_first_answer(untouched, "import os\nos._exit(1)"),
        "memory-bomb": _with_first_answer(untouched, "hog = []\nwhile True:\n    hog.append(bytearray(10**8))"),
        "fork-bomb": _with_first_answer(untouched, (
            "import os, time\nwhile True:\n    if os.fork() == 0:\n        time.sleep(3600)\n        os._exit(0)")),
        "network": _with_first_answer(untouched, (
            f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3).close()\n"
            "print('CONNECTED')\nopen('/tmp/left-behind', 'w').write('for the next student')")),
        "reads-solutions": _with_first_answer(untouched, (
            f"for path in [{str(solutions)!r}, '../../../solutions/{assignment}/{assignment}.ipynb', "
            f"{str(REPO_ROOT / 'solutions' / assignment / (assignment + '.ipynb'))!r}]:\n"
            "    try:\n        print(open(path).read()[:3000])\n    except OSError as error:\n"
            "        print('blocked:', type(error).__name__)")),
        "writes-gradebook": _with_first_answer(untouched, (
            f"for path in [{str(course / 'gradebook.db')!r}, '../../../gradebook.db']:\n"
            "    try:\n        open(path, 'w').write('overwritten')\n        print('WROTE', path)\n"
            "    except OSError as error:\n        print('blocked:', type(error).__name__)")),
        "deletes-files": _with_first_answer(untouched, (
            "import shutil, os\n"
            f"for path in [{str(course / 'submitted')!r}, '../../../submitted', '../../../autograded', "
            f"{str(REPO_ROOT / 'course_utils')!r}]:\n"
            "    shutil.rmtree(path, ignore_errors=True)\n"
            "open('/tmp/left-behind', 'w').write('for the next student')\n"
            f"os.remove({str(REPO_ROOT / 'course_utils' / '__init__.py')!r})")),
        "pries": _with_first_answer(untouched, (
            "import glob, os, socket\n"
            "print('PID', os.getpid())\n"
            "print(''.join(line for line in open('/proc/self/status') if line.startswith('CapEff')))\n"
            "for path in ['..', '../..', '/run', '/run/course-autograded', '/tmp', '/var/tmp/course-grading-zygotes', *glob.glob('/var/tmp/course-grading-zygotes/*/*')]:\n"
            "    try:\n        print('LISTED', path, os.listdir(path))\n"
            "    except OSError as error:\n        print('blocked:', type(error).__name__)\n"
            "for path in glob.glob('/var/tmp/course-grading-zygotes/*/control/*'):\n"
            "    try:\n        socket.socket(socket.AF_UNIX).connect(path)\n        print('ZYGOTE REACHED')\n"
            "    except OSError as error:\n        print('blocked:', type(error).__name__)")),
        "malformed-json": '{"cells": [{"cell_type": "code", "source": ',
        "deleted-test-cell": no_test,
        "edited-test-cell": edited,
    }


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    """One course, one batch: two honest students (via an LMS zip), the hostile ones, a missing notebook."""
    if not ASSIGNMENTS:
        pytest.skip("no assignment yet")
    assignment = ASSIGNMENTS[0]
    course = scratch_course(tmp_path_factory.mktemp("hostile") / "course")
    release(course, assignment)
    archive = course.parent / "lms-download.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(source_notebook(assignment, course), f"alice_{assignment}.ipynb")
        zipped.write(release_notebook(assignment, course), f"bob_123_assignsubmission_file_{assignment}.ipynb")
    collect(course, assignment, archive)
    listener = LoopbackListener()
    for student, notebook in hostile_submissions(course, assignment, listener.port).items():
        submit(course, student, assignment, notebook)
    (course / "submitted" / "missing-notebook" / assignment).mkdir(parents=True)
    (course / "submitted" / "missing-notebook" / assignment / "Untitled.ipynb").write_text("{}")
    saved = {k: os.environ.get(k) for k in ("COURSE_CELL_TIMEOUT", "COURSE_KERNEL_MEMORY_MB", "COURSE_CODE_POLICY")}
    # The code policy would refuse most of these before they run (import os, open, socket): with it
    # off, they test the sandbox alone, the layer below it (test_tampering.py tests the policy).
    os.environ.update({"COURSE_CELL_TIMEOUT": "20", "COURSE_KERNEL_MEMORY_MB": "3072", "COURSE_CODE_POLICY": "0"})
    try:
        # The path `make autograde` takes: worker processes, two submissions at a time.
        outcomes = {o.student: o for o in grade_parallel(course, assignment, jobs=2, log=lambda _: None)}
    finally:
        listener.close()
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    return course, assignment, outcomes, listener


def test_lms_zip_is_collected_per_student(hostile_batch):
    course, assignment, _, _ = hostile_batch
    for student in ("alice", "bob"):
        assert (course / "submitted" / student / assignment / f"{assignment}.ipynb").is_file()


def test_honest_students_get_their_marks(hostile_batch):
    course, assignment, outcomes, _ = hostile_batch
    full = sum(autograded_tests(read_notebook(source_notebook(assignment, course))).values())
    assert outcomes["alice"].score == pytest.approx(full) and outcomes["alice"].status == "graded"
    assert outcomes["bob"].score == 0 and "test cells failed" in outcomes["bob"].reason
    # An untouched student version differs from the source only where hidden tests were cut: no edit.
    assert "edited" not in outcomes["bob"].reason and "deleted" not in outcomes["bob"].reason


@pytest.mark.parametrize("student, status, words", [
    ("infinite-loop", "graded with errors", "time limit per cell"),
    ("kernel-exit", "not graded", "kernel died"),
    ("memory-bomb", "graded with errors", "memory limit"),
    ("fork-bomb", "graded with errors", "process limit"),
    ("malformed-json", "not graded", "not a valid notebook"),
    ("missing-notebook", "not graded", "no {a}.ipynb in the submission (found: Untitled.ipynb)"),
    ("deleted-test-cell", "graded with errors", "deleted test cells were restored from the release and run"),
    ("edited-test-cell", "graded with errors", "edited locked cells were restored"),
])
def test_broken_submissions_get_a_clear_outcome(hostile_batch, student, status, words):
    _, assignment, outcomes, _ = hostile_batch
    outcome = outcomes[student]
    assert outcome.status == status, outcome
    assert words.format(a=assignment) in outcome.reason, outcome


def test_deleted_test_cell_is_restored_and_judges_the_answer(hostile_batch):
    """Tests come from the instructor's release: deleting one neither loses nor dodges it."""
    course, assignment, outcomes, _ = hostile_batch
    points = autograded_tests(read_notebook(source_notebook(assignment, course)))
    assert outcomes["deleted-test-cell"].score == pytest.approx(sum(points.values()))


def test_edited_test_cell_earns_nothing(hostile_batch):
    course, assignment, _, _ = hostile_batch
    first_test = next(iter(autograded_tests(read_notebook(source_notebook(assignment, course)))))
    assert read_marks(course, assignment)["edited-test-cell"][first_test] == 0


def _printed(course: Path, student: str, assignment: str) -> str:
    """What the graded notebook's cells printed (tracebacks excluded: they quote the source)."""
    notebook = read_notebook(course / "autograded" / student / assignment / f"{assignment}.ipynb")
    return "".join("".join(o.get("text", "")) for c in notebook["cells"] for o in c.get("outputs", [])
                   if o.get("output_type") == "stream")


def test_sandbox_blocks_network_and_reading_solutions(hostile_batch):
    course, assignment, _, listener = hostile_batch
    assert listener.connections == 0, "a student's kernel reached a server on the grader's loopback"
    assert "CONNECTED" not in _printed(course, "network", assignment)
    text = _printed(course, "reads-solutions", assignment)
    assert "BEGIN SOLUTION" not in text and text.count("blocked:") == 3


def test_kernels_see_only_their_own_submission(hostile_batch):
    """Forked from a worker's zygote or started afresh, a kernel sees no other student's folder, no
    file an earlier kernel left in /tmp, nor the zygote's control socket, and holds no capability."""
    course, assignment, outcomes, _ = hostile_batch
    text = _printed(course, "pries", assignment)
    assert "CapEff:\t0000000000000000" in text, text
    others = [s for s in outcomes if s != "pries"]
    assert not [s for s in others if s in text], f"a kernel saw other students' folders: {text}"
    assert "left-behind" not in text and "ZYGOTE REACHED" not in text and "zygote.sock" not in text, text
    if zygote.wanted():  # process 1 of its own namespace: forked by the zygote, not started by bubblewrap
        assert "PID 1\n" in text, text


def test_sandbox_keeps_the_course_intact(hostile_batch):
    course, assignment, outcomes, _ = hostile_batch
    # The kernel sees an empty folder where the course is: its writes land there, not here.
    assert (course / "gradebook.db").read_bytes()[:15] == b"SQLite format 3"
    assert (REPO_ROOT / "course_utils" / "__init__.py").is_file()
    for student in ("alice", "bob", "infinite-loop"):
        assert (course / "submitted" / student / assignment / f"{assignment}.ipynb").is_file()
        assert (course / "autograded" / student / assignment / f"{assignment}.ipynb").is_file()
    assert outcomes["deletes-files"].status.startswith("graded")


def _processes_inside(folder: Path) -> list[str]:
    """Running processes whose working folder lies in ``folder``: "pid command"."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if Path(os.readlink(proc / "cwd")).is_relative_to(folder):
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append(f"{proc.name} {command[:120]}")
        except OSError:  # the process ended meanwhile, or is not ours to look at
            continue
    return found


def test_no_kernel_outlives_its_submission(hostile_batch):
    """Kernels are killed once their notebook has run (nbgrader_config: shutdown immediate): with them
    go their children, the fork bomb's included; nothing keeps running in the students' folders."""
    course, _, _, _ = hostile_batch
    deadline = time.monotonic() + 10
    while (left := _processes_inside(course.resolve())) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, f"processes still running after grading: {left}"


def test_gradebook_is_consistent(hostile_batch):
    course, assignment, outcomes, _ = hostile_batch
    with open_gradebook(course) as gradebook:
        students = {s.id for s in gradebook.students}
        assert set(outcomes) <= students
        for student in outcomes:
            submission = gradebook.find_submission(assignment, student)
            grades = [g for nb in submission.notebooks for g in nb.grades]
            assert submission.score == pytest.approx(sum(g.score for g in grades))
            assert 0 <= submission.score <= submission.max_score
            assert submission.score == pytest.approx(outcomes[student].score)


def test_grading_report_lists_every_submission(hostile_batch):
    course, _, outcomes, _ = hostile_batch
    with (course / "grading-report.csv").open() as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(outcomes)
    assert rows["kernel-exit"]["status"] == "not graded" and rows["kernel-exit"]["reason"]


def test_grades_csv(hostile_batch):
    course, assignment, outcomes, _ = hostile_batch
    path = course / "grades.csv"
    assert write_grades(course, path) == len(outcomes)
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["student", "assignment", "score", "max_score", "bonus", "bonus_max", "late_seconds"]
    by_student = {r["student"]: r for r in rows}
    source = read_notebook(source_notebook(assignment))
    bonus, cells = going_further_cells(source), grade_cells(source)
    assert bonus, f"{assignment}: expected going-further cells (a bonus) in the source"
    assert float(by_student["alice"]["score"]) + float(by_student["alice"]["bonus"]) == pytest.approx(outcomes["alice"].score)
    expected = sum(float(cells[name].get("points", 0)) for name in bonus)
    assert float(by_student["alice"]["bonus_max"]) == pytest.approx(expected), (
        f"bonus_max: expected {expected}, the points of the going-further cells (tests and questions), "
        f"got {by_student['alice']['bonus_max']}")
    assert float(by_student["alice"]["max_score"]) + expected == pytest.approx(sum(float(c.get("points", 0)) for c in cells.values()))
    assert float(by_student["alice"]["late_seconds"]) == 0.0


def test_feedback_shows_hidden_results_not_hidden_code(hostile_batch):
    course, assignment, _, _ = hostile_batch
    result = nbgrader(course, "generate_feedback", assignment, "--force")
    assert result.returncode == 0, result.stderr[-2000:]
    for student in ("alice", "bob"):
        html = (course / "feedback" / student / assignment / f"{assignment}.html").read_text()
        assert "hidden tests: their code is not shown" in html
        leaked = hidden_code_in_feedback(course, assignment, student)
        assert not leaked, f"{student}'s feedback shows hidden test code: {leaked[:3]}"
