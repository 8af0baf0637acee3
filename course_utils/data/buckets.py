"""Mini-batches of sequences of similar length, each trimmed to its longest sequence.

Padding every review of IMDB to the same length makes a recurrent network step through
thousands of pad tokens. Grouping sequences of similar length into the same batch and
cutting each batch at its longest sequence removes most of them: same results (when the
model ignores the pads), fewer steps.

Example:
    >>> ids = torch.tensor([[5, 0, 0, 0], [6, 7, 8, 9], [4, 3, 0, 0], [2, 2, 2, 0]])
    >>> lengths, labels = torch.tensor([1, 4, 2, 3]), torch.tensor([0, 1, 0, 1])
    >>> batches = BucketBatches(ids, lengths, labels, lengths=lengths, batch_size=2, shuffle=False)
    >>> [tuple(x.shape) for x, _, _ in batches]
    [(2, 2), (2, 4)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import torch


class BucketBatches:
    """Re-iterable mini-batches ``tuple(t[idx] for t in tensors)`` of sequences of similar length.

    Each pass (when ``shuffle``) draws a random order with its own seeded generator, sorts
    the samples by length inside pools of ``pool * batch_size`` samples, cuts each pool into
    batches and shuffles the batches, so that every batch holds sequences of similar length
    and the order still changes from epoch to epoch. Without ``shuffle``, the samples are
    sorted by length over the whole set (the least padding, for evaluation).

    The tensors at the positions ``trim`` (default: the first) are right-padded sequences of
    shape (N, T, ...); each batch keeps their first ``max(lengths[idx])`` steps only.

    Args:
        tensors: tensors with the same first dimension N, e.g. ``(ids, lengths, labels)``.
        lengths: (N,) number of real (non-pad) steps of each sequence.
        batch_size: samples per batch (the last batch of a pool may be smaller).
        shuffle: reshuffle every pass (training) or sort once by length (evaluation).
        seed: seed of the shuffling generator; the same seed gives the same batches.
        pool: how many batches' worth of samples are sorted together when shuffling.
        trim: positions in ``tensors`` of the padded sequences to cut.
    """

    def __init__(self, *tensors: torch.Tensor, lengths: torch.Tensor, batch_size: int = 64,
                 shuffle: bool = True, seed: int = 0, pool: int = 50, trim: Sequence[int] = (0,)) -> None:
        if not tensors:
            raise ValueError("BucketBatches needs at least one tensor")
        sizes = {len(t) for t in tensors} | {len(lengths)}
        if len(sizes) != 1:
            raise ValueError(f"tensors and lengths need the same first dimension, got sizes {sorted(sizes)}")
        if batch_size < 1 or pool < 1:
            raise ValueError(f"batch_size and pool must be at least 1, got {batch_size} and {pool}")
        for i in trim:
            if tensors[i].dim() < 2:
                raise ValueError(f"tensor {i} has shape {tuple(tensors[i].shape)}: only (N, T, ...) can be trimmed")
        self.tensors = tensors
        self.lengths = lengths.long().cpu()
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.pool = pool
        self.trim = frozenset(trim)
        self.generator = torch.Generator().manual_seed(seed)

    def __len__(self) -> int:
        n, size = len(self.lengths), self.batch_size
        if not self.shuffle:
            return -(-n // size)
        pool = self.pool * size
        full, rest = divmod(n, pool)
        return full * -(-pool // size) + -(-rest // size)

    def _batches(self) -> list[torch.Tensor]:
        """The index tensor of every batch of this pass, in the order they are served."""
        size = self.batch_size
        if not self.shuffle:
            order = torch.argsort(self.lengths, stable=True)
            return list(order.split(size))
        order = torch.randperm(len(self.lengths), generator=self.generator)
        batches: list[torch.Tensor] = []
        for chunk in order.split(self.pool * size):
            chunk = chunk[torch.argsort(self.lengths[chunk], stable=True)]
            batches.extend(chunk.split(size))
        permutation = torch.randperm(len(batches), generator=self.generator)
        return [batches[i] for i in permutation]

    def __iter__(self) -> Iterator[tuple[torch.Tensor, ...]]:
        for index in self._batches():
            longest = max(int(self.lengths[index].max()), 1)
            yield tuple(t[index.to(t.device)][:, :longest] if i in self.trim else t[index.to(t.device)]
                        for i, t in enumerate(self.tensors))
