"""The grading budget, device choice and seeding."""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from course_utils.budget import Budget, get_budget
from course_utils.device import pick_device
from course_utils.seed import seed_everything


def test_budget_is_full_without_switches():
    assert get_budget().fast is False


@pytest.mark.parametrize("mode", ["autograde", "validate"])
def test_budget_is_fast_under_nbgrader(monkeypatch, mode):
    monkeypatch.setenv("NBGRADER_EXECUTION", mode)
    budget = get_budget()
    assert budget.fast and mode in budget.reason


def test_course_fast_overrides_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setenv("COURSE_FAST", "0")
    assert get_budget().fast is False
    monkeypatch.setenv("COURSE_FAST", "1")
    assert get_budget().fast is True


def test_course_fast_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "maybe")
    with pytest.raises(ValueError, match="COURSE_FAST"):
        get_budget()


def test_budget_pick_and_samples():
    fast, full = Budget(True, "test"), Budget(False, "test")
    assert (fast.pick(fast=1, full=9), full.pick(fast=1, full=9)) == (1, 9)
    assert fast.samples(60_000, fast=256) == 256
    assert fast.samples(100, fast=256) == 100
    assert full.samples(60_000) == 60_000
    assert full.samples(60_000, full=5_000) == 5_000


def test_device_override(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DEVICE", "cpu")
    assert pick_device() == torch.device("cpu")
    assert "forced by COURSE_DEVICE" in capsys.readouterr().out


def test_device_override_rejects_unknown(monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "tpu-please")
    with pytest.raises(ValueError, match="COURSE_DEVICE"):
        pick_device(verbose=False)


def test_device_without_gpu_is_cpu_here(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    assert pick_device(verbose=False) == torch.device("cpu")


def test_seed_everything_repeats_and_differs():
    seed_everything(3)
    first = torch.rand(4), np.random.rand(3), random.random()
    seed_everything(3)
    second = torch.rand(4), np.random.rand(3), random.random()
    assert torch.equal(first[0], second[0]) and np.array_equal(first[1], second[1]) and first[2] == second[2]
    seed_everything(4)
    assert not torch.equal(first[0], torch.rand(4))
    assert torch.are_deterministic_algorithms_enabled()


def test_seed_everything_returns_nothing_for_the_setup_cell_to_show():
    """The setup cell ends with seed_everything(0): a returned value would show as Out[1]."""
    result = seed_everything(0)
    assert result is None, f"seed_everything: expected None (no Out[1] in the setup cell), got {result!r}"
