"""Which device the notebooks compute on."""

from __future__ import annotations

import os

import torch

DEVICE_ENV = "COURSE_DEVICE"
"""Environment variable that forces a device, e.g. ``COURSE_DEVICE=cpu``."""


def pick_device(verbose: bool = True) -> torch.device:
    """Return CUDA if available, then Apple's MPS, then the CPU; ``$COURSE_DEVICE`` overrides.

    Example:
        >>> pick_device(verbose=False).type in {"cpu", "cuda", "mps"}
        True
    """
    forced = os.environ.get(DEVICE_ENV, "").strip()
    if forced:
        try:
            device = torch.device(forced)
        except RuntimeError as error:
            raise ValueError(
                f"{DEVICE_ENV}={forced!r} is not a device torch knows. "
                "Use cpu, cuda, cuda:0 or mps, or unset the variable."
            ) from error
        reason = f"forced by {DEVICE_ENV}"
    elif torch.cuda.is_available():
        device, reason = torch.device("cuda"), torch.cuda.get_device_name(0)
    elif getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        device, reason = torch.device("mps"), "Apple GPU"
    else:
        device, reason = torch.device("cpu"), f"no GPU found, {torch.get_num_threads()} threads"
    if verbose:
        print(f"Using device: {device} ({reason})")
    return device
