"""Marks that cannot be faked: the tampering corpus (tests/tampering/) through `make autograde`.

Each attempt must earn no point beyond its honest work, be reported as `tampering suspected`
naming the right cell, and leave no hidden test code in its feedback. Honest students, one with
scratch cells of the kind students add (a re-trained `model`, `import os`, a `%time` magic),
must not be flagged. One batch, graded as `make autograde` grades (workers, sandboxed kernels).
"""

from __future__ import annotations

import re
import subprocess

import pytest

from course_grader.autograde import grade_parallel
from course_grader.course import REPO_ROOT, autograded_tests, read_notebook, release_notebook, scratch_course, source_notebook
from course_grader.gradebook import nbgrader, release
from course_grader.selftest import hidden_code_in_feedback
from course_grader.submissions import Tampering, apply_tampering, load_tampering, submit

pytestmark = pytest.mark.notebook
ASSIGNMENT = "01_mlp"
SCRATCH = Tampering("honest-scratch", "", "", "source", {}, {}, {
    "ex1_vanilla_mlp": "import os\nprint(os.getcwd())\nvanilla = VanillaMLP()\nmodel = vanilla",
    "ex4_softmax": "%time softmax(torch.randn(3, 4))",
    "ex10_early_stopping": "x_train = x_train[:10]\nprint(len(x_train))",
}, "")


def honest_points(notebook: dict, first_changed: int) -> float:
    """Points of the test cells before ``first_changed``: the work done before the tampering."""
    before = {"cells": notebook["cells"][:first_changed]}
    return sum(autograded_tests(before).values())


@pytest.fixture(scope="module")
def tampering_batch(tmp_path_factory):
    course = scratch_course(tmp_path_factory.mktemp("tampering") / "course")
    release(course, ASSIGNMENT)
    bases = {"release": read_notebook(release_notebook(ASSIGNMENT, course)),
             "source": read_notebook(source_notebook(ASSIGNMENT, course))}
    attempts = load_tampering(ASSIGNMENT)
    expected = {}
    for attempt in attempts:
        notebook, first = apply_tampering(bases[attempt.base], attempt)
        submit(course, attempt.name, ASSIGNMENT, notebook)
        expected[attempt.name] = honest_points(notebook, first) if attempt.base == "source" else 0.0
    submit(course, "honest-source", ASSIGNMENT, bases["source"])
    notebook, _ = apply_tampering(bases["source"], SCRATCH)
    submit(course, SCRATCH.name, ASSIGNMENT, notebook)
    outcomes = {o.student: o for o in grade_parallel(course, ASSIGNMENT, jobs=2, log=lambda _: None)}
    result = nbgrader(course, "generate_feedback", ASSIGNMENT, "--force")
    assert result.returncode == 0, result.stderr[-2000:]
    return course, attempts, expected, outcomes


def test_the_corpus_covers_the_classes_of_attack():
    attempts = load_tampering(ASSIGNMENT)
    assert len(attempts) >= 12
    assert len({a.kind for a in attempts}) >= 12, "one class of attack per file, at least twelve classes"


@pytest.mark.parametrize("attempt", [a.name for a in load_tampering(ASSIGNMENT)])
def test_tampering_earns_nothing_and_is_reported(tampering_batch, attempt):
    course, attempts, expected, outcomes = tampering_batch
    outcome = outcomes[attempt]
    flagged = next(a for a in attempts if a.name == attempt).flagged
    assert outcome.status == "tampering suspected", outcome
    assert flagged in outcome.reason.split(";")[0], f"the report should name {flagged!r} first: {outcome.reason}"
    assert outcome.score == pytest.approx(expected[attempt]), \
        f"{attempt}: {outcome.score} points, its honest work is worth {expected[attempt]}"
    assert not hidden_code_in_feedback(course, ASSIGNMENT, attempt)


def test_honest_students_are_never_flagged(tampering_batch):
    course, _, _, outcomes = tampering_batch
    full = sum(autograded_tests(read_notebook(source_notebook(ASSIGNMENT, course))).values())
    for student in ("honest-source", "honest-scratch"):
        assert outcomes[student].status == "graded", outcomes[student]
        assert outcomes[student].score == pytest.approx(full), outcomes[student]
    assert "note: 3 cells the student added were not run" in outcomes["honest-scratch"].reason


def test_the_graded_notebook_shows_the_violation(tampering_batch):
    """The instructor sees it in the formgrader (the graded notebook), the student in the feedback."""
    course, _, _, _ = tampering_batch
    graded = read_notebook(course / "autograded" / "rebind_checks" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    assert "Tampering suspected" in "".join(graded["cells"][0]["source"])
    answer = next(c for c in graded["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_vanilla_mlp")
    assert answer["outputs"][0]["ename"] == "CodePolicyViolation"
    assert "cell ex1_vanilla_mlp, line 1" in answer["outputs"][0]["evalue"]
    feedback = (course / "feedback" / "rebind_checks" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "Tampering suspected" in feedback and "rule: rebinding" in feedback


def test_validate_shows_the_violation_before_submission(tmp_path):
    """`make validate` (nbgrader validate, the same as the toolbar's button) names cell, line, rule, advice."""
    attempt = next(a for a in load_tampering(ASSIGNMENT) if a.name == "input_transformer")
    notebook, _ = apply_tampering(read_notebook(release_notebook(ASSIGNMENT)), attempt)
    path = submit(tmp_path, "student", ASSIGNMENT, notebook)
    result = subprocess.run(["make", "-s", "validate", f"NB={path}"], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    text = re.sub(r"\s+", " ", result.stdout)
    assert "CodePolicyViolation" in text and "VALIDATION FAILED" in text
    assert "Code policy: cell ex1_vanilla_mlp, line 3: get_ipython is not allowed (rule: machinery)." in text, text[-3000:]
    assert "What to do:" in text
