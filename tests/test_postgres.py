"""The gradebook in PostgreSQL: two graders (two course folders, as on two machines) share it.

A real server is started on loopback for the test (Debian's postgresql package); the test is
skipped, with the reason, when no server can start here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from course_grader.autograde import grade_parallel
from course_grader.course import assignments, autograded_tests, read_notebook, release_notebook, scratch_course, source_notebook
from course_grader.gradebook import read_marks, release
from course_grader.submissions import submit

pytestmark = pytest.mark.notebook


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    """A throw-away PostgreSQL server on 127.0.0.1 with a database `gradebook`; its SQLAlchemy URL."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql)")
    # Not under pytest's tmp folder: the postgres user must be able to reach it.
    home = Path(tempfile.mkdtemp(prefix="course-pg-"))
    data = home / "data"
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []  # initdb refuses root
    if run_as:
        shutil.chown(home, "postgres")
    port = _free_port()
    init = subprocess.run([*run_as, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
                          capture_output=True, text=True)
    if init.returncode != 0:
        pytest.skip(f"initdb failed: {init.stderr.strip()[:300]}")
    server = subprocess.Popen([*run_as, str(bin_dir / "postgres"), "-D", str(data), "-h", "127.0.0.1",
                               "-p", str(port), "-k", str(data)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            ready = subprocess.run([str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)], capture_output=True)
            if ready.returncode == 0:
                break
            time.sleep(0.2)
        else:
            pytest.skip("the PostgreSQL server did not start within 20 s")
        subprocess.run([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "gradebook"],
                       check=True, capture_output=True)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/gradebook"
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)


def test_two_graders_share_one_postgres_gradebook(postgres_url, tmp_path, monkeypatch):
    if not assignments():
        pytest.skip("no assignment yet")
    assignment = assignments()[0]
    monkeypatch.setenv("COURSE_GRADEBOOK_URL", postgres_url)
    machines = [scratch_course(tmp_path / f"grader-{i}") for i in (1, 2)]
    release(machines[0], assignment)  # the assignment enters the shared gradebook once
    for machine in machines[1:]:
        shutil.copytree(machines[0] / "notebooks", machine / "notebooks", dirs_exist_ok=True)
    source = read_notebook(source_notebook(assignment, machines[0]))
    untouched = read_notebook(release_notebook(assignment, machines[0]))
    submit(machines[0], "alice", assignment, source)
    submit(machines[0], "carol", assignment, untouched)
    submit(machines[1], "bob", assignment, untouched)
    submit(machines[1], "dave", assignment, untouched)
    with ThreadPoolExecutor(2) as pool:  # both graders at once (make autograde JOBS=1 on each), one gradebook
        results = list(pool.map(lambda machine: grade_parallel(machine, assignment, jobs=1, log=lambda _: None), machines))
    assert {o.student for r in results for o in r} == {"alice", "bob", "carol", "dave"}
    marks = read_marks(machines[1], assignment)  # either machine reads everyone's marks
    assert set(marks) == {"alice", "bob", "carol", "dave"}
    assert sum(marks["alice"].values()) == pytest.approx(sum(autograded_tests(source).values()))
    assert all(sum(marks[s].values()) == 0 for s in ("bob", "carol", "dave"))
