"""Tracking training runs with TensorBoard, and the optional tools of the "going further" sections.

``run_writer`` opens a TensorBoard run (``torch.utils.tensorboard.SummaryWriter``) under
``runs/<name>``; ``fit(..., writer=...)`` and ``log_epoch`` write one point per epoch and metric,
so that runs of several models or settings lie side by side in TensorBoard. In JupyterLab::

    %load_ext tensorboard
    %tensorboard --logdir runs

(or ``tensorboard --logdir runs`` in a terminal, then http://localhost:6006).

``optional`` imports a package that a shared environment may lack (TensorBoard, Optuna) and, when it
is missing, says so in one line and returns ``None``, so that the cell that needs it skips instead of
failing.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     writer = run_writer("demo", root=folder)
    ...     log_epoch(writer, 1, {"train_loss": 0.5, "val_acc": 0.8})
    ...     writer.close()
    ...     sorted(p.name.split(".")[0] for p in (Path(folder) / "demo").iterdir())
    ['events']
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

RUNS = Path("runs")
"""Where ``run_writer`` puts its runs by default, next to the notebook (git-ignored)."""

# history key -> TensorBoard tag: one chart per metric, with the training and validation curves in it.
_TAG = re.compile(r"^(train|val|test)_(.+)$")


def optional(module: str, purpose: str) -> ModuleType | None:
    """``import module``, or ``None`` with a one-line note on what is skipped and how to install it.

    Example:
        >>> optional("no_such_module_xyz", "the demo") is None
        no_such_module_xyz is not installed in this environment: the demo is skipped (pip install no_such_module_xyz, or `make setup`).
        True
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.split(".")[0]
        print(f"{package} is not installed in this environment: {purpose} is skipped "
              f"(pip install {package}, or `make setup`).")
        return None


def run_writer(name: str, root: str | Path = RUNS) -> Any:
    """A TensorBoard ``SummaryWriter`` for the run ``root/name``, or ``None`` if TensorBoard is not installed."""
    if not re.fullmatch(r"[\w.=-]+(/[\w.=-]+)*", name) or {".", ".."} & set(name.split("/")):
        raise ValueError(f"run_writer: run name {name!r}: expected letters, digits, '.', '=', '-' or '_' "
                         "(and '/' between parts, none of them '.' or '..'), e.g. 'mlp/lr=0.001'")
    if optional("tensorboard", "logging to TensorBoard") is None:
        return None
    from torch.utils.tensorboard import SummaryWriter

    return SummaryWriter(log_dir=str(Path(root) / name))


def log_epoch(writer: Any, epoch: int, metrics: Mapping[str, float]) -> None:
    """One point per metric at step ``epoch``: ``train_loss`` and ``val_loss`` go to the chart ``loss``
    (as ``loss/train`` and ``loss/val``), others under their own name. ``writer=None`` does nothing."""
    if writer is None:
        return
    for key, value in metrics.items():
        match = _TAG.match(key)
        writer.add_scalar(f"{match.group(2)}/{match.group(1)}" if match else key, float(value), epoch)
    writer.flush()
