"""`make bench ONLY=<section>`: one section of BENCHMARKS.md re-measured in place, dated, its goals merged."""

from __future__ import annotations

import pytest

from benchmarks.__main__ import SECTIONS, rewrite_one_section, split_sections

REPORT = """# Benchmarks

Written by `make bench` on 2026-12-02: x86_64. Every figure comes from this one run.

## Data path: one epoch

| model | seconds |
| --- | --- |
| MLP | 2.87 |

## Solution notebooks

| assignment | grading mode (s) |
| --- | --- |
| 01_mlp | 29.2 |

## Goals

| goal | measured | met |
| --- | --- | --- |
| LeNet-5 reaches 30 % of the peak | 16 % | no |
| 01_mlp: the whole notebook in grading mode in under 60 s | 29.2 s | yes |
"""


def test_one_section_is_replaced_and_dated_the_rest_kept(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    output.write_text(REPORT)
    lines = ["## Solution notebooks", "", "| assignment | grading mode (s) |", "| --- | --- |", "| 01_mlp | 16.6 |"]
    rewrite_one_section(output, "notebooks", lines, [("01_mlp: the whole notebook in grading mode in under 60 s",
                                                       "16.6 s", True)])
    text = output.read_text()
    sections = split_sections(text)
    assert "| 01_mlp | 16.6 |" in text and "| 01_mlp | 29.2 |" not in text
    assert "Measured alone by `make bench ONLY=notebooks`" in "\n".join(sections["## Solution notebooks"])
    assert "| MLP | 2.87 |" in "\n".join(sections["## Data path: one epoch"]), "the other sections stay as they were"
    goals = "\n".join(sections["## Goals"])
    assert "| LeNet-5 reaches 30 % of the peak | 16 % | no |" in goals
    assert goals.count("01_mlp: the whole notebook") == 1 and "| 16.6 s | yes |" in goals
    assert list(sections)[-1] == "## Goals", "the goals stay last"
    assert "except in a section that says it was measured alone" in sections[""][2]


def test_a_missing_report_asks_for_a_whole_run_first(tmp_path):
    with pytest.raises(SystemExit, match="run the whole `make bench` once"):
        rewrite_one_section(tmp_path / "none.md", "notebooks", ["## Solution notebooks"], [])


def test_every_section_can_be_measured_alone():
    assert list(SECTIONS) == ["data", "notebooks", "grading", "similarity", "setup"]
