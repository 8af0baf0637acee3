"""Shared fixtures: tests run offline on the CPU, with plots drawn off-screen."""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _clean_course_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the budget or device switches of the shell that started pytest."""
    for name in ("COURSE_FAST", "NBGRADER_EXECUTION", "COURSE_DEVICE"):
        monkeypatch.delenv(name, raising=False)


# The damaged-submission corpus is data for tests/test_damaged.py, loaded there, not test modules.
collect_ignore_glob = ["damaged/*"]
