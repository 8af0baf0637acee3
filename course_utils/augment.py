"""Data augmentation on batches held in memory (used by the training cells, e.g. LeNet-5's).

Wrappers take any iterable of ``(images, *rest)`` batches, such as a
``course_utils.data.TensorBatches``, and yield the same batches with randomly altered images.
Only wrap the *training* batches: validation and test images are never augmented.

Example:
    >>> from course_utils.data import TensorBatches
    >>> x, y = torch.arange(8.0).view(2, 1, 2, 2), torch.tensor([0, 1])
    >>> batches = RandomFlips(TensorBatches(x, y, batch_size=2, shuffle=False), p=1.0)
    >>> images, labels = next(iter(batches))
    >>> images[0, 0].tolist(), labels.tolist()
    ([[1.0, 0.0], [3.0, 2.0]], [0, 1])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import torch


class RandomFlips:
    """Mirror each image left-right with probability ``p``; images of shape (N, C, H, W) or (N, H, W).

    The flips are drawn from a generator seeded with ``seed``, so a run is reproducible. ``len()``
    is the wrapped iterable's, which progress bars use.

    Example:
        >>> batches = [(torch.ones(4, 1, 2, 2), torch.zeros(4))]
        >>> [tuple(xb.shape) for xb, _ in RandomFlips(batches, seed=0)]
        [(4, 1, 2, 2)]
    """

    def __init__(self, batches: Iterable[tuple[torch.Tensor, ...]], p: float = 0.5, seed: int = 0) -> None:
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be a probability in [0, 1], got {p}")
        self.batches = batches
        self.p = p
        self.generator = torch.Generator().manual_seed(seed)

    def __len__(self) -> int:
        return len(self.batches)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[tuple[torch.Tensor, ...]]:
        for images, *rest in self.batches:
            flip = torch.rand(len(images), generator=self.generator) < self.p
            flip = flip.to(images.device).view(-1, *([1] * (images.dim() - 1)))
            yield (torch.where(flip, images.flip(-1), images), *rest)
