"""Length-bucketed batches (IMDB) and random flips (LeNet's augmentation)."""

from __future__ import annotations

import pytest
import torch

from course_utils.augment import RandomFlips
from course_utils.data import TensorBatches
from course_utils.data.buckets import BucketBatches


def _sequences(n: int = 50, longest: int = 30):
    generator = torch.Generator().manual_seed(0)
    lengths = torch.randint(1, longest + 1, (n,), generator=generator)
    ids = torch.zeros(n, longest, dtype=torch.long)
    for i, length in enumerate(lengths):
        ids[i, :length] = torch.arange(1, int(length) + 1)
    return ids, lengths, torch.arange(n)


@pytest.mark.parametrize("shuffle", [True, False])
def test_buckets_serve_every_sample_once_trimmed_to_the_longest(shuffle):
    ids, lengths, labels = _sequences()
    batches = BucketBatches(ids, lengths, labels, lengths=lengths, batch_size=8, shuffle=shuffle, pool=2)
    served = []
    count = 0
    for x, length, label in batches:
        count += 1
        assert x.shape[1] == int(length.max()), "each batch is cut at its longest sequence"
        assert torch.equal(x, ids[label][:, : x.shape[1]]), "rows stay aligned with their labels"
        served += label.tolist()
    assert sorted(served) == list(range(50)) and count == len(batches)


def test_buckets_cut_padding_and_repeat_with_a_seed():
    ids, lengths, labels = _sequences(200, 100)
    padded = sum(8 * 100 for _ in TensorBatches(ids, batch_size=8))
    bucketed = sum(x.numel() for x, _, _ in BucketBatches(ids, lengths, labels, lengths=lengths, batch_size=8))
    assert bucketed < 0.75 * padded
    first = [lab.tolist() for *_, lab in BucketBatches(ids, lengths, labels, lengths=lengths, seed=3)]
    again = [lab.tolist() for *_, lab in BucketBatches(ids, lengths, labels, lengths=lengths, seed=3)]
    assert first == again


def test_buckets_reject_mismatched_sizes():
    with pytest.raises(ValueError, match="same first dimension"):
        BucketBatches(torch.zeros(3, 4), lengths=torch.ones(4))


def test_random_flips_mirror_with_probability_p():
    images = torch.arange(16.0).view(1, 1, 4, 4).repeat(100, 1, 1, 1)
    batches = [(images, torch.zeros(100))]
    never = next(iter(RandomFlips(batches, p=0.0)))[0]
    always = next(iter(RandomFlips(batches, p=1.0)))[0]
    assert torch.equal(never, images) and torch.equal(always, images.flip(-1))
    half = next(iter(RandomFlips(batches, p=0.5, seed=1)))[0]
    flipped = (half != images).flatten(1).any(dim=1).float().mean()
    assert 0.3 < float(flipped) < 0.7
    with pytest.raises(ValueError, match="probability"):
        RandomFlips(batches, p=1.5)
