"""Diagrams of the architectures the notebooks build, drawn with matplotlib (no image files).

- ``draw_architecture``: a network as the blocks of numbers that flow through it (LeNet-5's maps);
- ``draw_convolution``: one position of a kernel sliding over a zero-padded input, and the output cell it fills;
- ``draw_unrolled_rnn``: a recurrent network unrolled over time, $a^{<t>}$, $x^{<t>}$, $y^{<t>}$;
- ``draw_lstm_cell``: the LSTM cell, its three gates, the candidate and the additive cell-state path.

Each returns its figure (a notebook shows it). Shapes follow PyTorch: a feature map is (C, H, W).

Example:
    >>> fig = draw_architecture([("input", (1, 28, 28)), ("conv", (6, 28, 28)), ("out", (10,))])
    >>> [t.get_text() for t in fig.axes[0].texts][:2]
    ['input\\n1 @ 28 x 28', 'conv\\n6 @ 28 x 28']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

MAP_COLOUR = "#9ecae1"
VECTOR_COLOUR = "#fdd0a2"
HIGHLIGHT = "#e6550d"
GAP = 0.6  # between two stages of draw_architecture, room for the arrow and the labels


def _shape_label(shape: Sequence[int]) -> str:
    if len(shape) == 3:
        return f"{shape[0]} @ {shape[1]} x {shape[2]}"
    return " x ".join(str(size) for size in shape)


def draw_architecture(stages: Sequence[tuple[str, Sequence[int]]], title: str = "") -> Figure:
    """The blocks of numbers a network passes along, left to right, each labelled with its shape.

    ``stages``: ``(name, shape)`` per stage, the shape of one example without the batch axis:
    ``(C, H, W)`` for feature maps (drawn as a stack of ``C`` squares, at most 8 shown, whose side
    grows with ``H``), ``(n,)`` for a vector (a bar whose height grows with ``n``). The output of
    ``shape_trace`` fits, once the batch axis is dropped.

    Example:
        >>> fig = draw_architecture([("image", (1, 8, 8)), ("flatten", (64,))], title="tiny")
        >>> fig.axes[0].get_title()
        'tiny'
    """
    if not stages:
        raise ValueError("draw_architecture: expected at least one (name, shape) stage, got none")
    for name, shape in stages:
        if len(shape) not in (1, 3) or any(int(size) < 1 for size in shape):
            raise ValueError(f"draw_architecture: stage {name!r} has shape {tuple(shape)}; expected (C, H, W) "
                             "or (n,) with positive sizes, without the batch axis")
    largest_map = max((shape[1] for _, shape in stages if len(shape) == 3), default=1)
    largest_vector = max((shape[0] for _, shape in stages if len(shape) == 1), default=1)
    fig, ax = plt.subplots(figsize=(1.6 * len(stages) + 0.5, 3.4))
    x = 0.0
    for index, (name, shape) in enumerate(stages):
        if len(shape) == 3:
            side = 0.35 + 1.1 * math.sqrt(shape[1] / largest_map)
            layers = min(int(shape[0]), 8)
            for layer in reversed(range(layers)):  # the back squares first, so the front one covers them
                offset = 0.07 * layer
                ax.add_patch(Rectangle((x + offset, 1.2 - side / 2 + offset), side * shape[2] / shape[1], side,
                                       facecolor=MAP_COLOUR, edgecolor="#3182bd", linewidth=0.8))
            width = side * shape[2] / shape[1] + 0.07 * (layers - 1)
        else:
            height = 0.3 + 1.9 * math.sqrt(shape[0] / largest_vector)
            width = 0.22
            ax.add_patch(Rectangle((x + 0.3, 1.2 - height / 2), width, height,
                                   facecolor=VECTOR_COLOUR, edgecolor="#e6550d", linewidth=0.8))
            width += 0.3
        ax.text(x + width / 2, -0.25, f"{name}\n{_shape_label(shape)}", ha="center", va="top", fontsize=8)
        if index + 1 < len(stages):
            ax.add_patch(FancyArrowPatch((x + width + 0.05, 1.2), (x + width + GAP - 0.05, 1.2),
                                         arrowstyle="-|>", mutation_scale=10, color="grey"))
        x += width + GAP
    ax.set_xlim(-0.3, x - GAP + 0.3)
    ax.set_ylim(-1.0, 2.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def draw_convolution(size: int, kernel: int, padding: int = 0, stride: int = 1,
                     position: tuple[int, int] = (0, 1)) -> Figure:
    """A ``kernel x kernel`` window over a ``size x size`` input padded with ``padding`` zeros, moved
    by ``stride``: the window at output ``position`` (row, column) and the output cell it fills.

    The output has ``floor((size + 2 padding - kernel) / stride) + 1`` cells per side.

    Example:
        >>> fig = draw_convolution(5, kernel=3, padding=1, stride=2)
        >>> fig.axes[1].get_title()
        'output: 3 x 3'
    """
    if min(size, kernel, stride) < 1 or padding < 0 or kernel > size + 2 * padding:
        raise ValueError(f"draw_convolution: size={size}, kernel={kernel}, padding={padding}, stride={stride}: "
                         "expected sizes >= 1, padding >= 0 and a kernel no larger than the padded input")
    out = (size + 2 * padding - kernel) // stride + 1
    row, column = position
    if not (0 <= row < out and 0 <= column < out):
        raise ValueError(f"draw_convolution: position {position} is outside the {out} x {out} output")
    padded = size + 2 * padding
    fig, (left, right) = plt.subplots(1, 2, figsize=(7, 3.4), gridspec_kw={"width_ratios": [padded, max(out, 2)]})
    for i in range(padded):
        for j in range(padded):
            is_padding = not (padding <= i < padding + size and padding <= j < padding + size)
            left.add_patch(Rectangle((j, padded - 1 - i), 1, 1, facecolor="#f0f0f0" if is_padding else MAP_COLOUR,
                                     edgecolor="white" if is_padding else "#3182bd", linewidth=0.8))
            if is_padding:
                left.text(j + 0.5, padded - 0.5 - i, "0", ha="center", va="center", fontsize=7, color="grey")
    top, start = row * stride, column * stride
    left.add_patch(Rectangle((start, padded - top - kernel), kernel, kernel, fill=False,
                             edgecolor=HIGHLIGHT, linewidth=2.5))
    left.set_title(f"input {size} x {size}, padding {padding}, kernel {kernel} x {kernel}, stride {stride}", fontsize=9)
    for i in range(out):
        for j in range(out):
            hit = (i, j) == (row, column)
            right.add_patch(Rectangle((j, out - 1 - i), 1, 1, facecolor=HIGHLIGHT if hit else VECTOR_COLOUR,
                                      edgecolor="#e6550d", linewidth=0.8))
    right.set_title(f"output: {out} x {out}", fontsize=9)
    for ax, cells in ((left, padded), (right, out)):
        ax.set_xlim(-0.2, max(cells, 2) + 0.2)
        ax.set_ylim(-0.2, max(cells, 2) + 0.2)
        ax.set_aspect("equal")
        ax.axis("off")
    fig.tight_layout()
    return fig


def _box(ax, centre: tuple[float, float], text: str, colour: str, width: float = 0.9, height: float = 0.55) -> None:
    ax.add_patch(FancyBboxPatch((centre[0] - width / 2, centre[1] - height / 2), width, height,
                                boxstyle="round,pad=0.03", facecolor=colour, edgecolor="grey"))
    ax.text(*centre, text, ha="center", va="center", fontsize=10)


def _arrow(ax, start: tuple[float, float], end: tuple[float, float], colour: str = "grey") -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=11, color=colour, linewidth=1.2))


def draw_unrolled_rnn(steps: int = 4, cell: str = "RNN cell") -> Figure:
    """A recurrent network unrolled over ``steps`` time steps, in the slides' notation: the same cell
    (the same weights) at every step reads $x^{<t>}$ and $a^{<t-1>}$, and gives $a^{<t>}$ and $y^{<t>}$.

    Example:
        >>> fig = draw_unrolled_rnn(3)
        >>> sum(t.get_text() == "RNN cell" for t in fig.axes[0].texts)
        3
    """
    if steps < 1:
        raise ValueError(f"draw_unrolled_rnn: expected steps >= 1, got {steps}")
    fig, ax = plt.subplots(figsize=(1.9 * steps + 1.2, 3.6))
    _box(ax, (0, 1), "$a^{<0>}$", "white", width=0.6)
    for t in range(1, steps + 1):
        x = 1.8 * t
        _box(ax, (x, 1), cell, MAP_COLOUR, width=1.1)
        _box(ax, (x, -0.3), f"$x^{{<{t}>}}$", "white", width=0.6)
        _box(ax, (x, 2.3), f"$y^{{<{t}>}}$", VECTOR_COLOUR, width=0.6)
        _arrow(ax, (x, -0.02), (x, 0.72))
        _arrow(ax, (x, 1.28), (x, 2.02))
        _arrow(ax, (x - 1.8 + (0.3 if t == 1 else 0.55), 1), (x - 0.55, 1))
        ax.text(x - 0.9, 1.12, f"$a^{{<{t - 1}>}}$", ha="center", va="bottom", fontsize=9)
    ax.text(1.8 * steps + 0.75, 1, "...", ha="left", va="center", fontsize=12)
    ax.set_xlim(-0.5, 1.8 * steps + 1.1)
    ax.set_ylim(-0.8, 2.8)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("One cell, unrolled over time: the same weights at every step")
    fig.tight_layout()
    return fig


def draw_lstm_cell() -> Figure:
    """The LSTM cell: forget, input and output gates ($\\sigma$), the candidate ($\\tanh$), and the cell
    state $c$ that runs along the top, changed only by a product and a sum.

    Example:
        >>> texts = [t.get_text() for t in draw_lstm_cell().axes[0].texts]
        >>> all(any(gate in text for text in texts) for gate in ("forget", "input", "output", "candidate"))
        True
    """
    fig, ax = plt.subplots(figsize=(8, 4.2))
    ax.add_patch(FancyBboxPatch((0.3, 0.2), 7.2, 3.3, boxstyle="round,pad=0.05", facecolor="#f7fbff", edgecolor="grey"))
    _arrow(ax, (-0.4, 3.0), (8.2, 3.0), HIGHLIGHT)  # the cell state: the additive path
    ax.text(-0.45, 3.12, "$c^{<t-1>}$", ha="left", va="bottom", fontsize=10)
    ax.text(8.2, 3.12, "$c^{<t>}$", ha="right", va="bottom", fontsize=10)
    _arrow(ax, (-0.4, 0.6), (1.0, 0.6))
    ax.text(-0.45, 0.72, "$a^{<t-1>}$", ha="left", va="bottom", fontsize=10)
    ax.text(1.0, -0.35, "$x^{<t>}$", ha="center", va="top", fontsize=10)
    _arrow(ax, (1.0, -0.3), (1.0, 0.55))
    gates = [(1.5, "$\\sigma$", "forget $f$"), (3.0, "$\\sigma$", "input $i$"), (4.2, "$\\tanh$", "candidate $\\tilde c$"),
             (5.6, "$\\sigma$", "output $o$")]
    ax.plot([1.0, 5.6], [0.6, 0.6], color="grey", linewidth=1.2)
    for x, symbol, name in gates:
        _box(ax, (x, 1.3), symbol, VECTOR_COLOUR, width=0.7, height=0.5)
        ax.text(x, 0.85, name, ha="center", va="top", fontsize=8)
        _arrow(ax, (x, 0.6), (x, 1.05))
    _box(ax, (1.5, 3.0), "$\\times$", "white", width=0.4, height=0.4)   # f times the old cell state
    _box(ax, (3.6, 2.2), "$\\times$", "white", width=0.4, height=0.4)   # i times the candidate
    _arrow(ax, (1.5, 1.55), (1.5, 2.8))
    _arrow(ax, (3.0, 1.55), (3.45, 2.05))
    _arrow(ax, (4.2, 1.55), (3.75, 2.05))
    _box(ax, (3.6, 3.0), "$+$", "white", width=0.4, height=0.4)
    _arrow(ax, (3.6, 2.4), (3.6, 2.8))
    _box(ax, (6.6, 2.2), "$\\tanh$", "white", width=0.6, height=0.4)
    _arrow(ax, (6.6, 3.0), (6.6, 2.4))
    _box(ax, (6.6, 1.3), "$\\times$", "white", width=0.4, height=0.4)
    _arrow(ax, (6.6, 2.0), (6.6, 1.5))
    _arrow(ax, (5.95, 1.3), (6.4, 1.3))
    _arrow(ax, (6.8, 1.3), (8.2, 1.3))
    ax.text(8.2, 1.42, "$a^{<t>}$", ha="right", va="bottom", fontsize=10)
    ax.text(3.9, 3.55, "cell state: $c^{<t>} = f \\odot c^{<t-1>} + i \\odot \\tilde c$", ha="center", va="bottom",
            fontsize=9, color=HIGHLIGHT)
    ax.set_xlim(-0.6, 8.4)
    ax.set_ylim(-0.7, 4.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("An LSTM cell: three gates decide what to forget, what to write and what to show", fontsize=10)
    fig.tight_layout()
    return fig
