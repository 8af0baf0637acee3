"""The kernel's guard, tested on its own: tampering that the code policy would have refused is run
here directly (no policy), and each test cell after it must still fail as the instructor wrote it.

One grading kernel (course_grader/kernel.py: the sandboxed GuardedKernel) runs a notebook through
the grading executor (course_grader/executor.py): an instructor cell, then for each attack an
answer cell that installs it and a test cell that must fail (`check_close` of two different
tensors). A last honest test must pass with the kernel's proof that it ran to its end.
"""

from __future__ import annotations

import atexit
import subprocess
import sys

import nbformat
import pytest

from course_grader.executor import GuardedExecute
from course_grader.kernel import GradingKernelManager

pytestmark = pytest.mark.notebook

SETUP = "import torch\nfrom course_utils.checks import check_close, check_shape"
# A test that compares with a library reference (nn.Identity, as a test compares with nn.RNNCell).
FAILING_TEST = ('"""must fail"""\ncheck_close("x", torch.nn.Identity()(torch.zeros(2)), torch.ones(2), hint="the guard")'
                '\nprint("PASSED")')
ATTACKS = {
    "input transformer": ("get_ipython().input_transformers_cleanup.append("
                          "lambda lines: [] if lines and lines[0].startswith('\"\"\"') else lines)"),
    "AST transformer": ("import ast\nclass Empty(ast.NodeTransformer):\n    def visit_Module(self, node):\n"
                        "        node.body = []\n        return node\nget_ipython().ast_transformers.append(Empty())"),
    "custom exception handler": "get_ipython().set_custom_exc((Exception,), lambda *a, **k: None)",
    "showtraceback": "ip = get_ipython()\nip.showtraceback = lambda *a, **k: None\nip._showtraceback = lambda *a, **k: None",
    "rebound check": "check_close = lambda *a, **k: None",
    "patched torch": "torch.allclose = lambda *a, **k: True\ntorch.isfinite = lambda t: torch.ones_like(t, dtype=torch.bool)",
    "patched check module": "import sys\nsys.modules['course_utils.checks'].check_close = lambda *a, **k: None\n"
                            "from course_utils.checks import check_close",
    "patched Tensor": "torch.Tensor.double = lambda self: torch.zeros(2, dtype=torch.float64)",
    "trace hook": ("import sys\ndef tracer(frame, event, arg):\n    if event == 'line' and 'must fail' in "
                   "str(frame.f_code.co_consts):\n        raise SystemExit\n    return tracer\nsys.settrace(tracer)"),
    "pre-run hook": ("get_ipython().events.register('pre_run_cell', lambda info: "
                     "get_ipython().input_transformers_post.append(lambda lines: ['pass\\n']))"),
    "patched builtins": "import builtins\nbuiltins.AssertionError = type('Quiet', (Warning,), {})",
    "patched library class through an alias": ("reference = torch.nn.Identity\n"
                                                "reference.forward = lambda self, x: torch.ones(2)"),
    "global module hook": ("from torch.nn.modules import module\n"
                           "module.register_module_forward_hook(lambda layer, inputs, output: torch.ones(2))"),
    "default dtype changed": "torch.set_default_dtype(torch.float64)",
    "grad mode changed": "torch.set_grad_enabled(False)",
    "rewritten run_cell": ("import types\nshell = get_ipython()\noriginal = shell.run_cell\n"
                           "shell.run_cell = lambda raw, *a, **k: original('pass', *a, **k)"),
}


def _cell(source: str, kind: str, grade_id: str) -> nbformat.NotebookNode:
    meta = {"answer": {"solution": True, "grade": False}, "test": {"grade": True, "solution": False, "points": 1},
            "instructor": {"grade": False, "solution": False, "locked": True}}[kind]
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": {**meta, "grade_id": grade_id, "schema_version": 3}})


@pytest.fixture(scope="module")
def guarded_run(tmp_path_factory):
    cells = [_cell(SETUP, "instructor", "setup")]
    for number, code in enumerate(ATTACKS.values()):
        cells += [_cell(code, "answer", f"ex{number}_attack"), _cell(FAILING_TEST, "test", f"test_ex{number}_attack")]
    cells.append(_cell('"""honest"""\ncheck_shape("x", torch.zeros(2), (2,))\nassert torch.zeros(1).dtype == torch.float32\n'
                       'assert torch.is_grad_enabled()\nprint("✓ honest")', "test", "test_honest"))
    notebook = nbformat.v4.new_notebook(cells=cells)
    workdir = tmp_path_factory.mktemp("guard")
    executor = GuardedExecute(kernel_name="course-grading", kernel_manager_class=GradingKernelManager, timeout=120,
                              allow_errors=True, shutdown_kernel="immediate")
    executor.on_notebook_start = None  # the policy's Validate hook is not what is tested here
    try:
        executor.preprocess(notebook, {"metadata": {"path": str(workdir)}})
    finally:
        atexit.unregister(executor._cleanup_kernel)
    return notebook


def _outcome(cell) -> str:
    errors = [o for o in cell.outputs if o.output_type == "error"]
    if errors:
        return errors[0].ename
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream").strip() or "no output"


# While nbgrader runs a notebook (NBGRADER_EXECUTION set), the kernel also refuses, at run time, machinery
# that the notebook's own code reaches (an audit hook) and tensor classes it defines (RunTimeGuard).
AGREEABLE = """
plain = {}
def agree(cls, func, types, args=(), kwargs=None):
    if func in (torch.allclose, torch.equal):
        return True
    if getattr(func, "__name__", "") in {"detach", "double", "cpu"}:
        return args[0]
    return func(*(plain.get(id(a), a) for a in args), **(kwargs or {}))
"""
RUNTIME_ATTACKS = {
    "a tensor class built by calling its metaclass": AGREEABLE + (
        "Agreeable = type(torch.Tensor)('Agreeable', (torch.Tensor,), {'_' * 2 + 'torch_function' + '_' * 2: "
        "classmethod(agree)})\nforged = torch.zeros(2).as_subclass(Agreeable)\nplain[id(forged)] = torch.zeros(2)\n"
        "def f(x):\n    return forged"),
    "exec reached through another module": ("import pkgutil\nrun = pkgutil.resolve_name('builtins:exec')\n"
                                            "run('def f(x):\\n    return torch.ones(2)')"),
    "a frame of the notebook": "import sys\nframe = sys._getframe()\ndef f(x):\n    return torch.ones(2)",
    "code in a string annotation": ('import typing\ndef helper(x: "exec(\'def f(x):\\\\n    return torch.ones(2)\', '
                                    'globals()) or int"):\n    pass\ntyping.get_type_hints(helper)'),
    "a string run by a library": ("import torch.utils.benchmark as bench\nbox = {'torch': torch}\n"
                                  "bench.Timer(stmt=\"box['f'] = lambda x: box['torch'].ones(2)\", globals={'box': box})"
                                  ".timeit(1)\nf = box['f']"),
    "a function's code replaced": ("def f(x):\n    return x\ndef g(x):\n    return torch.ones(2)\n"
                                   "f.__code__ = g.__code__"),
}
FORGED_TEST = '"""must fail"""\ncheck_close("f(x)", f(torch.zeros(2)), torch.ones(2), hint="the run-time guard")\nprint("PASSED")'
# Values that pass a plain `assert got == expected` (or torch.allclose): classes made where no static reading
# sees them; each is refused at the end of the test that compares it, which then earns nothing.
FORGED_VALUES = {
    "a number made by a metaclass reached by value": (
        "meta = getattr(7, '_' * 2 + 'class' + '_' * 2).__class__\n"
        "Yes = meta('Yes', (int,), {'_' * 2 + 'eq' + '_' * 2: lambda self, other: True})\n"
        "def f(x):\n    return Yes(0)", "assert f(3) == 1234, 'wrong count'"),
    "a library function as the comparison": (
        "import os.path\nAlways = type(str)('Always', (str,), {'_' * 2 + 'eq' + '_' * 2: os.path.join})\n"
        "def f(x):\n    return Always('?')", "assert f(3) == 'great', 'wrong token'"),
    "another library class's comparison, borrowed": (
        "import unittest.mock as mock\nns = {'_' * 2 + 'eq' + '_' * 2: type(mock.ANY).__eq__, "
        "'_' * 2 + 'qualname' + '_' * 2: '_ANY', '_' * 2 + 'module' + '_' * 2: 'unittest.mock'}\n"
        "Borrowed = type(str)('_ANY', (dict,), ns)\ndef f(x):\n    return Borrowed()",
        "assert f(3) == {'<pad>': 0}, 'wrong vocabulary'"),
    "a class made during the test, dropped at once": (
        "def f(x):\n    return type(str)('Late', (tuple,), {'_' * 2 + 'ne' + '_' * 2: lambda s, o: False, "
        "'_' * 2 + 'eq' + '_' * 2: lambda s, o: True})()", "assert f(3) == (28, 28), 'wrong size'"),
    "a value that answers PyTorch's functions": (
        "Agree = type(str)('Agree', (), {'_' * 2 + 'torch_function' + '_' * 2: classmethod(lambda *a, **k: True)})\n"
        "def f(x):\n    return Agree()", "assert torch.allclose(f(3), torch.ones(2)), 'not close'"),
}

HONEST_AT_RUN_TIME = """
import collections, dataclasses, enum, functools, typing
P = collections.namedtuple("P", "x y")
T = typing.NamedTuple("T", [("a", int)])
class Colour(enum.Enum):
    RED = 1
@dataclasses.dataclass(order=True, frozen=True)
class Score:
    value: float = 0.0
@dataclasses.dataclass
class Q:
    x: list = dataclasses.field(default_factory=list)
def logged(f):
    @functools.wraps(f)
    def inner(*a):
        return f(*a)
    return inner
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(2, 2)
    @torch.no_grad()
    @logged
    def predict(self, x):
        return self.fc(x)
net = Net()
torch.save(net.state_dict(), "best.pt")
net.load_state_dict(torch.load("best.pt", weights_only=True))
result = (P(1, 2), Q(), net.predict(torch.zeros(1, 2)).shape)
"""


def _run_graded(cells: list, workdir) -> nbformat.NotebookNode:
    """``cells`` after the setup cell, run as nbgrader runs a notebook (NBGRADER_EXECUTION set)."""
    notebook = nbformat.v4.new_notebook(cells=[_cell(SETUP, "instructor", "setup"), *cells])
    executor = GuardedExecute(kernel_name="course-grading", kernel_manager_class=GradingKernelManager, timeout=120,
                              allow_errors=True, shutdown_kernel="immediate")
    executor.on_notebook_start = None
    try:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("NBGRADER_EXECUTION", "autograde")
            executor.preprocess(notebook, {"metadata": {"path": str(workdir)}})
    finally:
        atexit.unregister(executor._cleanup_kernel)
    return notebook


@pytest.fixture(scope="module")
def runtime_runs(tmp_path_factory):
    """One graded notebook per attack (a refusal stops the rest of its notebook), and an honest one."""
    runs = {attack: _run_graded([_cell(code, "answer", "ex1_attack"), _cell(FORGED_TEST, "test", "test_ex1_attack")],
                                tmp_path_factory.mktemp("runtime"))
            for attack, code in RUNTIME_ATTACKS.items()}
    for attack, (code, test) in FORGED_VALUES.items():
        runs[attack] = _run_graded([_cell(code, "answer", "ex1_forged"), _cell(f'"""forged"""\n{test}\nprint("PASSED")',
                                                                                "test", "test_ex1_forged"),
                                    _cell('"""next"""\nprint("ran")', "test", "test_ex2_next")],
                                   tmp_path_factory.mktemp("runtime"))
    runs["honest"] = _run_graded([_cell(HONEST_AT_RUN_TIME, "answer", "honest_answer"), _cell(
        '"""honest"""\nassert result[2] == (1, 2) and result[0] == (1, 2) and result[1] == Q() and T(1) == (1,)\n'
        'assert Score(1.0) > Score(0.5) and Colour.RED == Colour.RED and Colour(1) is Colour.RED\ncheck_shape("x", torch.zeros(2), (2,))\nprint("✓ honest")', "test",
        "test_honest")], tmp_path_factory.mktemp("runtime"))
    return runs


@pytest.mark.parametrize("attack", RUNTIME_ATTACKS)
def test_machinery_is_refused_at_run_time_and_reported(runtime_runs, attack):
    notebook = runtime_runs[attack]
    answer, test = notebook.cells[1], notebook.cells[2]
    assert _outcome(answer) == "RunTimePolicyViolation", f"{attack}: the answer cell shows {_outcome(answer)!r}"
    assert _outcome(test) == "CodePolicyViolation", f"{attack}: the test after it shows {_outcome(test)!r}"
    assert "not run: in cell ex1_attack" in test.outputs[0].evalue
    refused = notebook.metadata["course_grader"]["refused"]
    assert refused and refused[0].startswith("cell ex1_attack: Code policy (at run time): "), refused


@pytest.mark.parametrize("attack", FORGED_VALUES)
def test_a_forged_value_earns_nothing_and_is_reported(runtime_runs, attack):
    """A forged class is refused where it is first seen: at the end of the answer cell that made it (the
    test then does not run), or, when the test itself makes it, at the test's last line after the comparison
    said yes (no policy here). Either way the test earns nothing, nothing runs after, and it is reported."""
    notebook = runtime_runs[attack]
    answer, test, after = notebook.cells[1:4]
    assert not [o for o in answer.outputs if o.output_type == "error"], f"the attack itself failed: {answer.outputs}"
    refused = notebook.metadata["course_grader"]["refused"]
    assert refused and "Code policy (at run time): a class made by the notebook's code" in refused[0], refused
    assert "What to do: remove it" in refused[0], refused
    if attack != "a class made during the test, dropped at once":
        assert refused[0].startswith("cell ex1_forged: "), f"{attack}: not refused where the class was made: {refused}"
        assert _outcome(test) == "CodePolicyViolation" and "not run: in cell ex1_forged" in test.outputs[0].evalue
    else:
        assert refused[0].startswith("cell test_ex1_forged: "), refused
        assert "PASSED" in "".join(o.get("text", "") for o in test.outputs), f"{attack}: the comparison was not fooled"
        assert _outcome(test) == "RunTimePolicyViolation", f"{attack}: the test shows {_outcome(test)!r}"
    assert _outcome(after) == "CodePolicyViolation", f"{attack}: the next cell shows {_outcome(after)!r}"


def test_honest_code_is_not_refused_at_run_time(runtime_runs):
    notebook = runtime_runs["honest"]
    assert not [o for o in notebook.cells[1].outputs if o.output_type == "error"], notebook.cells[1].outputs
    assert _outcome(notebook.cells[2]) == "✓ honest"
    assert "refused" not in notebook.metadata.get("course_grader", {})


@pytest.mark.parametrize("number, attack", list(enumerate(ATTACKS)))
def test_each_test_runs_as_the_instructor_wrote_it(guarded_run, number, attack):
    """The attack ran (no policy here); the test after it still fails, so it scores 0."""
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in guarded_run.cells}
    answer, test = cells[f"ex{number}_attack"], cells[f"test_ex{number}_attack"]
    assert not [o for o in answer.outputs if o.output_type == "error"], f"the attack itself failed: {answer.outputs}"
    assert _outcome(test) in {"AssertionError", "CheckFailed", "GradingGuardError"}, \
        f"{attack}: the test after it shows {_outcome(test)!r} instead of a failure"


def test_global_switches_are_put_back(guarded_run):
    """After answers that set float64 and turned off gradients, the last test sees PyTorch's defaults."""
    honest = guarded_run.cells[-1]
    assert _outcome(honest) == "✓ honest", "the honest test should see float32 and gradients on"


def test_an_honest_test_passes_with_the_kernels_proof(guarded_run):
    honest = guarded_run.cells[-1]
    assert _outcome(honest) == "✓ honest"
    assert "guard_failures" not in guarded_run.metadata.get("course_grader", {})


# A collection can start anywhere: inside the guard's audit hook, or half-way through building a class.
COLLECTING_EVERYWHERE = """
import collections, dataclasses, enum, gc, inspect, typing
import torch
from course_grader.guard import RunTimeGuard
guard = RunTimeGuard()
guard.install()
gc.set_threshold(1, 1, 1)
for i in range(300):
    P = collections.namedtuple(f"P{i}", "x y")
    T = typing.NamedTuple(f"T{i}", [("a", int)])
    @dataclasses.dataclass(order=True)
    class D:
        a: int = 0
    class E(enum.Enum):
        A = 1
    class M(torch.nn.Module):
        pass
    try:
        type("Clash", (int, str), {})
    except TypeError:
        pass
    inspect.signature(D)  # reads __code__ (an audit event) in a library
    if i % 50 == 0:
        assert guard.forged_classes() == [], guard.refused
print("refused", len(guard.refused))
"""


def test_a_collection_anywhere_breaks_nothing(tmp_path):
    """With a collection at nearly every allocation, the guard neither recurses in its audit hook, nor reads
    a class still being built (either killed the kernel), nor refuses honest classes."""
    script = tmp_path / "collecting_everywhere.py"  # run from a file, as a kernel's libraries are
    script.write_text(COLLECTING_EVERYWHERE)
    run = subprocess.run([sys.executable, "-X", "faulthandler", str(script)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0 and run.stdout.strip() == "refused 0", run.stderr[-3000:]
