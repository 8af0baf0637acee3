"""Every plot helper draws what it is given (checked on the figure's artists, off-screen)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
import torch

from course_utils import diagrams, plot


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


def test_architecture_draws_one_labelled_block_per_stage():
    stages = [("input", (1, 28, 28)), ("C1", (6, 28, 28)), ("flatten", (400,)), ("out", (10,))]
    fig = diagrams.draw_architecture(stages, title="LeNet")
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == ["input\n1 @ 28 x 28", "C1\n6 @ 28 x 28", "flatten\n400", "out\n10"]
    squares = [p for p in fig.axes[0].patches if type(p).__name__ == "Rectangle"]
    assert len(squares) == 1 + 6 + 1 + 1, "one square per map (at most 8 per stage), one bar per vector"


def test_architecture_rejects_a_batch_axis():
    with pytest.raises(ValueError, match="without the batch axis"):
        diagrams.draw_architecture([("input", (2, 1, 28, 28))])


@pytest.mark.parametrize("size, kernel, padding, stride, out", [(5, 3, 1, 2, 3), (7, 3, 0, 1, 5), (4, 2, 0, 2, 2)])
def test_convolution_output_grid_follows_the_formula(size, kernel, padding, stride, out):
    fig = diagrams.draw_convolution(size, kernel, padding, stride, position=(0, 0))
    left, right = fig.axes
    assert right.get_title() == f"output: {out} x {out}"
    assert len(right.patches) == out * out
    assert len(left.patches) == (size + 2 * padding) ** 2 + 1, "every padded cell, plus the window's frame"
    assert sum(t.get_text() == "0" for t in left.texts) == (size + 2 * padding) ** 2 - size ** 2


def test_convolution_rejects_a_position_outside_the_output():
    with pytest.raises(ValueError, match="outside the 3 x 3 output"):
        diagrams.draw_convolution(5, 3, padding=1, stride=2, position=(3, 0))


def test_rnn_and_lstm_diagrams_name_their_parts():
    rnn = [t.get_text() for t in diagrams.draw_unrolled_rnn(3).axes[0].texts]
    assert sum(text == "RNN cell" for text in rnn) == 3 and "$x^{<3>}$" in rnn and "$a^{<2>}$" in rnn
    lstm = " ".join(t.get_text() for t in diagrams.draw_lstm_cell().axes[0].texts)
    for part in ("forget", "input", "output", "candidate", "c^{<t-1>}", "a^{<t>}"):
        assert part in lstm, f"LSTM diagram: expected {part!r} among its labels"
