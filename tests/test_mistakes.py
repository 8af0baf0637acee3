"""Known-mistake files: whole answer cells (CELLS) or one-line edits (EDITS) of the source."""

from __future__ import annotations

import pytest

from course_grader.course import assignments, read_notebook, source_notebook
from course_grader.submissions import Mistake, apply_mistake, load_mistakes


def _answer(notebook: dict, grade_id: str) -> str:
    cell = next(c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)
    return "".join(cell["source"])


@pytest.mark.parametrize("assignment", assignments())
def test_every_mistake_changes_the_answers_it_names(assignment):
    source = read_notebook(source_notebook(assignment))
    for mistake in load_mistakes(assignment):
        wrong = apply_mistake(source, mistake)
        for grade_id in {*mistake.cells, *mistake.edits}:
            assert _answer(wrong, grade_id) != _answer(source, grade_id), f"{mistake.name} leaves {grade_id} as it was"


def test_an_edit_must_match_exactly_one_place():
    source = read_notebook(source_notebook("03_rnn_sentiment"))
    missing = Mistake("typo", "", frozenset(), {}, {"ex3_classifier": [("no such line", "x")]})
    with pytest.raises(KeyError, match="occurs 0 times"):
        apply_mistake(source, missing)
    unknown_cell = Mistake("typo", "", frozenset(), {}, {"no_such_cell": [("a", "b")]})
    with pytest.raises(KeyError, match="no answer cell"):
        apply_mistake(source, unknown_cell)
