"""Seeding, so that a notebook gives the same numbers every time it runs."""

from __future__ import annotations

import os
import random

import numpy as np
import torch

DEFAULT_SEED = 0
"""The seed notebooks use unless they say otherwise."""


def seed_everything(seed: int = DEFAULT_SEED, deterministic: bool = True) -> None:
    """Seed Python, NumPy and PyTorch, and ask PyTorch for deterministic kernels.

    It returns nothing, so that a notebook's setup cell, which ends with this call, shows no
    ``Out[1]``. A shuffle that needs its own stream takes ``torch.Generator().manual_seed(seed)``.

    Example:
        >>> seed_everything(42)
        >>> a = torch.rand(2); seed_everything(42); b = torch.rand(2)
        >>> bool(torch.equal(a, b))
        True
    """
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if deterministic:
        # cuBLAS needs this workspace setting before deterministic matmuls on CUDA.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        # warn_only: a few ops (e.g. some CUDA scatter kernels) have no deterministic
        # version; a warning teaches more than a crash in a student's notebook.
        torch.use_deterministic_algorithms(True, warn_only=True)
        torch.backends.cudnn.benchmark = False
