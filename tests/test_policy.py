"""The code policy, the rebuild of a submission around its answers, and feedback redaction (no kernel).

Honest code is never flagged: the three sources, every known mistake, and answers written the
ways students write them. Each class of tampering is flagged with its cell, line and rule.
"""

from __future__ import annotations

import nbformat
import pytest

from course_grader.answers import policy_context, rebuild
from course_grader.course import assignments, read_notebook, release_notebook, source_notebook
from course_grader.policy import check_cell
from course_grader.preprocessors import REDACTED, HideHiddenTests
from course_grader.submissions import apply_mistake, apply_tampering, load_mistakes, load_tampering
from course_grader.validation import notebook_violations


@pytest.fixture(scope="module")
def context():
    return policy_context(read_notebook(release_notebook("01_mlp")), "01_mlp")


@pytest.mark.parametrize("assignment", assignments())
def test_sources_and_known_mistakes_pass_the_policy(assignment):
    source, released = read_notebook(source_notebook(assignment)), read_notebook(release_notebook(assignment))
    rebuilt = rebuild(source, released, assignment)
    assert rebuilt.violations == [] and rebuilt.added == [] and rebuilt.missing == []
    for mistake in load_mistakes(assignment):
        assert rebuild(apply_mistake(source, mistake), released, assignment).violations == [], mistake.name
    completed = rebuilt.notebook  # what a student who answered everything submits: the release, answered
    assert notebook_violations(completed, assignment) == []


HONEST = {
    "a loop at top level": "for name in ['a', 'b']:\n    print(name)",
    "local names like the notebook's": "def f(model, x_train):\n    model = model.eval()\n    return model(x_train)",
    "imports the notebook has": "import torch\nimport torch.nn.functional as F\nfrom torch import nn\nimport math, copy",
    "a plot and a progress bar": "import matplotlib.pyplot as plt\nfrom tqdm import tqdm\nfrom course_utils.data import TensorBatches",
    "setattr on self": "class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                       "        for i in range(2):\n            setattr(self, f'fc{i}', nn.Linear(2, 2))",
    "getattr with a constant": "act = getattr(nn, 'ReLU')()",
    "a dataclass with __repr__": "from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\n"
                                 "    def __repr__(self):\n        return f'P({self.x})'",
    "modules() of a model": "def count(m):\n    return sum(1 for _ in m.modules())",
    "a private attribute of its own object": "class A:\n    def __init__(self):\n        self._cache = {}\n"
                                               "    def get(self):\n        return self._cache",
    "class name through __class__": "def name(layer):\n    return layer.__class__.__name__",
    "a layer's weight replaced": "def init(layer):\n    layer.weight = nn.Parameter(torch.zeros(2, 2))",
    "a library class under a short name": "Linear = nn.Linear\nnet = Linear(2, 3)\nnet.bias = None",
    "gradients cleared in a loop": "def zero(model):\n    for p in model.parameters():\n        p.grad = None",
    "best weights saved and loaded": "torch.save(net.state_dict(), 'best.pt')\nstate = torch.load('best.pt')\n"
                                     "state = torch.load('best.pt', weights_only=True, map_location='cpu')",
    "a nested layer's weight": "class M(nn.Module):\n    def reset(self):\n        self.layers[0].weight.data = torch.zeros(2, 2)",
    "hasattr with a computed name": "def has(m, name):\n    return hasattr(m, name)",
    "getattr on self with a computed name": "class M(nn.Module):\n    def get(self, i):\n        return getattr(self, f'fc{i}')",
    "type in isinstance and in hints": "def f(kind: type[nn.Module], x) -> type:\n    assert isinstance(kind, type)\n"
                                       "    return type(x).__name__",
    "a new instance of its own class": "class A:\n    def __init__(self, n=1):\n        self.n = n\n"
                                       "    def clone(self):\n        return type(self)(self.n)",
    "a library's submodules and classes": "import torch.nn.functional as F\nimport numpy as np\nfrom collections import abc\n"
                                          "y = F.relu(torch.nn.init.zeros_(torch.empty(2)))\nz = np.linalg.norm(np.array([1.0]))\n"
                                          "from torch.utils.data import DataLoader, TensorDataset",
    "a subclass of a library class": "class Net(nn.Module):\n    pass\nclass Stop(RuntimeError):\n    pass",
    "an enum declared as a class": "import enum\nclass Kind(enum.Enum):\n    A = 1\nk = Kind(1)",
    "the type of an object, read and compared": "def same(a, b):\n    t = type(a)\n    print(type(a), f'{a.__class__}')\n"
                                                "    return type(a) is type(b) and t.__name__ == b.__class__.__name__ "
                                                "and isinstance(b, (t, a.__class__))",
    "a dataclass and a namedtuple": "import collections, dataclasses\nP = collections.namedtuple('P', 'x y')\n"
                                    "@dataclasses.dataclass\nclass Q:\n    x: int = dataclasses.field(default=0)",
}


@pytest.mark.parametrize("code", HONEST.values(), ids=HONEST.keys())
def test_honest_code_is_not_flagged(context, code):
    assert check_cell(code, "ex1_mlp", context) == []


TAMPERING = {
    "get_ipython": ("ip = get_ipython()", "machinery"),
    "exec": ("exec('x = 1')", "machinery"),
    "eval of a computed string": ("f = eval\nf('1')", "machinery"),
    "__import__": ("m = __import__('os')", "dunder"),
    "importlib": ("import importlib", "machinery"),
    "a module not on the allow-list": ("import socket", "import"),
    "import *": ("from math import *", "import"),
    "private torch": ("torch._C._set_grad_enabled(False)", "library"),
    "torch.library": ("from torch import library", "machinery"),
    "patching torch": ("torch.allclose = lambda *a, **k: True", "patching"),
    "patching F in a function": ("def f():\n    F.relu = abs", "patching"),
    "deleting from a module": ("del torch.allclose", "patching"),
    "setattr on a module": ("setattr(torch, 'allclose', print)", "patching"),
    "getattr with a computed name": ("getattr(torch, 's' + 'ys')", "library"),
    "rebinding torch": ("torch = None", "rebinding"),
    "rebinding a check by def": ("def check_close(*a, **k):\n    pass", "rebinding"),
    "rebinding a built-in": ("isinstance = lambda *a: True", "rebinding"),
    "rebinding by walrus": ("[(check_shape := print) for _ in '1']", "rebinding"),
    "global in a function": ("def f():\n    global check_type\n    check_type = print", "rebinding"),
    "rebinding an instructor variable": ("BUDGET = None", "rebinding"),
    "history": ("print(_ih[-1])", "machinery"),
    "history by number": ("print(_i12)", "machinery"),
    "frames": ("def f():\n    e = Exception()\n    return e.__traceback__", "dunder"),
    "frames without dunders": ("def f(g):\n    return g.gi_frame.f_back", "machinery"),
    "dunder string": ("d = {'__torch_function__': 1}", "dunder"),
    "metaclass": ("class A(metaclass=type):\n    pass", "dunder"),
    "__getattr__ hook": ("class A:\n    def __getattr__(self, n):\n        return 1", "dunder"),
    "three-argument type": ("T = type('T', (object,), {})", "dunder"),
    "a magic": ("%load_ext autoreload", "magic"),
    "open": ("open('/tmp/x', 'w')", "machinery"),
    # a library object reached under another name, or through an expression
    "patching through an alias": ("nn_ = torch.nn\nnn_.RNNCell.forward = lambda self, x, h=None: x", "patching"),
    "patching through a chain of aliases": ("a = torch\nb = a.nn\nb.Linear.forward = print", "patching"),
    "patching in a loop over modules": ("for m in (torch, F):\n    m.relu = abs", "patching"),
    "patching through a default argument": ("def f(m=torch):\n    m.allclose = print", "patching"),
    "patching the class of a tensor": ("type(torch.zeros(1)).sum = lambda self: 0", "patching"),
    "patching through __class__": ("t = torch.zeros(1)\nt.__class__.sum = lambda self: 0", "dunder"),
    "patching a module a function returns": ("def m():\n    return torch\nm().allclose = print", "patching"),
    "setattr through an alias": ("x = nn.Linear\nsetattr(x, 'forward', print)", "patching"),
    "getattr with a computed name on one's own function": ("def f():\n    pass\ng = getattr(f, '__glo' + 'bals__')",
                                                           "library"),
    "getattr passed around": ("from functools import reduce\nreduce(getattr, ['x'], print)", "machinery"),
    "attrgetter": ("import operator\nget = operator.attrgetter('x')", "machinery"),
    "annotations evaluated": ("import typing\ntyping.get_type_hints(print)", "machinery"),
    "format fields resolved": ("import string\nstring.Formatter().get_field('0.x', [print], {})", "machinery"),
    "a pickle loaded by numpy": ("import numpy as np\nnp.load('x.npy', allow_pickle=True)", "library"),
    "a pickle loaded by torch": ("torch.load('x.pt', weights_only=False)", "library"),
    "torch.load's options unpacked": ("torch.load('x.pt', **{'weights_only': False})", "library"),
    "safe globals widened": ("torch.serialization.add_safe_globals([print])", "machinery"),
    "a tensor subclass": ("class T(torch.Tensor):\n    pass", "library"),
    "a global forward hook": ("torch.nn.modules.module.register_module_forward_hook(lambda m, i, o: o)", "machinery"),
    "torch.fx": ("import torch.fx", "library"),
    # a class built from a namespace whose keys are computed: any double-underscore method gets in
    "type called under another name": ("meta = type\nA = meta('A', (int,), {})", "dunder"),
    "type of a class called": ("A = type(int)('A', (int,), {})", "dunder"),
    "a metaclass by its name": ("import abc\nA = abc.ABCMeta('A', (int,), {})", "dunder"),
    "a metaclass through __class__": ("meta = int.__class__\nA = meta('A', (int,), {})", "dunder"),
    "a metaclass from a function": ("def m():\n    return 0\nA = m()('A', (int,), {})", "dunder"),
    "a metaclass handed out by a function": ("def m():\n    return type(int)", "dunder"),
    "a metaclass through getattr, bases in a variable": ("bases = (int,)\nA = getattr(int, '__class__')('A', bases, {})",
                                                         "dunder"),
    "a metaclass in a list": ("kinds = [int.__class__]", "dunder"),
    "a comparison bound by a match pattern": ("class A(int):\n    match (lambda s, o: True):\n        case __eq__:\n"
                                              "            pass", "dunder"),
    "a comparison bound by an import": ("class A(str):\n    from os.path import join as __eq__", "dunder"),
    "a metaclass as a class attribute": ("class H:\n    m = int.__class__\nA = H.m('A', (int,), {})", "dunder"),
    "a metaclass stored on an object": ("box = lambda: 0\nbox.m = type(int)", "dunder"),
    "a metaclass stored as an item": ("box = {}\nbox['m'] = int.__class__\nA = box['m']('A', (int,), {})", "dunder"),
    "a subclass of a metaclass": ("import abc\nclass Meta(abc.ABCMeta):\n    pass", "dunder"),
    "Enum's functional API": ("import enum\nE = enum.IntEnum('E', {'A': 2})", "dunder"),
    "make_dataclass": ("from dataclasses import make_dataclass", "machinery"),
    # a tensor class under another name, or a computed base
    "a tensor class under an alias": ("T = torch.Tensor\nclass A(T):\n    pass", "library"),
    "a tensor class imported under another name": ("from torch import Tensor as T\nclass A(T):\n    pass", "library"),
    "a library's tensor subclass": ("import torchvision\nclass A(torchvision.tv_tensors.Image):\n    pass", "library"),
    "a computed base": ("class A(type(torch.zeros(1))):\n    pass", "library"),
    # a module off the allow-list reached through an allowed one
    "a module through an allowed one": ("import dataclasses\nt = dataclasses.types", "machinery"),
    "a module imported from an allowed one": ("from dataclasses import types", "machinery"),
    "a module through an alias": ("import dataclasses as d\nm = d\nt = m.types", "machinery"),
    "a module through getattr": ("import dataclasses\nt = getattr(dataclasses, 'types')", "machinery"),
    "a module deep in a library": ("from torch.utils.data.dataloader import queue", "machinery"),
}


@pytest.mark.parametrize("code, rule", TAMPERING.values(), ids=TAMPERING.keys())
def test_tampering_is_flagged_with_line_and_rule(context, code, rule):
    found = check_cell(code, "ex1_mlp", context)
    assert found, f"not flagged: {code!r}"
    assert rule in {v.rule for v in found}, [v.message() for v in found]
    message = found[0].message()
    assert message.startswith("Code policy: cell ex1_mlp, line ") and "What to do:" in message


def test_added_cells_keep_scratch_habits_but_not_tampering(context):
    scratch = "import os\nmodel = None\nx_train = x_train[:5]\nprint(open('notes.txt').read())"
    assert check_cell(scratch, "a cell added after ex1_mlp", context, added=True) == []
    assert check_cell("%timeit relu(x)", "a cell added after ex1_mlp", context, added=True) == []
    found = check_cell("check_close = print\ntorch.allclose = print", "added", context, added=True)
    assert {v.rule for v in found} == {"rebinding", "patching"}


def test_rebuild_takes_only_the_answers():
    """Instructor cells come from the release, whatever the submission says; added cells are dropped."""
    released = read_notebook(release_notebook("01_mlp"))
    completed = rebuild(read_notebook(source_notebook("01_mlp")), released, "01_mlp").notebook
    edited = nbformat.from_dict(completed)
    setup = next(c for c in edited.cells if "from course_utils.checks import" in "".join(c.source))
    setup.source = "# the student's version of the setup\n" + "".join(setup.source)
    edited.cells = [c for c in edited.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_ex4_softmax_visible"]
    edited.cells.insert(3, nbformat.v4.new_code_cell("print('scratch')"))
    rebuilt = rebuild(edited, released, "01_mlp")
    sources = ["".join(c["source"]) for c in rebuilt.notebook["cells"]]
    assert not any("the student's version" in s for s in sources)
    assert not any(s == "print('scratch')" for s in sources)
    assert len(rebuilt.notebook["cells"]) == len(released["cells"])
    assert rebuilt.added == ["a cell added after cell-" + released["cells"][2]["metadata"]["nbgrader"]["grade_id"][5:]]


def test_rebuild_stops_everything_after_the_first_violation():
    released = read_notebook(release_notebook("01_mlp"))
    attempt = next(a for a in load_tampering("01_mlp") if a.name == "rebind_checks")
    notebook, _ = apply_tampering(read_notebook(source_notebook("01_mlp")), attempt)
    rebuilt = rebuild(notebook, released, "01_mlp")
    cells = rebuilt.notebook["cells"]
    first = next(i for i, c in enumerate(cells) if c["metadata"].get("nbgrader", {}).get("grade_id") == "ex1_vanilla_mlp")
    skipped = [bool(c["metadata"].get("course_grader", {}).get("skip")) for c in cells if c["cell_type"] == "code"]
    code_before = sum(1 for c in cells[:first] if c["cell_type"] == "code")
    assert not any(skipped[:code_before]) and all(skipped[code_before:])


def test_feedback_redacts_hidden_code_from_every_output():
    hidden = "### BEGIN HIDDEN TESTS\n_expected = softmax(torch.tensor([[1000.0, 0.0]]))\n### END HIDDEN TESTS"
    leak = "['_expected = softmax(torch.tensor([[1000.0, 0.0]]))\\n', 'ok']"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(hidden, outputs=[nbformat.v4.new_output("stream", name="stdout", text="✓ passed\n")]),
        nbformat.v4.new_code_cell("print(In)", outputs=[nbformat.v4.new_output("stream", name="stdout", text=leak)]),
    ])
    HideHiddenTests().preprocess(nb, {})
    assert "softmax(torch.tensor" not in nb.cells[0].source
    assert nb.cells[0].outputs[0].text == "✓ passed\n"
    assert nb.cells[1].outputs[0].text == REDACTED
