"""``make similarity``: planted copies rank above every independent pair, releases match nothing.

The class is built afresh from the course's material when the test runs
(``benchmarks.similarity.synthetic_class``): the source's answers, the alternatives and known
mistakes of ``tests/submissions/<id>/``, mixed per student, each student with their own hand.
"""

from __future__ import annotations

import csv
import json

import pytest

from benchmarks.similarity import disguise, synthetic_class
from course_grader.course import assignments, read_notebook, release_notebook
from course_grader.similarity import DEFAULT_THRESHOLD, compare, main, notebook_names, tokens
from course_grader.submissions import submit

CLASS_SIZE = 30


def _ranking(assignment: str, seed: int):
    planted = synthetic_class(assignment, CLASS_SIZE, seed=seed)
    comparison = compare(planted.notebooks, read_notebook(release_notebook(assignment)))
    copies = {frozenset(pair[:2]): pair[2] for pair in planted.pairs}
    released = set(planted.releases)
    independent = [p for p in comparison.pairs if frozenset((p.first, p.second)) not in copies
                   and not {p.first, p.second} & released]
    return planted, comparison, copies, independent


@pytest.mark.parametrize("assignment", assignments())
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_planted_pairs_rank_above_every_independent_pair(assignment: str, seed: int) -> None:
    planted, comparison, copies, independent = _ranking(assignment, seed)
    scores = {frozenset((p.first, p.second)): p for p in comparison.pairs}
    best_independent = independent[0]
    for pair, how in copies.items():
        score = scores[pair].score
        assert score > best_independent.score, (
            f"{assignment} seed {seed}: planted pair {sorted(pair)} ({how}): expected a score above every independent "
            f"pair, got {score:.4f} <= {best_independent.score:.4f} ({best_independent.first} & "
            f"{best_independent.second}: {best_independent.exercises}). Hint: did the normalization stop "
            "ignoring renamed names, or does shared class-wide content weigh too much?")
        assert score >= DEFAULT_THRESHOLD or "one exercise" in how, (
            f"{assignment} seed {seed}: planted pair {sorted(pair)} ({how}): expected at least the report's "
            f"threshold {DEFAULT_THRESHOLD}, got {score:.4f}. Hint: how much does a rare shared fingerprint weigh?")
    top = {frozenset((p.first, p.second)) for p in comparison.pairs[:len(copies)]}
    assert top == set(copies), f"{assignment}: expected the planted pairs on top, got {top}"


@pytest.mark.parametrize("assignment", assignments())
def test_untouched_releases_match_nobody(assignment: str) -> None:
    planted, comparison, _, _ = _ranking(assignment, 0)
    released = set(planted.releases)
    found = [(p.first, p.second, p.score) for p in comparison.pairs if {p.first, p.second} & released and p.score > 0]
    assert not found, (f"{assignment}: untouched releases: expected score 0 with everyone, got {found[:3]}. "
                       "Hint: is the release's own text still removed as boilerplate?")


def test_renaming_reordering_and_comments_change_no_token() -> None:
    release = read_notebook(release_notebook("01_mlp"))
    kept = notebook_names(release)
    code = ("def sigmoid(x):\n    \"\"\"Doc.\"\"\"\n    z = torch.exp(-x)  # stable?\n    return 1 / (1 + z)\n\n\n"
            "def relu(x):\n    return torch.clamp(x, min=0)\n")
    disguised = disguise(code, kept, "my")
    assert "my_z" in disguised and disguised.index("def relu") < disguised.index("def sigmoid"), (
        f"disguise: expected renamed names and reversed functions, got {disguised!r}")
    ours, theirs = (sorted(part.strip() for part in " ".join(t.text for t in tokens(text, "code", kept)).split("def"))
                    for text in (code, disguised))
    assert ours == theirs, f"normalized functions: expected the same, got {ours} and {theirs}. Hint: a name kept?"


def test_a_short_answer_everyone_writes_alike_flags_nobody() -> None:
    release = read_notebook(release_notebook("01_mlp"))
    notebooks = {}
    for number in range(6):
        notebook = json.loads(json.dumps(release))
        for cell in notebook["cells"]:
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "ex5_warmup":
                cell["source"] = "# Which formula?\nWARMUP_ANSWER = 2\n"
        notebooks[f"s{number}"] = notebook
    result = compare(notebooks, release)
    assert max(p.score for p in result.pairs) == 0, (
        f"one-line answer written alike by all: expected score 0 for every pair, got {result.pairs[0]}")


def test_make_similarity_writes_the_report(tmp_path) -> None:
    planted = synthetic_class("01_mlp", 12, seed=3)
    course = tmp_path / "course"
    (course / "solutions" / "01_mlp").mkdir(parents=True)
    (course / "solutions" / "01_mlp" / "01_mlp.ipynb").write_text("{}")
    (course / "notebooks" / "01_mlp").mkdir(parents=True)
    (course / "notebooks" / "01_mlp" / "01_mlp.ipynb").write_text(release_notebook("01_mlp").read_text())
    for student, notebook in planted.notebooks.items():
        submit(course, student, "01_mlp", notebook)
    assert main(["01_mlp", "--course", str(course), "--threshold", "0.01"]) == 0
    rows = list(csv.DictReader((course / "similarity" / "01_mlp.csv").open()))
    assert {rows[0]["student_a"], rows[0]["student_b"]} in [set(p[:2]) for p in planted.pairs], (
        f"report: expected a planted pair first, got {rows[:2]}")
    page = (course / "similarity" / "01_mlp.html").read_text()
    for expected in ("not proof", "<mark>", "What a score means", rows[0]["student_a"]):
        assert expected in page, f"similarity/01_mlp.html: expected {expected!r} in the page. Hint: see report()"


def test_bad_input_says_what_to_do(tmp_path, capsys) -> None:
    assert main(["01_mlp", "--course", str(tmp_path)]) == 2
    assert "unknown assignment" in capsys.readouterr().err
    (tmp_path / "solutions" / "01_mlp").mkdir(parents=True)
    (tmp_path / "solutions" / "01_mlp" / "01_mlp.ipynb").write_text("{}")
    assert main(["01_mlp", "--course", str(tmp_path)]) == 2
    assert "make collect" in capsys.readouterr().err
