"""Every plot helper draws what it is given (checked on the figure's artists, off-screen)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
import torch

from course_utils import plot


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_show_images_titles_with_class_names():
    fig = plot.show_images(torch.rand(5, 1, 28, 28), labels=[0, 1, 2, 3, 4], class_names="abcde", ncols=3)
    titles = [ax.get_title() for ax in fig.axes if ax.images]
    assert titles == ["a", "b", "c", "d", "e"] and len(fig.axes) == 6


def test_show_images_rejects_wrong_rank():
    with pytest.raises(ValueError, match="expected shape"):
        plot.show_images(torch.rand(28, 28))


def test_plot_history_one_line_per_series():
    history = {"train_loss": [1, 0.5], "val_loss": [1.2, 0.8], "train_acc": [0.5, 0.7], "val_acc": [0.4, 0.6],
               "epoch_seconds": [1.0, 1.0]}
    fig = plot.plot_history(history)
    assert [len(ax.lines) for ax in fig.axes] == [2, 2]


def test_confusion_matrix_normalizes_rows():
    fig = plot.plot_confusion_matrix(torch.tensor([[3, 1], [0, 4]]), ["a", "b"])
    image = fig.axes[0].images[0].get_array()
    assert image[0, 0] == pytest.approx(0.75) and image[1, 1] == pytest.approx(1.0)


def test_filters_feature_maps_and_misclassified():
    assert plot.show_filters(torch.randn(6, 1, 5, 5)).axes[0].images
    fig = plot.show_feature_maps(torch.randn(1, 4, 8, 8))
    assert sum(1 for ax in fig.axes if ax.images) == 4
    fig = plot.show_misclassified(torch.rand(4, 1, 8, 8), torch.tensor([0, 1, 1, 0]), torch.tensor([0, 0, 1, 1]),
                                  ["cat", "dog"])
    assert [ax.get_title() for ax in fig.axes if ax.images] == ["dog\n-> cat", "cat\n-> dog"]
