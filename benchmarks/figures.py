"""The figures a notebook's text quotes, checked against what `make bench` measured.

A *figure* is a number in a markdown cell that reads as a measurement: a percentage (``91 %``), a
time (``58 s``, ``4 minutes``), a ratio (``5.8 times``) or a decimal with two or more digits after
the point (``0.877``, ``2.30``). Formulas (``$...$``) and code (`` `...` ``) are not prose and are
skipped. A figure is *backed* when one of these holds:

- it is a range or a bound: ``88-89 %``, ``1 to 8 minutes``, ``under 40 %``, ``at least 89 %``;
- it is a setting the notebook's own code writes (a literal of a code cell: ``lr 0.03``);
- it is a fact of the task: chance level (10 % for ten classes, 50 % for two) or a perfect 100 %;
- it is a study-time estimate: a row of the introduction's plan, or a time "of work";
- the full-mode run recorded by `make bench` (``benchmarks/printed/<assignment>.txt``) or
  BENCHMARKS.md printed it, at the precision the text quotes: ``0.877`` matches a printed
  ``0.8772``, ``91 %`` a printed ``91.45%`` or ``0.9145``, ``25 minutes`` a printed ``1,505 s``;
  a figure said to be approximate (``about 90 %``) may be one unit of its last digit off. When
  the words around the figure name a split (test, validation, training) and the printed line
  names splits too, they must share one: a validation accuracy does not back a "test accuracy".

Anything else is a number nobody measured here, and ``unbacked`` reports it.

Example:
    >>> run = "epoch 5: test accuracy 0.8976, 58.1 s"
    >>> [f.text for f in unbacked("It reaches 89.8 % in 58 s.", printed=run, code="")]
    []
    >>> [f.text for f in unbacked("It reaches 95 % in 58 s.", printed=run, code="")]
    ['95 %']
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
UNIT = r"%|s\b|sec\b|seconds?\b|min\b|minutes?\b|h\b|hours?\b|times\b"
FIGURE = re.compile(rf"(?<![\w.,])(?P<number>{NUMBER})(?:\s*(?P<unit>{UNIT})|(?P<ratio>x)\b)?")
PRINTED_NUMBER = re.compile(rf"(?<![\w.])-?(?:{NUMBER})(?:e[-+]?\d+)?")
RANGE_BEFORE = re.compile(rf"(?:(?:{NUMBER})\s*(?:%|s|min|minutes|seconds)?\s*(?:-|–|to)|"
                          rf"between\s+(?:{NUMBER})\s*(?:%|s|min|minutes|seconds)?\s*and)\s*$")
RANGE_AFTER = re.compile(rf"^\s*(?:%|s|min|minutes|seconds)?\s*(?:-|–|to)\s*(?:{NUMBER})")
BOUND_BEFORE = re.compile(r"(?:under|below|above|over|beyond|at least|at most|more than|less than|up to|within|"
                          r"fewer than|<|>|≤|≥|<=|>=|&lt;|&gt;)\s*$", re.IGNORECASE)
APPROXIMATE = re.compile(r"(?:about|around|near|nearly|almost|roughly|close to|~|≈)\s*$", re.IGNORECASE)
NOT_PROSE = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$|```.*?```|`[^`\n]*`|<[^>\n]*>|\]\([^)\s]*\)", re.DOTALL)
CHANCE_AND_PERFECT = {10.0, 50.0, 100.0}
SPLITS = {"test": re.compile(r"\btest", re.IGNORECASE),
          "validation": re.compile(r"\bval(?:idation)?\b", re.IGNORECASE),
          "training": re.compile(r"\btrain(?:ing)?\b", re.IGNORECASE)}
TIMES = {"s": 1, "sec": 1, "second": 1, "seconds": 1, "min": 60, "minute": 60, "minutes": 60,
         "h": 3600, "hour": 3600, "hours": 3600}


@dataclass(frozen=True)
class Figure:
    """A number the text quotes: its ``value``, ``decimals`` as written, ``unit`` and the ``text``."""

    value: float
    decimals: int
    unit: str
    text: str
    approximate: bool
    context: str
    splits: frozenset[str] = frozenset()


def prose(markdown: str) -> str:
    """``markdown`` with formulas, code, HTML tags and link targets blanked out (same length, so
    positions still match).

    Example:
        >>> prose("loss $2.30$ in `0.5` s")
        'loss        in       s'
    """
    return NOT_PROSE.sub(lambda match: " " * len(match.group(0)), markdown)


def _value(number: str) -> tuple[float, int]:
    plain = number.replace(",", "")
    return float(plain), len(plain.split(".")[1]) if "." in plain else 0


def quoted_figures(markdown: str, *, plan: bool = False) -> list[Figure]:
    """The figures of one markdown cell that need backing by a measurement (see the module's
    docstring for what counts); ``plan`` marks the introduction, whose table rows are study times.

    Example:
        >>> [f.text for f in quoted_figures("Accuracy 0.877 after 3 epochs, 88-89 % on 4 cores, under 40 %.")]
        ['0.877']
    """
    text = prose(markdown)
    figures = []
    for line in text.split("\n"):
        if plan and line.lstrip().startswith("|"):
            continue
        for match in FIGURE.finditer(line):
            number, unit = match.group("number"), match.group("unit") or match.group("ratio") or ""
            value, decimals = _value(number)
            if not unit and decimals < 2:
                continue
            before, after = line[:match.start()], line[match.end():]
            if RANGE_BEFORE.search(before) or RANGE_AFTER.match(after) or BOUND_BEFORE.search(before):
                continue
            if unit == "%" and value in CHANCE_AND_PERFECT:
                continue
            if unit in TIMES and re.match(r"\s*(?:\d+\s*\w+\s*)?of (?:work|reading)", after):
                continue
            context = " ".join(line[max(0, match.start() - 50):match.end() + 30].split())
            figures.append(Figure(value, decimals, unit, match.group(0).strip(), bool(APPROXIMATE.search(before)),
                                  context, splits_named(_clause(before, after))))
    return figures


def _clause(before: str, after: str) -> str:
    """The words around a figure within its sentence: up to 60 characters before, 25 after."""
    before = re.split(r"[.!?:]\s", before[-60:])[-1]
    after = re.split(r"[.!?:;]\s", after[:25])[0]
    return before + " " + after


def splits_named(text: str) -> frozenset[str]:
    """Which data splits ``text`` names.

    Example:
        >>> sorted(splits_named("epoch 3: train loss 0.31 | val acc 0.88"))
        ['training', 'validation']
    """
    return frozenset(name for name, pattern in SPLITS.items() if pattern.search(text))


def measured_lines(printed: str) -> list[tuple[frozenset[str], list[float]]]:
    """Each line of a run's output: the splits it names and its numbers."""
    return [(splits_named(line), numbers) for line in printed.splitlines() if (numbers := numbers_in(line))]


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text`` (``1,505`` is one number; ``4e-05`` another).

    Example:
        >>> numbers_in("loss 2.30 -> 1.96 in 1,505 s (lr 1e-4)")
        [2.3, 1.96, 1505.0, 0.0001]
    """
    return [float(found.replace(",", "")) for found in PRINTED_NUMBER.findall(text)]


def _candidates(figure: Figure, printed: float) -> list[float]:
    """The values a printed number stands for in the figure's unit."""
    values = [printed, abs(printed)]
    if figure.unit == "%" and abs(printed) <= 1:
        values.append(100 * abs(printed))
    if figure.unit in TIMES and TIMES[figure.unit] > 1:
        values.append(printed / TIMES[figure.unit])  # a time printed in seconds
    return values


def matches(figure: Figure, printed: float) -> bool:
    """Whether ``printed`` rounds to the figure at the precision it is quoted.

    Example:
        >>> figure = quoted_figures("test accuracy 89.8 %")[0]
        >>> matches(figure, 0.8976), matches(figure, 0.8961)
        (True, False)
    """
    step = 10.0 ** -figure.decimals
    slack = step * (1.0 if figure.approximate else 0.5) + 1e-9
    return any(math.isfinite(value) and abs(value - figure.value) <= slack for value in _candidates(figure, printed))


def backed_by(figure: Figure, lines: list[tuple[frozenset[str], list[float]]]) -> bool:
    """Whether a printed line holds a number that matches ``figure`` and names no other split."""
    return any(matches(figure, value) for splits, numbers in lines
               if not (splits and figure.splits) or splits & figure.splits for value in numbers)


def unbacked(markdown: str, *, printed: str, code: str, plan: bool = False) -> list[Figure]:
    """The figures of ``markdown`` that neither the run's output ``printed`` (with BENCHMARKS.md)
    nor the notebook's ``code`` (its settings) backs."""
    lines = measured_lines(printed)
    settings = set(numbers_in(code))
    return [figure for figure in quoted_figures(markdown, plan=plan)
            if figure.value not in settings and not backed_by(figure, lines)]
