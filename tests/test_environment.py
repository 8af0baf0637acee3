"""The environment files agree, the kernel is registered, and tools never need it to be."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pyproject_pins(extras: tuple[str, ...] = ("test", "hub")) -> set[str]:
    """The pins of the dependencies and of the ``extras`` groups."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return set(project["dependencies"]) | {pin for extra in extras for pin in project["optional-dependencies"][extra]}


def environment_yml_pins() -> set[str]:
    pins = set()
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"^\s+- ([A-Za-z0-9_.-]+==[^\s#]+)", line)
        if match:
            pins.add(match.group(1))
    return pins


def test_environment_yml_matches_pyproject():
    ours, conda = pyproject_pins(), environment_yml_pins()
    assert ours == conda, (
        f"environment.yml and pyproject.toml disagree: only in pyproject {sorted(ours - conda)}, "
        f"only in environment.yml {sorted(conda - ours)}. Edit both together."
    )
    assert "python=3.11" in (ROOT / "environment.yml").read_text()
    assert "- -e ." in (ROOT / "environment.yml").read_text()


def test_every_dependency_is_pinned_exactly():
    loose = [pin for pin in pyproject_pins() if "==" not in pin]
    assert not loose, f"unpinned dependencies: {loose}"


def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version

    from importlib.util import find_spec

    wrong = {}
    # the hub extra only where it is installed: `make test-fast` and students do without it
    for pin in pyproject_pins(("test", "hub") if find_spec("jupyterhub") else ("test",)):
        name, wanted = pin.split("==")
        if version(name) != wanted:
            wrong[name] = (wanted, version(name))
    assert not wrong, f"installed versions differ from the pins (wanted, got): {wrong}. Run `make setup`."


def test_kernel_tensorflow2_is_registered_in_the_venv():
    venv = Path(sys.prefix)
    spec = venv / "share" / "jupyter" / "kernels" / "tensorflow2" / "kernel.json"
    if not spec.is_file():
        pytest.skip(f"{spec} missing: this environment was not set up by `make kernel`")
    argv = json.loads(spec.read_text())["argv"]
    assert Path(argv[0]).resolve() == Path(sys.executable).resolve(), "the kernel must run this environment's Python"
    assert "PyTorch course" in json.loads(spec.read_text())["display_name"]


@pytest.mark.parametrize("folder", ["solutions", "notebooks"])
def test_notebooks_name_the_course_kernel(folder):
    notebooks = sorted((ROOT / folder).glob("*/*.ipynb"))
    for path in notebooks:
        kernelspec = json.loads(path.read_text())["metadata"]["kernelspec"]
        assert kernelspec["name"] == "tensorflow2", f"{path}: kernelspec {kernelspec['name']!r}, expected tensorflow2"


def test_grading_kernel_spec_ships_with_the_grader():
    """nbgrader runs the grading kernel found by GradingKernelManager; students never see it."""
    from jupyter_client.kernelspec import KernelSpecManager

    from course_grader.kernel import GradingKernelManager

    spec = GradingKernelManager(kernel_name="course-grading").kernel_spec
    assert spec.argv[:3] == ["python", "-m", "course_grader.kernel"]
    assert spec.interrupt_mode == "message"  # bubblewrap would not pass SIGINT on
    assert "course-grading" not in KernelSpecManager().find_kernel_specs()


def test_nbgrader_config_layout():
    text = (ROOT / "nbgrader_config.py").read_text()
    assert 'source_directory = "solutions"' in text and 'release_directory = "notebooks"' in text
    assert "CourseDirectory.root = str(ROOT)" in text


def test_gitignore_covers_generated_state_and_nothing_else():
    def ignored(path: str) -> bool:
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        if result.returncode == 128:
            pytest.skip("not a git checkout")
        return result.returncode == 0

    for path in (".venv/bin/python", "data/imdb/reviews.json", "submitted/alice/01_mlp/01_mlp.ipynb",
                 "autograded/a/b/c.ipynb", "feedback/a/b/c.html", "gradebook.db", "grades.csv",
                 "grading-report.csv"):
        assert ignored(path), f".gitignore does not cover {path}"
    for path in ("course_utils/data/store.py", "course_utils/data/__init__.py", "solutions/01_mlp/01_mlp.ipynb",
                 "notebooks/01_mlp/01_mlp.ipynb", "tests/submissions/01_mlp/x.py"):
        assert not ignored(path), f".gitignore hides {path}, which must be committed"
