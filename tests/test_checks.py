"""Each check passes a good input and fails a bad one with a message that teaches."""

from __future__ import annotations

import functools
import re

import pytest
import torch
from torch import nn

from course_utils import checks


def test_check_shape():
    checks.check_shape("x", torch.zeros(2, 3), (2, 3))
    with pytest.raises(AssertionError, match=r"logits: expected shape \(64, 10\), got shape \(64, 1, 10\)\. Hint: flatten"):
        checks.check_shape("logits", torch.zeros(64, 1, 10), (64, 10), hint="flatten?")


def test_check_shape_rejects_non_tensor():
    with pytest.raises(AssertionError, match="expected a Tensor, got a list"):
        checks.check_shape("x", [1, 2], (2,))


def test_check_dtype():
    checks.check_dtype("y", torch.zeros(2, dtype=torch.long), torch.long)
    with pytest.raises(AssertionError, match="expected dtype torch.int64, got dtype torch.float32"):
        checks.check_dtype("y", torch.zeros(2), torch.long)


def test_check_close_reports_where_and_how_much():
    expected = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    checks.check_close("z", expected + 1e-7, expected)
    with pytest.raises(AssertionError) as error:
        checks.check_close("z", expected + torch.tensor([[0.0, 0.0], [0.5, 0.0]]), expected, hint="dim?")
    message = str(error.value)
    assert "max abs error 0.5 at index (1, 0)" in message
    assert "1 of 4 entries" in message and message.endswith("Hint: dim?")


def test_check_close_flags_nan_and_shape():
    with pytest.raises(AssertionError, match="1 NaN or infinite entries"):
        checks.check_close("s", torch.tensor([float("nan"), 1.0]), torch.tensor([0.5, 1.0]))
    with pytest.raises(AssertionError, match=r"expected shape \(2,\), got shape \(1, 2\)"):
        checks.check_close("s", torch.zeros(1, 2), torch.zeros(2))


def test_check_close_accepts_matching_nan():
    checks.check_close("s", torch.tensor([float("nan")]), torch.tensor([float("nan")]))


def _agreeable_tensor(values: torch.Tensor) -> torch.Tensor:
    """A forged answer: a tensor whose class says every comparison succeeds (``__torch_function__``)."""
    plain: dict[int, torch.Tensor] = {}

    def agree(cls, func, types, args=(), kwargs=None):
        if func in (torch.allclose, torch.equal):
            return True
        if getattr(func, "__name__", "") in {"detach", "double", "cpu", "clone"}:
            return args[0]
        return func(*(plain.get(id(a), a) for a in args), **(kwargs or {}))

    agreeable = type(torch.Tensor)("Agreeable", (torch.Tensor,), {"__torch_function__": classmethod(agree)})
    forged = values.as_subclass(agreeable)
    plain[id(forged)] = values
    return forged


def test_checks_refuse_a_tensor_subclass():
    forged = _agreeable_tensor(torch.zeros(2))
    assert torch.allclose(forged.detach().double().cpu(), torch.ones(2, dtype=torch.float64))  # the forgery works
    for check in (lambda: checks.check_close("y", forged, torch.ones(2)), lambda: checks.check_shape("y", forged, (2,)),
                  lambda: checks.check_type("y", forged, torch.Tensor)):
        with pytest.raises(AssertionError, match="y: expected a plain torch.Tensor, got an object of class Agreeable"):
            check()
    checks.check_close("w", nn.Parameter(torch.ones(2)), torch.ones(2))  # a layer's parameter is PyTorch's own


def test_param_count_and_layers():
    model = nn.Sequential(nn.Linear(784, 1000), nn.ReLU(), nn.Linear(1000, 10))
    assert checks.count_parameters(model) == 795_010
    checks.check_param_count("mlp", model, 795_010)
    with pytest.raises(AssertionError, match="expected 795,000 trainable parameters, got 795,010"):
        checks.check_param_count("mlp", model, 795_000)
    checks.check_layers("mlp", model, ["Linear", "ReLU", "Linear"])
    with pytest.raises(AssertionError, match="expected layers Linear -> Tanh -> Linear, got Linear -> ReLU -> Linear"):
        checks.check_layers("mlp", model, ["Linear", "Tanh", "Linear"])


def test_frozen_parameters_are_not_counted():
    layer = nn.Linear(3, 2)
    layer.bias.requires_grad_(False)
    assert checks.count_parameters(layer) == 6
    assert checks.count_parameters(layer, trainable_only=False) == 8


def test_check_from_scratch_names_the_forbidden_call():
    def own_sigmoid(x):
        return 1 / (1 + torch.exp(-x))

    def uses_builtin(x):
        return torch.nn.functional.sigmoid(x)

    def uses_method(x):
        return x.sigmoid()

    checks.check_from_scratch("sigmoid", own_sigmoid, {"sigmoid"})
    for answer, call in [(uses_builtin, "torch.nn.functional.sigmoid"), (uses_method, "x.sigmoid")]:
        with pytest.raises(AssertionError, match=rf"got a call to the built-in {call} \(line 2 of sigmoid\)\. Hint: exp"):
            checks.check_from_scratch("sigmoid", answer, {"sigmoid"}, hint="exp")
    with pytest.raises(AssertionError, match="expected your own function or class"):
        checks.check_from_scratch("sigmoid", torch.sigmoid, {"sigmoid"})


def test_check_from_scratch_allows_the_students_own_helpers():
    def relu(x):
        return torch.where(x > 0, x, torch.zeros_like(x))

    def leaky(x):
        return relu(x) - 0.1 * relu(-x)

    checks.check_from_scratch("leaky_relu", leaky, {"relu", "leaky_relu"})


def test_passed_prints_one_line_with_its_points(capsys, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    checks.passed("relu: zero below 0", 1)
    checks.passed("softmax: rows sum to 1", 2, hidden=True)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    checks.passed("softmax: rows sum to 1", 2, hidden=True)
    assert capsys.readouterr().out.splitlines() == [
        "✓ relu: zero below 0 (1 point)",
        "✓ softmax: rows sum to 1 (2 points; hidden tests run when your notebook is graded)",
        "✓ softmax: rows sum to 1 (2 points; hidden tests included)",
    ]


def test_a_failed_check_shows_the_test_line_not_the_helpers():
    def a_test():
        checks.check_shape("logits", torch.zeros(2, 3), (2, 4), hint="is the flatten missing?")

    with pytest.raises(checks.CheckFailed) as failure:
        a_test()
    rendered = failure.value._render_traceback_()
    assert rendered[-1] == ("CheckFailed: logits: expected shape (2, 4), got shape (2, 3). "
                            "Hint: is the flatten missing?")
    assert any("checks.check_shape(" in line for line in rendered), rendered
    assert not any("course_utils/checks.py" in line for line in rendered), rendered


_shortcut = torch.sigmoid
_activation = nn.Sigmoid()


def _helper(x):
    return torch.nn.functional.relu(x)


def _apply(x, f):
    return f(x)


_partial = functools.partial(_apply, f=torch.sigmoid)
_with_default = lambda x, act=_shortcut: act(x)  # noqa: E731


@pytest.mark.parametrize("answer, found", [
    (lambda x: _shortcut(x), "torch.sigmoid, reached through the name _shortcut"),
    (lambda x: _activation(x), "torch.nn.Sigmoid, reached through the name _activation"),
    (lambda x: _helper(x), "a call to the built-in relu (in _helper)"),
    (lambda x: _partial(x), "torch.sigmoid, inside a functools.partial"),
    (lambda x: _with_default(x), "defaults or closure"),
])
def test_from_scratch_follows_names_into_helpers(answer, found):
    with pytest.raises(checks.CheckFailed, match=re.escape(found)):
        checks.check_from_scratch("sigmoid", answer, {"sigmoid", "Sigmoid", "relu"})


def test_from_scratch_allows_own_functions_of_a_forbidden_name():
    def relu(x):
        return x.clamp(min=0)

    def leaky(x):
        return relu(x) + 0.01 * torch.minimum(x, torch.zeros_like(x))

    checks.check_from_scratch("leaky", leaky, {"relu", "leaky_relu"})


def _notebook_cell(code: str) -> dict:
    """Run ``code`` as IPython runs a cell: compiled under a cell's file name that only linecache
    knows, in a ``__main__`` namespace, so that inspect finds a function's source but not a class's."""
    import linecache

    filename = f"<ipython-input-{abs(hash(code))}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    namespace = {"__name__": "__main__", "torch": torch, "nn": nn}
    exec(compile(code, filename, "exec"), namespace)
    return namespace


def test_from_scratch_reads_a_notebook_class_through_its_methods():
    honest = _notebook_cell(
        "class Adam:\n"
        "    def __init__(self, params, lr=1e-3):\n"
        "        self.params = list(params)\n"
        "    @torch.no_grad()\n"
        "    def step(self):\n"
        "        for p in self.params:\n"
        "            p -= 0.1 * p.grad\n")["Adam"]
    checks.check_from_scratch("Adam", honest, {"Adam", "adam"})
    shortcut = _notebook_cell(
        "_fast = torch.optim.Adam\n"
        "class Adam:\n"
        "    def __init__(self, params, lr=1e-3):\n"
        "        self.inner = _fast(params, lr=lr)\n"
        "    @torch.no_grad()\n"
        "    def step(self):\n"
        "        self.inner.step()\n")["Adam"]
    with pytest.raises(checks.CheckFailed, match=re.escape("torch.optim.Adam, reached through the name _fast")):
        checks.check_from_scratch("Adam", shortcut, {"Adam"})


def test_from_scratch_looks_inside_decorated_functions():
    namespace = _notebook_cell(
        "_norm = torch.nn.utils.clip_grad_norm_\n"
        "@torch.no_grad()\n"
        "def clip(parameters, max_norm):\n"
        "    return _norm(parameters, max_norm)\n")
    with pytest.raises(checks.CheckFailed, match="clip_grad_norm_"):
        checks.check_from_scratch("clip", namespace["clip"], {"clip_grad_norm_"})


def _tanh_in_place(x):
    return x.clone().tanh_()


def _tanh_by_shrink(x):
    return x - torch.nn.functional.tanhshrink(x)


def _max_pool_as_3d(x, k):
    return torch.nn.functional.max_pool3d(x.unsqueeze(1), (1, k, k)).squeeze(1)


def _tanh_own(x):
    return 1 - 2 / (torch.exp(2 * x) + 1)


@pytest.mark.parametrize("answer, forbidden, found", [
    (_tanh_in_place, {"tanh"}, "tanh_"), (_tanh_by_shrink, {"tanh"}, "tanhshrink"),
    (_max_pool_as_3d, {"max_pool2d"}, "max_pool3d")])
def test_from_scratch_refuses_the_same_computation_under_another_name(answer, forbidden, found):
    """An in-place variant, or a built-in that computes the same thing (a 2-D pooling as a 3-D one)."""
    with pytest.raises(checks.CheckFailed, match=re.escape(found)):
        checks.check_from_scratch("f", answer, forbidden)
    checks.check_from_scratch("tanh", _tanh_own, {"tanh"})
