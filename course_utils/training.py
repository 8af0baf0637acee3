"""A plain training loop for the assignments after the first (where students write their own).

Batches are tuples ``(*inputs, target)``: the model is called as ``model(*inputs)``.
Accuracy counts the arg-max for multi-class logits of shape (N, C) and ``logit > 0`` for one
logit per sample (shape (N,) or (N, 1)).

Example:
    >>> from course_utils.data import TensorBatches
    >>> x, y = torch.randn(64, 4), torch.randint(0, 2, (64,))
    >>> model = nn.Linear(4, 2)
    >>> opt = torch.optim.SGD(model.parameters(), lr=0.1)
    >>> h = fit(model, TensorBatches(x, y, batch_size=16), TensorBatches(x, y, batch_size=64),
    ...         nn.CrossEntropyLoss(), opt, epochs=2, show_progress=False)
    >>> sorted(h)
    ['epoch_seconds', 'train_acc', 'train_loss', 'val_acc', 'val_loss']
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

import torch
from torch import nn

from course_utils.progress import progress
from course_utils.tracking import log_epoch

History = dict[str, list[float]]
"""Per-epoch figures: ``train_loss``, ``train_acc``, ``val_loss``, ``val_acc``, ``epoch_seconds``."""


def count_correct(outputs: torch.Tensor, targets: torch.Tensor) -> int:
    """Number of right predictions in a batch (arg-max of (N, C) logits, or ``logit > 0``).

    Example:
        >>> count_correct(torch.tensor([[2.0, 1.0], [0.0, 3.0]]), torch.tensor([0, 0]))
        1
    """
    if outputs.dim() == 2 and outputs.shape[1] > 1:
        predictions = outputs.argmax(dim=1)
    else:
        predictions = (outputs.reshape(-1) > 0).long()
    return int((predictions == targets.reshape(-1).long()).sum())


def run_epoch(model: nn.Module, batches: Iterable[tuple[torch.Tensor, ...]], loss_fn: Callable,
              optimizer: torch.optim.Optimizer | None = None, device: torch.device | str = "cpu",
              desc: str = "", show_progress: bool = True) -> tuple[float, float]:
    """One pass over ``batches``: trains when ``optimizer`` is given, else evaluates.

    Evaluation runs in ``model.eval()`` mode under ``torch.no_grad()``. Returns the mean loss
    per sample and the accuracy.
    """
    training = optimizer is not None
    model.train(training)
    total_loss, correct, seen = 0.0, 0, 0
    with torch.set_grad_enabled(training):
        for *inputs, targets in progress(batches, desc=desc, disable=not show_progress):
            inputs = [x.to(device) for x in inputs]
            targets = targets.to(device)
            outputs = model(*inputs)
            loss = loss_fn(outputs, targets.float() if outputs.dim() == 1 else targets)
            if training:
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            total_loss += loss.item() * len(targets)
            correct += count_correct(outputs.detach(), targets)
            seen += len(targets)
    return total_loss / max(seen, 1), correct / max(seen, 1)


def channels_last(model: nn.Module, example: torch.Tensor) -> nn.Module:
    """``model`` with its 4-d weights in the channels-last memory layout, when its forward accepts it.

    oneDNN's CPU convolutions (and cuDNN's on recent GPUs) run fastest on channels-last tensors:
    on a 2-core CPU a network as small as LeNet-5 gains little (see BENCHMARKS.md), larger ones more. The
    layout changes the speed, not the maths. A forward that calls ``.view`` on a convolution's
    output needs the default layout: the model then stays as it was, and a note says why.
    ``example`` (a batch the model accepts) is run once, in eval mode without gradients, to check.

    Example:
        >>> net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten())
        >>> net = channels_last(net, torch.zeros(1, 1, 5, 5))
        >>> net[0].weight.is_contiguous(memory_format=torch.channels_last)
        True
    """
    was_training = model.training
    model.to(memory_format=torch.channels_last)
    try:
        model.eval()
        with torch.no_grad():
            model(example)
    except RuntimeError as error:
        model.to(memory_format=torch.contiguous_format)
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(f"channels_last: kept the default memory layout, the model's forward needs it ({first_line[:100]}). "
              "Use .reshape or nn.Flatten instead of .view to get the faster layout.")
    finally:
        model.train(was_training)
    return model


def fit(model: nn.Module, train_batches: Iterable, val_batches: Iterable, loss_fn: Callable,
        optimizer: torch.optim.Optimizer, epochs: int, device: torch.device | str = "cpu",
        scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
        show_progress: bool = True, writer: Any = None) -> History:
    """Train for ``epochs`` epochs, evaluating on ``val_batches`` after each; returns the history.

    ``scheduler`` (if any) steps once per epoch. A one-line summary is printed per epoch.
    ``writer`` (a TensorBoard run from ``course_utils.tracking.run_writer``, or None) gets every
    epoch's figures too.
    """
    model.to(device)
    history: History = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": [], "epoch_seconds": []}
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        train_loss, train_acc = run_epoch(model, train_batches, loss_fn, optimizer, device,
                                          desc=f"epoch {epoch}/{epochs}", show_progress=show_progress)
        if scheduler is not None:
            scheduler.step()
        seconds = time.perf_counter() - start
        val_loss, val_acc = run_epoch(model, val_batches, loss_fn, None, device, show_progress=False)
        for key, value in zip(history, (train_loss, train_acc, val_loss, val_acc, seconds)):
            history[key].append(value)
        log_epoch(writer, epoch, {key: values[-1] for key, values in history.items()})
        if show_progress:
            print(f"epoch {epoch:2d}/{epochs}: train loss {train_loss:.4f} acc {train_acc:.4f} | "
                  f"val loss {val_loss:.4f} acc {val_acc:.4f} | {seconds:.1f} s")
    return history
