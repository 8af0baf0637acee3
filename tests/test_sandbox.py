"""Two grading kernels, one after the other: the second finds nothing of the first.

The hostile batch (test_grader.py) runs many students through two workers, so which kernel
follows which is up to the scheduler. Here the order is fixed: a first kernel writes a trace in
every folder it can write to, and a second kernel (the next submission of the same worker) looks
for those traces and for the first student's folder. Both ways a worker starts kernels are
tested: afresh in bubblewrap, and forked from the worker's zygote (course_grader/zygote.py).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course_grader import zygote
from course_grader.kernel import GradingKernelManager, sandbox_enabled

pytestmark = pytest.mark.notebook

# Candidate folders (the same in both kernels): every mount point, the working folder's and the
# connection file's ancestors, the usual scratch places. The first prints, as JSON, where it wrote.
LEAVE_TRACES = """
import ipykernel, json, os, pathlib
here = pathlib.Path.cwd()
places = {line.split()[4] for line in open('/proc/self/mountinfo')}
places |= {str(p) for p in [*here.parents, *pathlib.Path(ipykernel.get_connection_file()).parents]}
places |= {'/tmp', '/dev', '/dev/shm', '/run', '/var/tmp', os.path.expanduser('~')}
written = []
for place in sorted(places):
    try:
        (pathlib.Path(place) / 'TRACE-first-student').write_text('for the next student')
        written.append(place)
    except OSError:
        pass
print(json.dumps(written))
"""

FIND_TRACES = """
import ipykernel, json, os, pathlib
places = {line.split()[4] for line in open('/proc/self/mountinfo')}
here = pathlib.Path.cwd()
places |= {str(p) for p in [*here.parents, *pathlib.Path(ipykernel.get_connection_file()).parents]}
places |= {'/tmp', '/dev', '/dev/shm', '/run', '/var/tmp', os.path.expanduser('~')}
found = [p for p in sorted(places) if (pathlib.Path(p) / 'TRACE-first-student').exists()]
listed = {str(p): sorted(os.listdir(p)) for p in here.parents if os.access(p, os.R_OK)}
print(json.dumps({'found': found, 'listed': listed, 'pid': os.getpid()}))
"""


def _run_kernel(course: Path, student: str, code: str, workdir: Path | None = None) -> str:
    """Execute ``code`` in a grading kernel whose working folder is ``student``'s submission (or ``workdir``)."""
    workdir = workdir or course / "autograded" / student / "01_mlp"
    workdir.mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    client = NotebookClient(notebook, kernel_name="course-grading", kernel_manager_class=GradingKernelManager,
                            timeout=120, shutdown_kernel="immediate", resources={"metadata": {"path": str(workdir)}})
    try:
        client.execute()
    finally:
        atexit.unregister(client._cleanup_kernel)  # done already; at exit it would fail on a kernel that never started
    outputs = notebook.cells[0].outputs
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, f"the kernel's cell failed: {errors[0].ename}: {errors[0].evalue}"
    return "".join(o.get("text", "") for o in outputs if o.output_type == "stream")


def _skip_without(forked: bool) -> None:
    if not sandbox_enabled() or shutil.which("bwrap") is None:
        pytest.skip("the sandbox is off (COURSE_SANDBOX=0) or bubblewrap is not installed")
    if forked and os.geteuid() != 0:
        pytest.skip("the zygote needs root (bubblewrap keeps CAP_SYS_ADMIN for it)")


def _course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    monkeypatch.setenv("COURSE_ROOT", str(course))  # what nbgrader_config.py sets: the folder to hide
    return course


@pytest.mark.parametrize("forked", [False, True], ids=["fresh", "zygote"])
def test_a_kernel_finds_nothing_an_earlier_kernel_left(forked, tmp_path, monkeypatch):
    _skip_without(forked)
    course = _course(tmp_path, monkeypatch)
    factory = zygote.Zygote.start(course) if forked else None
    try:
        if factory is not None:
            monkeypatch.setenv(zygote.RUNTIME_VARIABLE, str(factory.runtime))
        written = json.loads(_run_kernel(course, "first-student", LEAVE_TRACES))
        seen = json.loads(_run_kernel(course, "second-student", FIND_TRACES))
        if factory is not None:
            assert factory.alive(), "the zygote died while it served two kernels"
    finally:
        if factory is not None:
            factory.stop()
    assert str(course / "autograded" / "first-student" / "01_mlp") in written, \
        f"the first kernel could not write in its own folder (wrote in: {written})"
    assert seen["found"] == [], f"the second kernel found the first one's traces in {seen['found']}"
    assert not [p for p, names in seen["listed"].items() if "first-student" in names], seen["listed"]
    # On the grader's side, the only trace is the one in the first student's own folder.
    on_host = [p for p in tmp_path.rglob("TRACE-first-student")]
    assert on_host == [course / "autograded" / "first-student" / "01_mlp" / "TRACE-first-student"], on_host
    if forked:
        assert seen["pid"] == 1, "a forked kernel is process 1 of its own namespace"


def test_a_zygote_that_cannot_isolate_a_kernel_stops(tmp_path, monkeypatch):
    """A kernel whose folder is not a submission's cannot get its namespace: the zygote runs no code
    and stops (its worker then grades with kernels started afresh, course_grader/worker.py)."""
    _skip_without(forked=True)
    course = _course(tmp_path, monkeypatch)
    factory = zygote.Zygote.start(course)
    try:
        monkeypatch.setenv(zygote.RUNTIME_VARIABLE, str(factory.runtime))
        with pytest.raises(RuntimeError, match="Kernel died"):
            _run_kernel(course, "nobody", "print('ran')", workdir=tmp_path / "not-a-submission")
        factory.process.wait(timeout=30)
        assert not factory.alive()
    finally:
        factory.stop()
