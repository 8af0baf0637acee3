"""Small metrics the analysis cells share (the graded ones are written by the students)."""

from __future__ import annotations

import torch


def confusion_matrix(y_true: torch.Tensor, y_pred: torch.Tensor, n_classes: int) -> torch.Tensor:
    """Counts of shape (n_classes, n_classes): row = true class, column = predicted class.

    Example:
        >>> confusion_matrix(torch.tensor([0, 1, 1]), torch.tensor([0, 0, 1]), 2).tolist()
        [[1, 0], [1, 1]]
    """
    index = y_true.long().cpu() * n_classes + y_pred.long().cpu()
    return torch.bincount(index, minlength=n_classes * n_classes).view(n_classes, n_classes)


def most_confused(matrix: torch.Tensor, class_names: list[str] | tuple[str, ...], k: int = 5
                  ) -> list[tuple[str, str, int]]:
    """The ``k`` largest off-diagonal cells as ``(true name, predicted name, count)``.

    Example:
        >>> most_confused(torch.tensor([[5, 2], [0, 3]]), ["a", "b"], k=1)
        [('a', 'b', 2)]
    """
    off = matrix.clone()
    off.fill_diagonal_(0)
    counts, flat = off.flatten().topk(min(k, off.numel()))
    n = matrix.shape[0]
    return [(class_names[int(i) // n], class_names[int(i) % n], int(c))
            for c, i in zip(counts, flat) if int(c) > 0]
