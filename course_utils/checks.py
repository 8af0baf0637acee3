"""Checks for notebook tests whose failures teach.

Each check raises ``AssertionError`` with a message of the form
``"<name>: expected <what>, got <actual>. Hint: <what to revisit>"`` and returns nothing
when all is well. They never print the expected values of a hidden test, only what differs.

A test cell that gets to its end says so with :func:`passed`. The checks hide their own frames
from IPython's traceback (``__tracebackhide__``), so a failure shows the test's line and the
message, not this module's internals.

Example:
    >>> check_shape("logits", torch.zeros(64, 10), (64, 10))
    >>> check_close("relu(x)", torch.tensor([0.0, 2.0]), torch.tensor([0.0, 2.0]))
    >>> passed("relu: zero below 0, identity above", 1)
    ✓ relu: zero below 0, identity above (1 point)
"""

from __future__ import annotations

import ast
import builtins
import functools
import inspect
import os
import sysconfig
import textwrap
import traceback
import types
from collections.abc import Callable, Iterable, Sequence

import torch
from torch import nn


class CheckFailed(AssertionError):
    """A failed check. In a notebook its traceback shows the test's lines and the message only.

    IPython prints what ``_render_traceback_`` returns in place of its own traceback; the frames
    of the checks (those that set ``__tracebackhide__``) and IPython's own are left out, since a
    student can do nothing with them.
    """

    def _render_traceback_(self) -> list[str]:
        frames = [(frame, line) for frame, line in traceback.walk_tb(self.__traceback__)
                  if not frame.f_locals.get("__tracebackhide__")
                  and not frame.f_globals.get("__name__", "").startswith("IPython.")]
        lines = ["Traceback (most recent call last):"]
        for place in traceback.StackSummary.extract(frames):
            lines.append(f"  {_where(place.filename)}, line {place.lineno}")
            if place.line:
                lines.append(f"    {place.line}")
        return [*lines, f"{type(self).__name__}: {self}"]


def _where(filename: str) -> str:
    """``Cell In[3]`` for a notebook cell's code (as IPython names it), else ``File "<path>"``."""
    try:
        from IPython import get_ipython
        shell = get_ipython()
        label = shell.compile.format_code_name(filename) if shell is not None else None
    except (ImportError, AttributeError):
        label = None
    return f"{label[0]} {label[1]}" if label else f'File "{filename}"'


def _fail(name: str, expected: str, got: str, hint: str) -> None:
    __tracebackhide__ = True
    message = f"{name}: expected {expected}, got {got}."
    if hint:
        message += f" Hint: {hint}"
    raise CheckFailed(message)


PLAIN_TENSORS = tuple(t for t in (torch.Tensor, nn.Parameter, getattr(nn, "Buffer", None)) if t is not None)
"""The tensor classes an answer may hand to a check: a subclass of its own (a ``__torch_function__``
that says every comparison succeeds) is refused by every check that wants a tensor."""


def check_type(name: str, value: object, expected: type | tuple[type, ...], hint: str = "") -> None:
    """Fail unless ``value`` is an instance of ``expected``; a tensor must be of a class of PyTorch's
    own (``PLAIN_TENSORS``), not a subclass.

    Example:
        >>> check_type("x", torch.zeros(1), torch.Tensor)
    """
    __tracebackhide__ = True
    if not isinstance(value, expected):
        names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
        _fail(name, f"a {names}", f"a {type(value).__name__}", hint)
    if isinstance(value, torch.Tensor) and type(value) not in PLAIN_TENSORS:
        _fail(name, "a plain torch.Tensor", f"an object of class {type(value).__name__}, a subclass of torch.Tensor "
              "(a subclass can decide what every comparison of it says)", hint or "return the tensor itself")


def check_shape(name: str, tensor: torch.Tensor, expected: Sequence[int], hint: str = "") -> None:
    """Fail unless ``tensor`` is a tensor of shape ``expected``.

    Example:
        >>> check_shape("h", torch.zeros(2, 3), (2, 3))
    """
    __tracebackhide__ = True
    check_type(name, tensor, torch.Tensor, hint)
    if tuple(tensor.shape) != tuple(expected):
        _fail(name, f"shape {tuple(expected)}", f"shape {tuple(tensor.shape)}", hint)


def check_dtype(name: str, tensor: torch.Tensor, expected: torch.dtype, hint: str = "") -> None:
    """Fail unless ``tensor`` has dtype ``expected``."""
    __tracebackhide__ = True
    check_type(name, tensor, torch.Tensor, hint)
    if tensor.dtype != expected:
        _fail(name, f"dtype {expected}", f"dtype {tensor.dtype}", hint)


def describe_difference(actual: torch.Tensor, expected: torch.Tensor) -> str:
    """Summarize how two same-shape tensors differ: max abs error, where, and how many entries.

    Example:
        >>> describe_difference(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.5]))
        'max abs error 0.5 at index (1,), 1 of 2 entries differ by more than 1e-06'
    """
    diff = (actual.detach().double() - expected.detach().double()).abs()
    diff = torch.where(torch.isnan(diff), torch.full_like(diff, float("inf")), diff)
    flat = int(diff.argmax())
    where = tuple(int(i) for i in torch.unravel_index(torch.tensor(flat), diff.shape)) if diff.dim() else ()
    n_bad = int((diff > 1e-6).sum())
    return (f"max abs error {float(diff.max()):.3g} at index {where}, "
            f"{n_bad} of {diff.numel()} entries differ by more than 1e-06")


def check_close(name: str, actual: torch.Tensor, expected: torch.Tensor, *, atol: float = 1e-5,
                rtol: float = 1e-4, hint: str = "") -> None:
    """Fail unless ``actual`` matches ``expected`` within ``atol + rtol * |expected|`` everywhere.

    NaN or infinite values where the reference is finite fail with their own message.

    Example:
        >>> check_close("y", torch.tensor([1.0]), torch.tensor([1.0 + 1e-7]))
    """
    __tracebackhide__ = True
    check_type(name, actual, torch.Tensor, hint)
    expected = torch.as_tensor(expected)
    if tuple(actual.shape) != tuple(expected.shape):
        _fail(name, f"shape {tuple(expected.shape)}", f"shape {tuple(actual.shape)}", hint)
    actual_d, expected_d = actual.detach().double().cpu(), expected.detach().double().cpu()
    bad_values = ~torch.isfinite(actual_d) & torch.isfinite(expected_d)
    if bool(bad_values.any()):
        _fail(name, "finite values", f"{int(bad_values.sum())} NaN or infinite entries", hint)
    if not torch.allclose(actual_d, expected_d, atol=atol, rtol=rtol, equal_nan=True):
        _fail(name, f"values within atol={atol:g}, rtol={rtol:g} of the reference",
              describe_difference(actual_d, expected_d), hint)


SAME_COMPUTATION: dict[str, frozenset[str]] = {
    "sigmoid": frozenset({"expit", "glu", "GLU", "Sigmoid"}),
    "tanh": frozenset({"tanhshrink", "Tanhshrink", "Tanh"}),
    "relu": frozenset({"prelu", "PReLU", "rrelu", "RReLU", "threshold", "Threshold", "hardtanh", "Hardtanh", "relu6",
                       "ReLU6", "ReLU"}),
    "leaky_relu": frozenset({"prelu", "PReLU", "rrelu", "RReLU", "LeakyReLU"}),
    "elu": frozenset({"celu", "CELU", "ELU"}),
    "softmax": frozenset({"gumbel_softmax", "softmin", "Softmin", "Softmax", "Softmax2d"}),
    "conv2d": frozenset({"conv1d", "conv3d", "Conv1d", "Conv3d", "conv_tbc", "conv_transpose1d", "conv_transpose3d",
                         "LazyConv2d"}),
    "max_pool2d": frozenset({"max_pool1d", "max_pool3d", "MaxPool1d", "MaxPool3d", "adaptive_max_pool1d",
                             "adaptive_max_pool3d", "AdaptiveMaxPool2d", "FractionalMaxPool2d", "LPPool2d"}),
    "avg_pool2d": frozenset({"avg_pool1d", "avg_pool3d", "AvgPool1d", "AvgPool3d", "adaptive_avg_pool1d",
                             "adaptive_avg_pool3d", "AdaptiveAvgPool2d"}),
    "Adam": frozenset({"NAdam", "RAdam", "Adamax", "SparseAdam", "nadam", "radam", "adamax"}),
    "dropout": frozenset({"dropout1d", "dropout2d", "dropout3d", "Dropout1d", "Dropout2d", "Dropout3d",
                          "FeatureAlphaDropout", "feature_dropout", "feature_dropout_", "alpha_dropout_"}),
    "backward": frozenset({"grad_fn", "register_hook"}),
}
"""Built-ins that compute what a forbidden one computes under another name (``x - F.tanhshrink(x)`` is
``tanh(x)``; a 2-D pooling is a 3-D one on a view): forbidding a name forbids these too."""


def forbidden_family(forbidden: Iterable[str]) -> set[str]:
    """``forbidden`` with each name's in-place variant (``sigmoid_``) and the built-ins that compute
    the same thing under another name (``SAME_COMPUTATION``).

    Example:
        >>> sorted(forbidden_family({"tanh"}))
        ['Tanh', 'Tanhshrink', 'tanh', 'tanh_', 'tanhshrink', 'tanhshrink_']
    """
    names = set(forbidden)
    for name in list(names):
        names |= SAME_COMPUTATION.get(name, frozenset())
    return names | {name + "_" for name in names if not name.endswith("_") and name[:1].islower()}


def check_from_scratch(name: str, answer: Callable | type, forbidden: Iterable[str], hint: str = "") -> None:
    """Fail if ``answer`` (a function or class) uses a library function named in ``forbidden``.

    An exercise that says "from scratch" forbids the built-in that does the work: ``forbidden``
    holds names such as ``"sigmoid"`` or ``"max_pool2d"``, matched as an attribute anywhere in the
    answer (``torch.sigmoid``, ``F.max_pool2d``, ``x.sigmoid()``, ``nn.Sigmoid``) or imported by name
    (``from torch import sigmoid``). The check follows the names the answer's code reads, into the
    helpers the student wrote (their functions, classes, lambdas, ``functools.partial``), so a
    built-in bound to another name (``s = torch.sigmoid``) or called from a helper is found too. A
    name of the student's own (``relu(x)`` calling their ``relu``) is allowed.

    Example:
        >>> def relu(x):
        ...     return x.clamp(min=0)
        >>> check_from_scratch("relu", relu, {"relu"})
        >>> shortcut = torch.relu
        >>> def relu(x):
        ...     return shortcut(x)
        >>> check_from_scratch("relu", relu, {"relu"})
        Traceback (most recent call last):
        ...
        course_utils.checks.CheckFailed: relu: expected your own computation (the exercise is from scratch), \
got the built-in torch.relu, reached through the name shortcut.
    """
    __tracebackhide__ = True
    sources = _own_sources(answer)
    if not sources:
        _fail(name, "your own function or class, written in the answer cell",
              f"{getattr(answer, '__qualname__', type(answer).__name__)}, which has no code of yours", hint)
    forbidden = forbidden_family(forbidden)
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            used = node.attr if isinstance(node, ast.Attribute) else None
            if isinstance(node, ast.ImportFrom):
                used = next((a.name for a in node.names if a.name in forbidden), None)
            if used in forbidden:
                where = ast.get_source_segment(source, node) if isinstance(node, ast.Attribute) else f"import {used}"
                _fail(name, "your own computation (the exercise is from scratch)",
                      f"a call to the built-in {where} (line {node.lineno} of {name})", hint)
    reached = _reached_builtin(answer, forbidden)
    if reached:
        _fail(name, "your own computation (the exercise is from scratch)", reached, hint)


def _own_sources(answer: object) -> list[str]:
    """The source of ``answer``, dedented; for a class whose source Python cannot find (a class
    defined in a notebook cell, on Python 3.11), the sources of its own methods and properties."""
    try:
        return [textwrap.dedent(inspect.getsource(answer))]
    except (OSError, TypeError):
        if not isinstance(answer, type):
            return []
    found = []
    for member in vars(answer).values():
        functions = [member.fget, member.fset] if isinstance(member, property) else [getattr(member, "__func__", member)]
        for function in functions:
            if isinstance(function, types.FunctionType):
                try:
                    found.append(textwrap.dedent(inspect.getsource(function)))
                except (OSError, TypeError):
                    continue
    return found


_LIBRARIES = (torch, torch.nn.functional, torch.nn, torch.special, torch.Tensor, torch.nn.init, torch.optim,
              torch.linalg, torch.nn.utils, torch.autograd)


def _library_objects(forbidden: set[str]) -> dict[int, str]:
    """The library functions and classes that ``forbidden`` names, by id: ``torch.relu``, ``F.relu``, ..."""
    found = {}
    for library in _LIBRARIES:
        for attribute in forbidden:
            value = getattr(library, attribute, None)
            if value is not None:
                found[id(value)] = f"{getattr(library, '__name__', 'torch')}.{attribute}"
    return found


def _is_own(value: object) -> bool:
    """Code written in the notebook (or a test), not in a library: a function or class whose file is
    neither in the Python installation nor in a package of the environment."""
    code = getattr(value, "__code__", None)
    if code is None and isinstance(value, type):
        module = getattr(value, "__module__", "")
        return module == "__main__" or not module.split(".")[0] in {"torch", "numpy", "course_utils", "builtins"}
    if code is None:
        return False
    filename = code.co_filename
    return not filename.startswith(_INSTALLED)


_INSTALLED = tuple({path for key in ("stdlib", "platstdlib", "purelib", "platlib")
                    for path in [sysconfig.get_paths().get(key)] if path}
                   | {os.path.dirname(os.path.abspath(__file__))})  # course_utils itself


def _reached_builtin(answer: object, forbidden: set[str]) -> str | None:
    """How ``answer`` reaches a forbidden library function through the names its code reads, or None."""
    library = _library_objects(forbidden)
    todo: list[object] = [answer]
    seen: set[int] = set()
    while todo:
        value = todo.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, functools.partial):
            for part in (value.func, *value.args, *value.keywords.values()):
                if id(part) in library:
                    return f"the built-in {library[id(part)]}, inside a functools.partial"
                todo.append(part)
            continue
        if isinstance(value, (staticmethod, classmethod)):
            todo.append(value.__func__)
            continue
        if isinstance(value, property):
            todo += [value.fget, value.fset]
            continue
        if isinstance(value, type):
            if _is_own(value):
                todo += list(vars(value).values())
            continue
        if isinstance(value, types.FunctionType) and hasattr(value, "__wrapped__"):
            todo.append(value.__wrapped__)  # a decorator's wrapper (@torch.no_grad()): the student's function inside
        if not (isinstance(value, types.FunctionType) and _is_own(value)):
            continue
        namespace = {**vars(builtins), **value.__globals__}
        closure = [cell.cell_contents for cell in value.__closure__ or () if _filled(cell)]
        values = [*closure, *(value.__defaults__ or ()), *(value.__kwdefaults__ or {}).values()]
        for code in _code_objects(value.__code__):
            for used in code.co_names:
                target = namespace.get(used)
                if id(target) in library:
                    return f"the built-in {library[id(target)]}, reached through the name {used}"
                if id(type(target)) in library:
                    return f"the built-in {library[id(type(target))]}, reached through the name {used}"
                if used in forbidden and not _is_own(target):
                    return f"a call to the built-in {used} (in {value.__qualname__})"
                if target is not None:
                    values.append(target)
        for found in values:
            if id(found) in library or id(type(found)) in library:
                what = library.get(id(found)) or library[id(type(found))]
                return f"the built-in {what}, reached through {value.__qualname__}'s defaults or closure"
        todo += values
    return None


def _filled(cell: types.CellType) -> bool:
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True


def _code_objects(code: types.CodeType) -> list[types.CodeType]:
    """``code`` and the code of the functions, lambdas and comprehensions nested in it."""
    found = [code]
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            found += _code_objects(constant)
    return found


def count_parameters(model: nn.Module, trainable_only: bool = True) -> int:
    """Number of (trainable) parameters of ``model``.

    Example:
        >>> count_parameters(nn.Linear(784, 10))
        7850
    """
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def check_param_count(name: str, model: nn.Module, expected: int, hint: str = "") -> None:
    """Fail unless ``model`` has ``expected`` trainable parameters.

    Example:
        >>> check_param_count("Linear(3, 2)", nn.Linear(3, 2), 8)
    """
    __tracebackhide__ = True
    got = count_parameters(model)
    if got != expected:
        _fail(name, f"{expected:,} trainable parameters", f"{got:,}", hint)


def layer_types(model: nn.Module) -> list[str]:
    """Class names of the leaf modules of ``model``, in registration order.

    Example:
        >>> layer_types(nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Sequential(nn.Linear(3, 1))))
        ['Linear', 'ReLU', 'Linear']
    """
    return [type(m).__name__ for m in model.modules() if not list(m.children())]


def check_layers(name: str, model: nn.Module, expected: Sequence[str], hint: str = "") -> None:
    """Fail unless the leaf layers of ``model`` are, in order, of the classes named in ``expected``.

    Example:
        >>> check_layers("net", nn.Sequential(nn.Linear(2, 2), nn.Tanh()), ["Linear", "Tanh"])
    """
    __tracebackhide__ = True
    got = layer_types(model)
    if got != list(expected):
        _fail(name, f"layers {' -> '.join(expected)}", " -> ".join(got) or "no layers", hint)


def passed(what: str, points: float, hidden: bool = False) -> None:
    """Print the one line that ends a passing test cell: ``✓ <what> (<points> points)``.

    ``hidden=True`` for a cell that also has hidden tests: a student's run (which cannot see them)
    says they run at grading; under ``nbgrader autograde`` they have run, and the line says so.

    Example:
        >>> passed("VanillaMLP: output shape and parameter count", 1)
        ✓ VanillaMLP: output shape and parameter count (1 point)
        >>> passed("VanillaMLP: forward", 2, hidden=True)  # doctest: +SKIP
        ✓ VanillaMLP: forward (2 points; hidden tests run when your notebook is graded)
    """
    unit = "point" if points == 1 else "points"
    amount = f"{points:g} {unit}"
    if hidden:
        graded = os.environ.get("NBGRADER_EXECUTION") == "autograde"
        amount += "; hidden tests included" if graded else "; hidden tests run when your notebook is graded"
    print(f"✓ {what} ({amount})")
