"""Every figure the notebooks' text quotes (times, accuracies, losses, ratios) is one that `make bench`
measured, or the text gives a range: a student who runs the notebook here sees the numbers it
announces. What counts as a figure and as backing: benchmarks/figures.py."""

from __future__ import annotations

import pytest

from benchmarks.figures import quoted_figures, unbacked
from benchmarks.notebooks import printed_path
from course_grader.course import REPO_ROOT, assignments, read_notebook, source_notebook

ASSIGNMENTS = assignments()


def _markdown_cells(assignment: str) -> list[tuple[int, str]]:
    notebook = read_notebook(source_notebook(assignment))
    return [(index, "".join(cell["source"])) for index, cell in enumerate(notebook["cells"])
            if cell["cell_type"] == "markdown"]


def _code(assignment: str) -> str:
    notebook = read_notebook(source_notebook(assignment))
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_figure_in_the_text_was_measured_by_make_bench(assignment):
    record = printed_path(assignment)
    assert record.is_file(), (f"{record.relative_to(REPO_ROOT)} is missing: run `make bench ONLY=notebooks` "
                              "(it executes the solutions in full mode and keeps what they print), then commit it.")
    printed = record.read_text() + (REPO_ROOT / "BENCHMARKS.md").read_text()
    code = _code(assignment)
    cells = _markdown_cells(assignment)
    found = [f"cell {index}: {figure.text!r} in '...{figure.context}...'"
             for position, (index, markdown) in enumerate(cells)
             for figure in unbacked(markdown, printed=printed, code=code, plan=position == 0)]
    quoted = sum(len(quoted_figures(markdown, plan=position == 0)) for position, (_, markdown) in enumerate(cells))
    assert not found, (
        f"{assignment}: {len(found)} of the {quoted} figures its text quotes were not printed by the full-mode "
        f"run in {record.relative_to(REPO_ROOT)} (nor are they in BENCHMARKS.md, a setting of the code, or a range):\n  "
        + "\n  ".join(found)
        + "\nQuote the figure that run printed, give a range (88-89 %), or re-run `make bench ONLY=notebooks` "
        "after changing the notebook's code.")


def test_a_figure_nobody_measured_is_caught():
    run = "epoch 3: val accuracy 0.8813\ntraining time 58.1 s\ntest accuracy: 89.76%\n"
    text = "After 58 s the model reaches 89.8 % test accuracy (val 0.881); a bigger one reaches 93.4 % in 12 minutes."
    assert [figure.text for figure in unbacked(text, printed=run, code="")] == ["93.4 %", "12 minutes"]


def test_ranges_bounds_settings_and_facts_need_no_run():
    text = ("Expect 88-89 %, 1 to 8 minutes, between 2 and 3 s, under 40 % at 4 pixels, at least 89 %, chance is 10 %; "
            "lr 0.03 and dropout 0.25 are settings; the formula $0.5 x^2$ and `0.125` are not prose.")
    assert unbacked(text, printed="", code="lr = 0.03\np = 0.25\n") == []


def test_a_figure_matches_at_the_precision_it_is_quoted():
    run = "accuracy 0.8976\ntook 1,505 s\nloss 2.3026\n"
    assert unbacked("It scores 90 % and 89.8 %, loss 2.30, in 25 minutes.", printed=run, code="") == []
    assert [f.text for f in unbacked("It scores 89.7 %, loss 2.31.", printed=run, code="")] == ["89.7 %", "2.31"]
    assert [f.text for f in unbacked("about 90 % and 91.5 %", printed=run, code="")] == ["91.5 %"], \
        "two figures joined by 'and' are not a range"
    assert unbacked("about 89.7 %", printed=run, code="") == [], "an approximate figure may be one unit off"


def test_the_introductions_plan_holds_study_times_not_measurements():
    plan = "| part | time |\n| --- | --- |\n| 1. the model | about 60 min |\n\nAbout 3 hours 40 minutes of work.\n"
    assert unbacked(plan, printed="", code="", plan=True) == []
    assert [f.text for f in unbacked(plan, printed="", code="", plan=False)] == ["60 min"]


def test_a_figure_of_one_split_is_not_backed_by_another():
    run = "epoch 13: train loss 0.16 acc 0.94 | val loss 0.29 acc 0.9008\ntest accuracy 89.76%\n"
    assert [f.text for f in unbacked("It reaches 90.08 % test accuracy.", printed=run, code="")] == ["90.08 %"]
    assert unbacked("Its validation accuracy reaches 90.08 %, its test accuracy 89.76 %.", printed=run, code="") == []
