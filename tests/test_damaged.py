"""Every submission gets one clear outcome: damaged, old-format and edited-elsewhere notebooks.

The corpus (``tests/damaged/``, one file per case) and a fuzzer that mutates the structure of an
honest completed notebook (drops, duplicates, moves, retypes cells, garbles or strips their
metadata): each submission gets exactly one row with a reason, no worker dies, and honest content
is never reported as tampering. The fast tests run the reading and recovery in this process; the
batch grades the corpus and a fuzzed sample through ``make autograde``'s workers.
"""

from __future__ import annotations

import copy
import csv
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from course_grader import autograde
from course_grader.answers import rebuild
from course_grader.course import autograded_tests, read_notebook, release_notebook, scratch_course, source_notebook
from course_grader.gradebook import release
from course_grader.intake import AS_SUBMITTED, prepare, read_submission
from course_grader.recovery import cell_id, is_answer
from course_grader.submissions import submit
from course_grader.validation import INTAKE_CHECK_ID, read_for_validation, report_policy_violations

ASSIGNMENT = "01_mlp"
CORPUS = Path(__file__).parent / "damaged"


def load_cases() -> dict[str, ModuleType]:
    """Each case of ``tests/damaged/`` by its file name."""
    cases = {}
    sys.path.insert(0, str(CORPUS))  # the cases import their shared _helpers
    try:
        for path in sorted(CORPUS.glob("[!_]*.py")):
            spec = importlib.util.spec_from_file_location(f"damaged_{path.stem}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            cases[path.stem] = module
    finally:
        sys.path.remove(str(CORPUS))
    return cases


CASES = load_cases()


def completed(root: Path | None = None) -> dict:
    """The release of ``ASSIGNMENT`` with the source's answers in place: an honest, complete notebook."""
    kwargs = {} if root is None else {"root": root}
    released = read_notebook(release_notebook(ASSIGNMENT, **kwargs))
    answers = {cell_id(c): c["source"] for c in read_notebook(source_notebook(ASSIGNMENT, **kwargs))["cells"] if is_answer(c)}
    notebook = copy.deepcopy(released)
    for cell in notebook["cells"]:
        if is_answer(cell):
            cell["source"] = answers[cell_id(cell)]
    return notebook


# --- the fuzzer's mutations: structure only, never the text of a cell -------------------------------------------

MUTATIONS = ("drop", "duplicate", "move", "retype", "strip_metadata", "strip_all_metadata", "garble", "steal_id",
             "source_form", "drop_ids", "minor", "junk_key", "drop_key")
GARBAGE = ("ex4_softmax", None, [], {"grade_id": 5}, {"grade": "yes", "grade_id": "ex4_softmax"}, {})

mutation_lists = st.lists(st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 10**6), st.integers(0, 10**6)),
                          min_size=1, max_size=6)


def mutate(notebook: dict, mutations: list[tuple[str, int, int]]) -> dict:
    """``notebook`` with each ``(kind, a, b)`` applied in turn (``a``, ``b`` pick cells or variants)."""
    nb = copy.deepcopy(notebook)
    cells = nb["cells"]
    for kind, a, b in mutations:
        if not cells:
            break
        i, j = a % len(cells), b % len(cells)
        cell = cells[i]
        if kind == "drop":
            del cells[i]
        elif kind == "duplicate":
            twin = copy.deepcopy(cell)
            twin["id"] = f"twin-{a}-{b}"[:60]
            cells.insert(j, twin)
        elif kind == "move":
            cells.insert(j, cells.pop(i))
        elif kind == "retype":
            cell["cell_type"] = ("code", "markdown", "raw")[b % 3]
        elif kind == "strip_metadata":
            cell["metadata"] = {}
        elif kind == "strip_all_metadata":
            for c in cells:
                c["metadata"] = {}
        elif kind == "garble":
            cell.setdefault("metadata", {})["nbgrader"] = copy.deepcopy(GARBAGE[b % len(GARBAGE)])
        elif kind == "steal_id" and cell_id(cells[j]):
            cell.setdefault("metadata", {})["nbgrader"] = copy.deepcopy(cells[j]["metadata"]["nbgrader"])
        elif kind == "source_form":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = text.splitlines(keepends=True) if b % 2 else text
        elif kind == "drop_ids":
            for c in cells:
                c.pop("id", None)
        elif kind == "minor":
            nb["nbformat_minor"] = b % 6
        elif kind == "junk_key":
            cell["junk"] = b
        elif kind == "drop_key":
            cell.pop(("metadata", "outputs", "execution_count", "id")[b % 4], None)
    return nb


def fuzzed_sample(notebook: dict, count: int) -> list[tuple[list, dict]]:
    """``count`` mutated copies of ``notebook``, drawn by hypothesis (the same ones every run)."""
    found: list[tuple[list, dict]] = []

    @settings(max_examples=count, database=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), deadline=None)
    @given(mutation_lists)
    def draw(mutations):
        found.append((mutations, mutate(notebook, mutations)))

    draw()
    return found[:count]


def outcome_in_process(folder: Path, notebook: dict | bytes, released: dict) -> tuple[str, list]:
    """What grading makes of a submission before any kernel runs: its refusal, or its policy violations."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ASSIGNMENT}.ipynb"
    path.write_bytes(notebook if isinstance(notebook, bytes) else json.dumps(notebook).encode())
    prepared = prepare(folder, ASSIGNMENT, released)
    if prepared.refusal:
        return prepared.refusal, []
    graded = nbformat.read(path, as_version=4)  # as nbgrader reads it: must not raise
    nbformat.validate(graded)
    return "", rebuild(json.loads(path.read_text()), released, ASSIGNMENT).violations


# --- fast: reading and recovery, in this process -------------------------------------------------------------

@pytest.fixture(scope="module")
def honest() -> tuple[dict, dict]:
    return completed(), read_notebook(release_notebook(ASSIGNMENT))


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_damaged_case_is_read_as_stated(case, honest, tmp_path):
    """Refused exactly when the case says so, with its words; otherwise a notebook nbformat reads and the
    code policy has nothing against (the content is honest)."""
    notebook, released = honest
    module = CASES[case]
    folder = tmp_path / "submitted" / "s" / ASSIGNMENT
    folder.mkdir(parents=True)
    module.make(folder / f"{ASSIGNMENT}.ipynb", copy.deepcopy(notebook))
    prepared = prepare(folder, ASSIGNMENT, released)
    if module.STATUS == "not graded":
        assert module.WORDS in prepared.refusal, prepared.refusal
        return
    assert not prepared.refusal, prepared.refusal
    graded = read_notebook(folder / f"{ASSIGNMENT}.ipynb")
    nbformat.validate(nbformat.from_dict(graded))
    assert rebuild(graded, released, ASSIGNMENT).violations == [], "honest content must never be called tampering"
    if module.WORDS != "all tests passed" and "restored" not in module.WORDS and "unanswered" not in module.WORDS:
        assert any(module.WORDS in line for line in prepared.findings()), prepared.findings()


def test_a_repaired_file_is_kept_as_submitted(honest, tmp_path):
    notebook, released = honest
    folder = tmp_path / ASSIGNMENT
    folder.mkdir()
    original = b"\xef\xbb\xbf" + json.dumps(notebook).encode()
    (folder / f"{ASSIGNMENT}.ipynb").write_bytes(original)
    first = prepare(folder, ASSIGNMENT, released)
    assert (folder / f"{ASSIGNMENT}.ipynb{AS_SUBMITTED}").read_bytes() == original
    again = prepare(folder, ASSIGNMENT, released)  # a second run starts again from the student's own file
    assert again.findings() == first.findings() and (folder / f"{ASSIGNMENT}.ipynb{AS_SUBMITTED}").read_bytes() == original


def test_a_clean_submission_is_left_as_it_is(honest, tmp_path):
    notebook, released = honest
    folder = tmp_path / ASSIGNMENT
    folder.mkdir()
    (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(notebook))
    assert prepare(folder, ASSIGNMENT, released).findings() == []
    assert not (folder / f"{ASSIGNMENT}.ipynb{AS_SUBMITTED}").exists()


def test_an_unreadable_file_is_refused_with_the_reason(tmp_path, monkeypatch):
    path = tmp_path / f"{ASSIGNMENT}.ipynb"
    path.write_text("{}")
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    assert read_submission(path).refusal == f"{ASSIGNMENT}.ipynb cannot be read (Permission denied): submit it again"


def test_answers_swapped_between_cells_are_found_by_their_names(honest):
    notebook, released = honest
    from course_grader.recovery import recover
    swapped = copy.deepcopy(notebook)
    a = next(c for c in swapped["cells"] if cell_id(c) == "ex4_softmax")
    b = next(c for c in swapped["cells"] if cell_id(c) == "ex4_cross_entropy")
    a["metadata"]["nbgrader"], b["metadata"]["nbgrader"] = b["metadata"]["nbgrader"], a["metadata"]["nbgrader"]
    cells = {cell_id(c): c["source"] for c in recover(swapped, released).notebook["cells"]}
    answers = {cell_id(c): c["source"] for c in notebook["cells"]}
    assert cells["ex4_softmax"] == answers["ex4_softmax"] and cells["ex4_cross_entropy"] == answers["ex4_cross_entropy"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None)
@given(mutations=mutation_lists)
def test_fuzzed_structures_are_read_or_refused_never_suspected(honest, tmp_path_factory, mutations):
    """Any structural damage to an honest notebook: a refusal with a reason, or a notebook nbgrader reads
    whose content the code policy does not call tampering. Never an exception."""
    notebook, released = honest
    refusal, violations = outcome_in_process(tmp_path_factory.mktemp("fuzz") / ASSIGNMENT, mutate(notebook, mutations),
                                             released)
    assert refusal or violations == [], [v.message() for v in violations]


def test_validate_reads_as_grading_does_and_says_what_to_do(honest, tmp_path):
    """A copied answer cell: Validate's reader resolves it as grading will, and the hook shows a failing check
    that names the cells and says what to do (instead of nbgrader's 'Duplicate grade id' traceback)."""
    notebook, _ = honest
    path = tmp_path / f"{ASSIGNMENT}.ipynb"
    CASES["duplicated_answer"].make(path, copy.deepcopy(notebook))
    node = read_for_validation(path, course=Path(__file__).resolve().parents[1])
    ids = [cell_id(c) for c in node.cells if cell_id(c)]
    assert len(ids) == len(set(ids)), "the copy must lose its id"
    assert all(isinstance(c.source, str) for c in node.cells), "nbgrader's validator reads sources as strings"
    report_policy_violations(node)
    check = node.cells[0]
    assert cell_id(check) == INTAKE_CHECK_ID and "ex4_softmax" in check.source and "the first one is" in check.source


# --- the batch: the corpus and a fuzzed sample through make autograde's workers ---------------------------------

FUZZED = 6


@pytest.fixture(scope="module")
def damaged_batch(tmp_path_factory):
    course = scratch_course(tmp_path_factory.mktemp("damaged") / "course")
    release(course, ASSIGNMENT)
    notebook = completed(course)
    submit(course, "honest", ASSIGNMENT, notebook)
    for name, module in CASES.items():
        folder = course / "submitted" / name / ASSIGNMENT
        folder.mkdir(parents=True)
        module.make(folder / f"{ASSIGNMENT}.ipynb", copy.deepcopy(notebook))
    fuzzed = {f"fuzzed-{n:02d}": sample for n, sample in enumerate(fuzzed_sample(notebook, FUZZED))}
    for student, (_, damaged) in fuzzed.items():
        submit(course, student, ASSIGNMENT, damaged)
    submit(course, "internal-error", ASSIGNMENT, notebook)
    original = autograde.check_submission

    def failing(course_, student, assignment, released=None):
        if student == "internal-error":
            raise RuntimeError("a bug in the grader, simulated")
        return original(course_, student, assignment, released)

    autograde.check_submission = failing
    try:
        outcomes = {o.student: o for o in autograde.grade_parallel(course, ASSIGNMENT, jobs=2, log=lambda _: None)}
    finally:
        autograde.check_submission = original
    return course, outcomes, fuzzed, sum(autograded_tests(notebook).values())


@pytest.mark.notebook
def test_every_submission_has_exactly_one_row_with_a_reason(damaged_batch):
    course, outcomes, fuzzed, _ = damaged_batch
    with (course / autograde.REPORT_NAME).open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    students = sorted(p.parent.name for p in (course / "submitted").glob(f"*/{ASSIGNMENT}"))
    assert sorted(r["student"] for r in rows) == students, "one row per submission, no more, no less"
    assert all(r["reason"].strip() and r["status"] in autograde.STATUSES for r in rows)
    assert "grading worker exited" not in (course / autograde.LOG_NAME).read_text()


@pytest.mark.notebook
@pytest.mark.parametrize("case", sorted(CASES))
def test_damaged_case_outcome(damaged_batch, case):
    _, outcomes, _, full = damaged_batch
    module, outcome = CASES[case], outcomes[case]
    assert outcome.status == module.STATUS, outcome
    assert module.WORDS.format(a=ASSIGNMENT) in outcome.reason, outcome
    expected = {"full": outcome.score == pytest.approx(full), "none": outcome.score == 0,
                "partial": 0 < outcome.score < full}[module.MARKS]
    assert expected, f"{case}: expected {module.MARKS} marks of {full}, got {outcome.score}: {outcome.reason}"


@pytest.mark.notebook
def test_fuzzed_honest_notebooks_are_never_suspected(damaged_batch):
    _, outcomes, fuzzed, _ = damaged_batch
    assert len(fuzzed) == FUZZED
    suspected = {s: (fuzzed[s][0], outcomes[s].reason) for s in fuzzed if outcomes[s].status == "tampering suspected"}
    assert not suspected, suspected


@pytest.mark.notebook
def test_an_internal_error_is_one_row_and_the_batch_goes_on(damaged_batch, capsys):
    course, outcomes, _, full = damaged_batch
    failed = outcomes["internal-error"]
    assert failed.status == "not graded" and failed.reason.startswith("internal error: RuntimeError: a bug in the grader")
    assert "RuntimeError" in (course / autograde.LOG_NAME).read_text(), "the traceback goes to autograde.log"
    assert outcomes["honest"].score == pytest.approx(full) and outcomes["honest"].status == "graded"
    # make autograde's summary and exit code: something was not graded (the refused cases), so 1.
    assert autograde.main([ASSIGNMENT, "--course", str(course), "--resume", "--jobs", "2"]) == 1
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert "not graded" in summary and "graded" in summary, summary


def test_make_recover_writes_a_repaired_copy_and_keeps_the_original(honest, tmp_path, capsys):
    """make recover NB=...: the answers of a notebook that lost its metadata get their ids back, in a new file."""
    from course_grader.intake import main as recover_main
    notebook, _ = honest
    path = tmp_path / f"{ASSIGNMENT}.ipynb"
    CASES["lost_metadata"].make(path, copy.deepcopy(notebook))
    before = path.read_bytes()
    assert recover_main([str(path)]) == 0
    assert path.read_bytes() == before
    recovered = read_notebook(tmp_path / f"{ASSIGNMENT}.recovered.ipynb")
    answers = {cell_id(c): c["source"] for c in recovered["cells"] if is_answer(c)}
    assert answers == {cell_id(c): c["source"] for c in notebook["cells"] if is_answer(c)}
    count = len(answers)
    assert f"{count} of {count} answers were found" in capsys.readouterr().out
