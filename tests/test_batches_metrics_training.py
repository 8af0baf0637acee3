"""In-memory batches, the train/validation split, metrics and the shared training loop."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from course_utils.data import TensorBatches, train_val_split
from course_utils.metrics import confusion_matrix, most_confused
from course_utils.training import channels_last, count_correct, fit, run_epoch


def test_batches_cover_every_sample_once_per_epoch():
    x, y = torch.arange(10.0).view(10, 1), torch.arange(10)
    batches = TensorBatches(x, y, batch_size=3, shuffle=True, seed=1)
    assert len(batches) == 4
    seen = torch.cat([yb for _, yb in batches])
    assert sorted(seen.tolist()) == list(range(10))
    for xb, yb in batches:  # pairs stay aligned after shuffling
        assert torch.equal(xb.view(-1).long(), yb)


def test_batches_reshuffle_each_epoch_but_repeat_with_seed():
    x = torch.arange(100)
    first = [b[0].tolist() for b in TensorBatches(x, batch_size=10, seed=5)]
    again = TensorBatches(x, batch_size=10, seed=5)
    epoch1, epoch2 = [b[0].tolist() for b in again], [b[0].tolist() for b in again]
    assert first == epoch1 and epoch1 != epoch2


def test_batches_drop_last_and_errors():
    assert len(TensorBatches(torch.zeros(10), batch_size=3, drop_last=True)) == 3
    with pytest.raises(ValueError, match="same first dimension"):
        TensorBatches(torch.zeros(3), torch.zeros(4))
    with pytest.raises(ValueError, match="batch_size"):
        TensorBatches(torch.zeros(3), batch_size=0)


def test_train_val_split_is_disjoint_and_seeded():
    x, y = torch.randn(50, 2), torch.arange(50)
    a = train_val_split(x, y, val_size=10, seed=0)
    b = train_val_split(x, y, val_size=10, seed=0)
    assert all(torch.equal(p, q) for p, q in zip(a, b))
    assert len(a[1]) == 40 and len(a[3]) == 10
    assert not set(a[1].tolist()) & set(a[3].tolist())
    with pytest.raises(ValueError, match="leaves no"):
        train_val_split(x, y, val_size=50)


def test_confusion_matrix_and_most_confused():
    y_true, y_pred = torch.tensor([0, 0, 1, 2, 2, 2]), torch.tensor([0, 1, 1, 1, 1, 2])
    matrix = confusion_matrix(y_true, y_pred, 3)
    assert matrix.tolist() == [[1, 1, 0], [0, 1, 0], [0, 2, 1]]
    assert most_confused(matrix, ["a", "b", "c"], k=2) == [("c", "b", 2), ("a", "b", 1)]


def test_count_correct_multiclass_and_binary():
    assert count_correct(torch.tensor([[0.1, 0.9], [0.8, 0.2]]), torch.tensor([1, 1])) == 1
    assert count_correct(torch.tensor([2.0, -1.0, 0.5]), torch.tensor([1.0, 0.0, 0.0])) == 2


def test_fit_learns_a_separable_problem():
    torch.manual_seed(0)
    x = torch.randn(256, 2)
    y = (x[:, 0] > 0).long()
    model = nn.Linear(2, 2)
    history = fit(model, TensorBatches(x, y, batch_size=32), TensorBatches(x, y, batch_size=256, shuffle=False),
                  nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=0.05), epochs=5,
                  show_progress=False)
    assert history["val_acc"][-1] > 0.95
    assert history["train_loss"][-1] < history["train_loss"][0]


def test_evaluation_does_not_train_and_uses_eval_mode():
    model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5))
    before = [p.clone() for p in model.parameters()]
    x, y = torch.randn(8, 2), torch.zeros(8, dtype=torch.long)
    loss1, _ = run_epoch(model, TensorBatches(x, y, shuffle=False), nn.CrossEntropyLoss(), show_progress=False)
    loss2, _ = run_epoch(model, TensorBatches(x, y, shuffle=False), nn.CrossEntropyLoss(), show_progress=False)
    assert loss1 == loss2 and not model.training  # dropout off: the same loss twice
    assert all(torch.equal(p, q) for p, q in zip(before, model.parameters()))


def test_binary_logits_get_float_targets():
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0))
    x, y = torch.randn(16, 3), torch.randint(0, 2, (16,))
    loss, acc = run_epoch(model, TensorBatches(x, y), nn.BCEWithLogitsLoss(), show_progress=False)
    assert loss > 0 and 0 <= acc <= 1


def _small_cnn() -> nn.Module:
    return nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Conv2d(4, 6, 3), nn.Flatten(),
                         nn.Linear(6 * 4 * 4, 3))


def test_channels_last_changes_the_layout_not_the_outputs():
    torch.manual_seed(0)
    plain, fast, x = _small_cnn(), _small_cnn(), torch.randn(5, 1, 8, 8)
    fast.load_state_dict(plain.state_dict())
    assert channels_last(fast, x[:2]) is fast
    assert fast[3].weight.is_contiguous(memory_format=torch.channels_last)
    assert not fast[3].weight.is_contiguous()
    assert fast.training, "the check pass must leave the model in the mode it was in"
    torch.testing.assert_close(fast(x), plain(x), atol=1e-5, rtol=1e-5)


def test_channels_last_check_pass_leaves_batch_norm_statistics_alone():
    model = _small_cnn()
    before = model[1].running_mean.clone()
    channels_last(model, torch.randn(4, 1, 8, 8) * 5 + 3)
    assert torch.equal(model[1].running_mean, before) and model[1].num_batches_tracked == 0


def test_channels_last_keeps_the_default_layout_for_a_view_forward(capsys):
    class ViewNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv, self.head = nn.Conv2d(3, 4, 3), nn.Linear(4 * 3 * 3, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.head(self.conv(x).view(x.size(0), -1))

    model = channels_last(ViewNet(), torch.zeros(2, 3, 5, 5))
    assert model.conv.weight.is_contiguous()
    assert model(torch.zeros(2, 3, 5, 5)).shape == (2, 2)
    assert "kept the default memory layout" in capsys.readouterr().out
