"""The student versions are up to date and leak nothing; the sources follow the authoring guide."""

from __future__ import annotations

import ast
import json
import re

import pytest
from ipykernel.ipkernel import IPythonKernel

from course_grader.course import (REPO_ROOT, assignments, autograded_tests, grade_cells, read_notebook,
                                  release_notebook, scratch_course, source_notebook)
from course_grader.gradebook import release

ASSIGNMENTS = assignments()
MIN_TESTS = {"01_mlp": 12, "02_lenet": 10, "03_rnn_sentiment": 10}
LEAKS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """A scratch copy of the course with every student version generated afresh."""
    course = scratch_course(tmp_path_factory.mktemp("release") / "course")
    for assignment in ASSIGNMENTS:
        release(course, assignment)
    return course


def _without_python_version(text: str) -> str:
    """The notebook's text with its language_info.version left out: the release records the Python
    of the machine that ran `make release`, which may be another 3.11 than this one's."""
    notebook = json.loads(text)
    notebook["metadata"].get("language_info", {}).pop("version", None)
    return json.dumps(notebook, indent=1, sort_keys=True)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_committed_student_version_is_up_to_date(regenerated, assignment):
    fresh = release_notebook(assignment, regenerated).read_text()
    committed = release_notebook(assignment).read_text()
    assert _without_python_version(fresh) == _without_python_version(committed), (
        f"notebooks/{assignment} is stale: run `make release` and commit notebooks/")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_opening_the_student_version_changes_nothing(assignment):
    """JupyterLab writes the kernel's language_info into a notebook once its kernel is ready; a
    release with less (nbgrader copies {"name": "python"} from the source) is marked modified
    before the student did anything, and closing it asks to save."""
    found = read_notebook(release_notebook(assignment))["metadata"].get("language_info", {})
    expected = {key: value for key, value in IPythonKernel.language_info.items() if key != "version"}
    got = {key: value for key, value in found.items() if key != "version"}
    assert got == expected, (f"notebooks/{assignment}: language_info expected {expected}, got {got}. "
                             "Hint: is CompleteLanguageInfo among GenerateAssignment's preprocessors? Run `make release`.")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_student_version_leaks_nothing(assignment):
    notebook = read_notebook(release_notebook(assignment))
    for index, cell in enumerate(notebook["cells"]):
        source = "".join(cell["source"])
        for marker in LEAKS:
            assert marker not in source, f"{assignment} cell {index}: '{marker}' left in the student version"
        assert not cell.get("outputs"), f"{assignment} cell {index}: the student version carries outputs"
        assert "instructor-only" not in cell.get("metadata", {}).get("tags", []), f"cell {index} is instructor-only"
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell["cell_type"] == "code":
            assert "raise NotImplementedError" in source, f"{assignment} answer {meta['grade_id']} has no stub"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_follows_the_authoring_guide(assignment):
    notebook = read_notebook(source_notebook(assignment))
    assert notebook["metadata"]["kernelspec"]["name"] == "tensorflow2"
    tests = autograded_tests(notebook)
    assert len(tests) >= MIN_TESTS.get(assignment, 1), f"{assignment}: only {len(tests)} autograded test cells"
    ids = [c["metadata"]["nbgrader"]["grade_id"] for c in notebook["cells"] if "nbgrader" in c.get("metadata", {})]
    assert len(ids) == len(set(ids)), f"{assignment}: duplicate grade_ids"
    assert any("instructor-only" in c.get("metadata", {}).get("tags", []) for c in notebook["cells"]), \
        f"{assignment}: no instructor-only cell listing the common mistakes"
    for cell in notebook["cells"]:
        assert not cell.get("outputs"), f"{assignment}: commit the source without outputs"
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = "".join(cell["source"])
        if meta.get("grade_id") in tests:
            assert re.match(r'\s*"""[^\n]+"""', source), f"{meta['grade_id']}: a test cell opens with a one-line docstring"
            assert meta.get("points", 0) > 0
    for grade_id, meta in grade_cells(notebook).items():
        assert re.fullmatch(r"(test_)?(ex|q)\d+[a-z]?_\w+", grade_id), f"grade_id {grade_id!r} breaks the naming rule"


def test_assignments_are_the_three_of_the_course():
    assert set(ASSIGNMENTS) <= {"01_mlp", "02_lenet", "03_rnn_sentiment"}, ASSIGNMENTS
    assert (REPO_ROOT / "notebooks").is_dir()


REMOVED_REGIONS = [("### BEGIN SOLUTION", "### END SOLUTION"), ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"),
                   ("=== BEGIN MARK SCHEME ===", "=== END MARK SCHEME ===")]


def _shown_to_students(source: str) -> list[str]:
    """Lines of a source cell that a student must see: everything outside solution, hidden-test and
    mark-scheme regions. An answer cell without solution markers loses all its text at release
    (nbgrader replaces it whole), so all of it counts: the authoring guide asks for the markers
    around every model answer, and a question written in such a cell would be lost."""
    kept, inside = [], None
    for line in source.splitlines():
        starts = [end for begin, end in REMOVED_REGIONS if begin in line]
        if inside is None and starts:
            inside = starts[0]
        elif inside is not None and inside in line:
            inside = None
        elif inside is None and line.strip():
            kept.append(" ".join(line.split()))
    return kept


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_keeps_every_instruction(regenerated, assignment):
    """Every line the source shows a student survives `make release`; only solutions, hidden tests,
    mark schemes and instructor-only cells go."""
    source = read_notebook(source_notebook(assignment))
    released = read_notebook(release_notebook(assignment, regenerated))
    text = " ".join(" ".join("".join(c["source"]).split()) for c in released["cells"])
    lost = []
    for cell in source["cells"]:
        if "instructor-only" in cell.get("metadata", {}).get("tags", []):
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        for line in _shown_to_students("".join(cell["source"])):
            if line not in text:
                lost.append(f"{meta.get('grade_id', cell.get('id'))}: {line[:80]}")
    assert not lost, f"{assignment}: the release loses {len(lost)} lines of instructions, e.g. {lost[:3]}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_tests_keep_their_names_to_themselves(assignment):
    """A test cell binds only names of its own (a leading `_`): a name it left behind could answer for
    another exercise (03's `vocab` once gave test_ex1_splits_hidden 2 points for nothing)."""
    from course_grader.policy import parse, top_level_bindings

    leaking = {}
    for grade_id, meta in grade_cells(read_notebook(source_notebook(assignment))).items():
        if meta.get("solution") or meta["cell_type"] != "code":
            continue
        cell = next(c for c in read_notebook(source_notebook(assignment))["cells"]
                    if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)
        names = {n for n, _ in top_level_bindings(parse("".join(cell["source"]))) if not n.startswith("_")}
        if names:
            leaking[grade_id] = sorted(names)
    assert not leaking, f"{assignment}: test cells bind names other cells could read: {leaking}"


def _closing_call(source: str) -> ast.Call | None:
    """The call a cell's code ends with (its last top-level statement), or None."""
    body = ast.parse(source).body
    last = body[-1] if body else None
    return last.value if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) else None


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_passing_test_cell_says_so_with_its_points(assignment):
    """Every test cell ends with `passed("<what>", <its points>)`, `hidden=True` where it has hidden
    tests: a student can tell a pass from a cell that did not run, and the line shows the real
    points. Ending in that call also means the release's cells display no stray value (01's ex8
    test once ended in `he_normal_(...)`, which printed a whole tensor)."""
    notebook = read_notebook(source_notebook(assignment))
    wrong = []
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not meta.get("grade") or meta.get("solution") or cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        has_hidden = "### BEGIN HIDDEN TESTS" in source
        call = _closing_call(source)
        released = _closing_call(source.split("### BEGIN HIDDEN TESTS")[0]
                                 + source.split("### END HIDDEN TESTS")[-1]) if has_hidden else call
        if call is None or not (isinstance(call.func, ast.Name) and call.func.id == "passed"):
            wrong.append(f"{meta['grade_id']}: does not end with passed(...)")
            continue
        points = ast.literal_eval(call.args[1]) if len(call.args) > 1 else None
        hidden = {k.arg: ast.literal_eval(k.value) for k in call.keywords}.get("hidden", False)
        if points != meta["points"]:
            wrong.append(f"{meta['grade_id']}: passed(...) says {points} points, the cell is worth {meta['points']}")
        if hidden != has_hidden:
            wrong.append(f"{meta['grade_id']}: hidden={hidden}, but the cell {'has' if has_hidden else 'has no'} hidden tests")
        if released is not call and ast.dump(released) != ast.dump(call):
            wrong.append(f"{meta['grade_id']}: passed(...) must come after ### END HIDDEN TESTS")
    assert not wrong, f"{assignment}: {wrong}"


METADATA_DAMAGE = {
    "points not a number": lambda meta: meta.__setitem__("points", "two"),
    "grade not a bool": lambda meta: meta.__setitem__("grade", "yes"),
    "locked missing": lambda meta: meta.pop("locked"),
    "empty grade id": lambda meta: meta.__setitem__("grade_id", ""),
    "unknown key": lambda meta: meta.__setitem__("note", 1),
    "older schema": lambda meta: meta.__setitem__("schema_version", 2),
    "newer schema": lambda meta: meta.__setitem__("schema_version", 4),
    "undamaged": lambda meta: None,
}


@pytest.mark.parametrize("damage", METADATA_DAMAGE)
def test_metadata_check_says_what_nbgrader_says(damage):
    """The course's CheckCellMetadata (schema compiled once) accepts and refuses exactly what nbgrader's does."""
    import copy

    from nbformat import from_dict
    from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheck

    from course_grader.preprocessors import CheckCellMetadata

    notebook = from_dict(read_notebook(source_notebook(ASSIGNMENTS[0])))
    graded = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]
    METADATA_DAMAGE[damage](graded[-1].metadata.nbgrader)
    verdicts = []
    for check in (NbgraderCheck(), CheckCellMetadata()):
        try:
            check.preprocess(copy.deepcopy(notebook), {})
            verdicts.append("accepted")
        except Exception as error:  # noqa: BLE001 (the verdict is the error itself)
            verdicts.append(f"{type(error).__name__}: {error}")
    assert verdicts[0] == verdicts[1], verdicts
    assert (verdicts[0] == "accepted") == (damage == "undamaged"), verdicts
