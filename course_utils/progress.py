"""Progress bars for training loops (tqdm's notebook-aware bar)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from tqdm.auto import tqdm

T = TypeVar("T")


def progress(iterable: Iterable[T], desc: str = "", **kwargs: Any) -> tqdm:
    """Wrap ``iterable`` in a progress bar that shows in JupyterLab and in a terminal.

    Example:
        >>> total = sum(x for x in progress(range(3), desc="demo", disable=True))
        >>> total
        3
    """
    kwargs.setdefault("leave", False)
    kwargs.setdefault("dynamic_ncols", True)
    return tqdm(iterable, desc=desc, **kwargs)
