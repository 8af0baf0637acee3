"""TensorBoard runs: fit(..., writer=...) writes one point per epoch and metric, read back with TensorBoard's reader."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from course_utils.data import TensorBatches
from course_utils.tracking import optional, run_writer
from course_utils.training import fit

event_accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")


def test_fit_logs_every_epoch_to_its_run(tmp_path):
    torch.manual_seed(0)
    x, y = torch.randn(64, 4), torch.randint(0, 3, (64,))
    writer = run_writer("linear/lr=0.1", root=tmp_path)
    history = fit(nn.Linear(4, 3), TensorBatches(x, y, batch_size=16), TensorBatches(x, y, batch_size=64),
                  nn.CrossEntropyLoss(), torch.optim.SGD(nn.Linear(4, 3).parameters(), lr=0.1), epochs=3,
                  show_progress=False, writer=writer)
    writer.close()
    run = event_accumulator.EventAccumulator(str(tmp_path / "linear" / "lr=0.1"))
    run.Reload()
    tags = set(run.Tags()["scalars"])
    assert {"loss/train", "loss/val", "acc/train", "acc/val", "epoch_seconds"} <= tags, f"expected one chart per metric, got {tags}"
    points = run.Scalars("loss/val")
    assert [p.step for p in points] == [1, 2, 3]
    assert [p.value for p in points] == pytest.approx(history["val_loss"], rel=1e-6)


def test_a_run_name_that_is_not_a_path_is_refused(tmp_path):
    with pytest.raises(ValueError, match="run name"):
        run_writer("../outside", root=tmp_path)


def test_a_missing_package_is_skipped_with_a_note(capsys):
    assert optional("surely_not_installed_pkg", "the Optuna study") is None
    assert "the Optuna study is skipped" in capsys.readouterr().out
