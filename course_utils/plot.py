"""Pictures for the notebooks: image grids, learning curves, confusion matrices, filters, feature maps.

Every function draws one matplotlib figure and returns it (notebooks show it automatically).

Example:
    >>> fig = plot_history({"train_loss": [1.0, 0.5], "val_loss": [1.1, 0.7]})
    >>> len(fig.axes)
    1
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure
from torchvision.utils import make_grid


def _as_images(images: torch.Tensor) -> torch.Tensor:
    images = images.detach().float().cpu()
    if images.dim() == 3:  # (N, H, W) -> (N, 1, H, W)
        images = images.unsqueeze(1)
    if images.dim() != 4:
        raise ValueError(f"images: expected shape (N, C, H, W) or (N, H, W), got {tuple(images.shape)}")
    return images


def show_images(images: torch.Tensor, labels: Sequence[int] | torch.Tensor | None = None,
                class_names: Sequence[str] | None = None, ncols: int = 8,
                titles: Sequence[str] | None = None, suptitle: str = "") -> Figure:
    """A grid of images (N, 1 or 3, H, W) with a title under each: its class name or ``titles[i]``."""
    images = _as_images(images)
    n = len(images)
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.4 * ncols, 1.6 * nrows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        picture = images[i].permute(1, 2, 0).squeeze(-1)
        ax.imshow(picture.numpy(), cmap="gray" if picture.dim() == 2 else None)
        if titles is not None:
            ax.set_title(titles[i], fontsize=7)
        elif labels is not None:
            label = int(labels[i])
            ax.set_title(class_names[label] if class_names else str(label), fontsize=8)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def plot_history(history: Mapping[str, Sequence[float]], title: str = "Learning curves") -> Figure:
    """Training and validation curves per epoch: one panel for losses, one for accuracies.

    ``history`` maps names such as ``train_loss``, ``val_loss``, ``train_acc``, ``val_acc`` to
    one value per epoch (a ``course_utils.training.History`` works as is).
    """
    groups = {"loss": [k for k in history if "loss" in k], "accuracy": [k for k in history if "acc" in k]}
    groups = {name: keys for name, keys in groups.items() if keys}
    fig, axes = plt.subplots(1, len(groups), figsize=(5 * len(groups), 3.5), squeeze=False)
    for ax, (name, keys) in zip(axes.flat, groups.items()):
        for key in keys:
            values = list(history[key])
            ax.plot(range(1, len(values) + 1), values, marker="o", markersize=3, label=key)
        ax.set_xlabel("epoch")
        ax.set_ylabel(name)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_confusion_matrix(matrix: torch.Tensor, class_names: Sequence[str], normalize: bool = True,
                          title: str = "Confusion matrix") -> Figure:
    """Heat map of a confusion matrix (rows: true class, columns: predicted), counts written in."""
    counts = matrix.detach().cpu().double()
    shown = counts / counts.sum(dim=1, keepdim=True).clamp(min=1) if normalize else counts
    fig, ax = plt.subplots(figsize=(0.6 * len(class_names) + 2.5, 0.6 * len(class_names) + 2))
    image = ax.imshow(shown.numpy(), cmap="Blues")
    fig.colorbar(image, ax=ax, fraction=0.046)
    ticks = range(len(class_names))
    ax.set_xticks(ticks, class_names, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(ticks, class_names, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    threshold = float(shown.max()) / 2
    for i in ticks:
        for j in ticks:
            value = shown[i, j]
            text = f"{value:.2f}" if normalize else f"{int(value)}"
            ax.text(j, i, text, ha="center", va="center", fontsize=6,
                    color="white" if value > threshold else "black")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def show_filters(weight: torch.Tensor, title: str = "Filters") -> Figure:
    """Convolution kernels of shape (out_channels, in_channels, kH, kW), each scaled to its own range.

    Multi-channel kernels are shown channel by channel, one row per output channel.
    """
    weight = weight.detach().float().cpu()
    out_c, in_c, kh, kw = weight.shape
    tiles = weight.reshape(out_c * in_c, 1, kh, kw)
    grid = make_grid(tiles, nrow=in_c if in_c > 1 else min(out_c, 8), normalize=True,
                     scale_each=True, padding=1, pad_value=1.0)
    fig, ax = plt.subplots(figsize=(min(12, 1 + 0.6 * grid.shape[2] / (kw + 1)),
                                    min(12, 1 + 0.6 * grid.shape[1] / (kh + 1))))
    ax.imshow(grid[0].numpy(), cmap="gray")
    ax.axis("off")
    ax.set_title(title)
    return fig


def show_feature_maps(maps: torch.Tensor, title: str = "Feature maps", ncols: int = 8) -> Figure:
    """The channels of one activation, shape (C, H, W) or (1, C, H, W), one panel each."""
    maps = maps.detach().float().cpu()
    if maps.dim() == 4:
        maps = maps[0]
    titles = [f"channel {c}" for c in range(len(maps))]
    return show_images(maps.unsqueeze(1), titles=titles, ncols=ncols, suptitle=title)


def show_misclassified(images: torch.Tensor, y_true: torch.Tensor, y_pred: torch.Tensor,
                       class_names: Sequence[str], max_images: int = 16, ncols: int = 8) -> Figure:
    """The first ``max_images`` images whose prediction is wrong, titled ``true -> predicted``."""
    wrong = (y_true.cpu() != y_pred.cpu()).nonzero().flatten()[:max_images]
    titles = [f"{class_names[int(y_true[i])]}\n-> {class_names[int(y_pred[i])]}" for i in wrong]
    return show_images(images[wrong], titles=titles, ncols=ncols, suptitle="Misclassified (true -> predicted)")
