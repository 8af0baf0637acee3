"""The grading budget: how much a training cell may do.

When nbgrader executes a notebook (it sets ``NBGRADER_EXECUTION`` to ``autograde`` or
``validate``) or when ``COURSE_FAST=1``, notebooks train on a small fixed budget so that a
whole notebook runs in seconds. Otherwise they train for real. Notebooks read the budget
here and nowhere else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

FAST_ENV = "COURSE_FAST"
"""Set to 1 to run every training cell on the small budget (0 forces full size)."""
NBGRADER_ENV = "NBGRADER_EXECUTION"
"""Set by nbgrader while it executes a notebook (``autograde`` or ``validate``)."""


@dataclass(frozen=True)
class Budget:
    """How big training runs are: ``fast`` means the small grading budget.

    Example:
        >>> budget = Budget(fast=True, reason="COURSE_FAST=1")
        >>> budget.pick(fast=1, full=10)
        1
        >>> budget.samples(60_000, fast=512)
        512
    """

    fast: bool
    reason: str

    def pick(self, *, fast: T, full: T) -> T:
        """Return ``fast`` under the grading budget and ``full`` otherwise."""
        return fast if self.fast else full

    def samples(self, available: int, *, fast: int = 512, full: int | None = None) -> int:
        """How many of ``available`` samples to use: ``fast`` or ``full`` (default: all)."""
        wanted = fast if self.fast else (available if full is None else full)
        return min(available, wanted)

    def __str__(self) -> str:
        mode = "grading budget (small and fast)" if self.fast else "full training"
        return f"{mode}: {self.reason}"


def get_budget(verbose: bool = False) -> Budget:
    """Read the budget from the environment (``COURSE_FAST`` wins over ``NBGRADER_EXECUTION``).

    Example (in a notebook's setup cell)::

        BUDGET = get_budget(verbose=True)   # prints e.g. "Budget: full training: ..."
        EPOCHS = BUDGET.pick(fast=1, full=10)
    """
    forced = os.environ.get(FAST_ENV, "").strip().lower()
    grader = os.environ.get(NBGRADER_ENV, "").strip()
    if forced in {"1", "true", "yes", "on"}:
        budget = Budget(True, f"{FAST_ENV}={forced}")
    elif forced in {"0", "false", "no", "off"}:
        budget = Budget(False, f"{FAST_ENV}={forced}")
    elif forced:
        raise ValueError(f"{FAST_ENV}={forced!r}: use 1 for the small budget or 0 for full training.")
    elif grader:
        budget = Budget(True, f"nbgrader is executing this notebook ({NBGRADER_ENV}={grader})")
    else:
        budget = Budget(False, f"neither {FAST_ENV} nor {NBGRADER_ENV} is set")
    if verbose:
        print(f"Budget: {budget}")
    return budget
