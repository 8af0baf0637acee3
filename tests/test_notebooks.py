"""nbval executes every solution notebook, cell by cell, on the grading budget: no cell may fail."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from course_grader.course import REPO_ROOT, assignments, source_notebook

pytestmark = pytest.mark.notebook


@pytest.mark.parametrize("assignment", assignments())
def test_solution_notebook_executes(assignment):
    env = {**os.environ, "COURSE_FAST": "1", "MPLBACKEND": "Agg"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
               "-o", "testpaths=", "--nbval-lax", "--nbval-current-env", "--nbval-cell-timeout=300",
               str(source_notebook(assignment))]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    print(f"{assignment}: executed by nbval in {seconds:.1f} s")
    assert result.returncode == 0, f"nbval failed on {assignment}:\n{result.stdout[-6000:]}"
