"""The code policy for student-written code, checked statically (Python's ``ast``) before it runs.

Marks must come from the student's answers only. In-process Python has no perfect sandbox, so
the first layer is this: before a submission runs, every answer cell (and every cell the student
added) is parsed, and code that reaches for the machinery that could fake a mark is refused.

The rules (each violation names its cell, its line and its rule):

- ``import``: modules from the assignment's allow-list only (``ALLOWED_IMPORTS``); no ``import *``.
- ``machinery``: no IPython or interpreter machinery: ``get_ipython``, ``exec``, ``eval``,
  ``compile``, ``__import__``, ``globals``, ``vars``, ``locals``, ``open``, IPython's history
  (``In``, ``Out``, ``_ih``, ...), magics and shell commands, ``sys``/``inspect``/``gc``/... reached
  through another module, frames and tracebacks (``f_back``, ``tb_frame``, ...), trace hooks.
- ``dunder``: no double-underscore names (``__globals__``, ``__subclasses__``, ``__builtins__``,
  ``"__dict__"`` as a string) except the few a class needs (``__init__``, ``__repr__``, ...), and no
  ``__torch_function__``-style hooks or metaclasses that change how tests see an answer, and no class
  built by a call (``type(name, bases, namespace)`` under any name, ``type(x)(...)``, ``abc.ABCMeta(...)``,
  Enum's functional API, ``make_dataclass``): its namespace can carry any double-underscore method
  under a computed name (a number whose ``__eq__`` always says yes). ``type(x)`` and ``x.__class__``
  may be called, compared, read (``type(x).__name__``) and checked against, not handed on (returned,
  passed to a function, put in a list): ``type(int)`` is ``type``.
- ``library``: no private parts of a library (``torch._C``), no ``getattr`` with a computed name
  (except on ``self``), no pickles (``allow_pickle=True``, ``weights_only=False``), no subclass of
  a tensor class under any name (``T = torch.Tensor; class A(T)``, ``torchvision.tv_tensors.Image``), no
  class whose base is computed (``class A(type(x))``).
- ``machinery`` also covers a module outside the allow-list reached through an allowed one
  (``dataclasses.types``, ``tqdm.std.io``, ``from torch.utils.data.dataloader import queue``) and a
  machinery built-in found under another name (``io.open``): attribute chains from a module are
  resolved against the installed libraries, without running the answer.
- ``patching``: no assignment to (or deletion or ``setattr`` of) an attribute of a module, of a
  name the instructor's cells define, or of an alias of either (``torch.allclose = ...``,
  ``F.relu = ...``, ``BUDGET.epochs = 1``, ``nn_ = torch.nn; nn_.Linear.forward = f``,
  ``type(t).sum = f``), nor of an object an expression returns (``m().allclose = f``).
- ``rebinding``: no top-level (re)binding of a name the instructor's cells define, a built-in or a
  check helper (``check_close = ...``, ``torch = ...``, ``def isinstance(...)``).

Cells the student added are never run at grading; they are checked with the same rules except
the import allow-list and the rebinding of ordinary instructor variables (scratch cells often say
``import os`` or ``model = ...``), so that attempts to tamper are still reported.

Example:
    >>> found = check_cell("get_ipython().input_transformers_cleanup.append(f)", "ex1_mlp",
    ...                    Context.for_cells([], "01_mlp"))
    >>> sorted({(v.line, v.rule) for v in found})
    [(1, 'machinery')]
"""

from __future__ import annotations

import ast
import builtins
import enum
import functools
import importlib
import os
import re
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from IPython.core.inputtransformer2 import TransformerManager

# --- the allow-lists ------------------------------------------------------------------------------

COMMON_IMPORTS = frozenset({
    "torch", "numpy", "math", "cmath", "re", "string", "collections", "itertools", "functools",
    "operator", "typing", "dataclasses", "copy", "random", "statistics", "heapq", "bisect", "enum",
    "numbers", "fractions", "decimal", "time", "abc", "unicodedata", "html", "textwrap", "warnings",
    "matplotlib", "tqdm", "torchvision", "course_utils",
})
ALLOWED_IMPORTS: dict[str, frozenset[str]] = {
    "01_mlp": COMMON_IMPORTS,
    "02_lenet": COMMON_IMPORTS,
    "03_rnn_sentiment": COMMON_IMPORTS,
}
"""Top-level modules an answer may import, per assignment (their public submodules too)."""

DENIED_MODULES = frozenset({
    "torch.utils.cpp_extension", "torch.library", "torch.hub", "torch.package", "torch.multiprocessing",
    "torch.distributed", "torch.overrides", "torch.ops", "torch.fx", "torch.serialization", "numpy.ctypeslib",
    "numpy.f2py", "numpy.testing", "torch.utils.benchmark", "torch.utils.bottleneck", "torch.utils.collect_env",
})
"""Public submodules of allowed packages that can run native code, run Python from a string
(``torch.utils.benchmark.Timer(stmt=...)``) or rewire PyTorch."""

MACHINERY_NAMES = frozenset({
    "get_ipython", "exec", "eval", "compile", "__import__", "globals", "locals", "vars", "open",
    "breakpoint", "input", "exit", "quit", "In", "Out", "_ih", "_oh", "_dh",
    "_i", "_ii", "_iii", "__", "___",
})
HARMLESS_IN_SCRATCH = frozenset({"open", "input", "exit", "quit", "breakpoint"})  # added cells never run
HISTORY_NAME = re.compile(r"_i?\d+$")  # _i12 and _12: IPython's inputs and outputs by number
MACHINERY_ATTRIBUTES = frozenset({
    # modules that reach the interpreter, when found as an attribute of another module (torch.sys)
    "sys", "os", "builtins", "importlib", "inspect", "gc", "ctypes", "linecache", "traceback",
    "threading", "subprocess", "IPython", "ipykernel", "atexit", "pickle", "marshal", "shutil",
    # frames, code objects and tracebacks
    "f_back", "f_globals", "f_locals", "f_builtins", "f_code", "f_trace", "f_lineno", "tb_frame",
    "tb_next", "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "co_code", "co_consts",
    "_getframe", "settrace", "setprofile", "gettrace", "getprofile", "meta_path",
    "path_hooks", "displayhook", "excepthook",
    # IPython's shell and kernel
    "input_transformers_cleanup", "input_transformers_post", "input_transformer_manager",
    "ast_transformers", "showtraceback", "showsyntaxerror", "set_custom_exc", "custom_exceptions",
    "CustomTB", "InteractiveTB", "user_ns", "user_global_ns", "run_cell", "run_line_magic",
    "run_cell_magic", "history_manager",
    # PyTorch and NumPy hooks that rewire every later call
    "library", "ops", "cpp_extension", "ctypeslib", "load_library", "set_default_tensor_type", "overrides",
    "fx", "serialization", "add_safe_globals", "safe_globals", "multiprocessing", "distributed", "hub",
    "register_module_forward_hook", "register_module_forward_pre_hook", "register_module_backward_hook",
    "register_module_full_backward_hook", "register_module_full_backward_pre_hook",
    "register_module_buffer_registration_hook", "register_module_module_registration_hook",
    "register_module_parameter_registration_hook",
    # attribute access by a computed name, and code run from strings (annotations, format fields)
    "attrgetter", "methodcaller", "get_type_hints", "ForwardRef", "get_field", "singledispatch",
    "singledispatchmethod",
    # classes built from a namespace whose keys are computed (dunders under any name)
    "make_dataclass", "new_class", "prepare_class",
})
UNPICKLING_KEYWORDS = {"weights_only": True, "allow_pickle": False}
"""Keywords of ``torch.load``/``numpy.load`` that an answer may pass only with their safe value: a pickle
can run any code at all."""
REFLECTION = frozenset({"getattr", "setattr", "delattr"})
TENSOR_CLASSES = frozenset({"Tensor", "Parameter", "TensorBase"})
"""Classes an answer may not subclass: a subclass decides what every comparison of it says."""
TAMPERING_MODULES = frozenset({"builtins", "importlib", "inspect", "gc", "ctypes", "IPython", "ipykernel",
                               "linecache", "traceback"})
"""Modules whose import is reported even in a cell the student added (``os`` or ``sys`` there are scratch habits)."""
ALLOWED_DUNDERS = frozenset({
    "__init__", "__name__", "__qualname__", "__doc__", "__class__", "__repr__", "__str__", "__len__",
    "__getitem__", "__setitem__", "__iter__", "__next__", "__call__", "__contains__", "__post_init__",
    "__enter__", "__exit__", "__main__",
})
"""Double-underscore names a student's class may define or use; every other one is refused."""
CHECK_MODULE = "course_utils.checks"

ADVICE = {
    "import": "import only what the exercise needs from the assignment's allowed modules ({allowed})",
    "machinery": "remove it: answers use plain Python and the libraries, never the notebook's or the "
                 "interpreter's machinery",
    "dunder": "remove it: write the answer with ordinary names and methods",
    "library": "use the library's public functions by their names",
    "patching": "remove it: an answer may not change a library or the instructor's objects; write your "
                "own function instead",
    "rebinding": "rename your variable or function: this name belongs to the notebook (or to Python)",
    "magic": "remove the magic or shell command: answer cells hold plain Python",
}


@dataclass(frozen=True)
class Violation:
    """One breach of the code policy: where (cell, line), which rule, what was found."""

    cell: str
    line: int
    rule: str
    found: str
    advice: str = ""

    def message(self) -> str:
        """The teaching message: what, where, what to do.

        Example:
            >>> Violation("ex2_relu", 3, "machinery", "eval").message()
            'Code policy: cell ex2_relu, line 3: eval is not allowed (rule: machinery). What to do: ...'
        """
        return (f"Code policy: cell {self.cell}, line {self.line}: {self.found} is not allowed "
                f"(rule: {self.rule}). What to do: {self.advice or '...'}")


@dataclass
class Context:
    """What the checks need to know about a notebook: its assignment and the names its instructor
    cells define (which answers must not rebind)."""

    assignment: str
    protected: frozenset[str] = frozenset()
    modules: dict[str, str] = field(default_factory=dict)  # what the instructor's imports bind: F -> torch.nn.functional
    allowed_imports: frozenset[str] = COMMON_IMPORTS

    @classmethod
    def for_cells(cls, instructor_sources: Iterable[str], assignment: str, answer_sources: Iterable[str] = (),
                  test_sources: Iterable[str] = ()) -> "Context":
        """Protected names: those that the ``instructor_sources`` bind at top level and that some
        instructor or test cell reads without binding it itself (rebinding them changes another
        cell), except those the answers are meant to bind (as in their stubs); and always the
        built-ins, the check helpers and the modules the instructor's cells import.

        Example:
            >>> ctx = Context.for_cells(["from course_utils.checks import check_close", "x = 1\\nfor i in range(2): pass",
            ...                          "print(x)"], "01_mlp")
            >>> "check_close" in ctx.protected, "x" in ctx.protected, "i" in ctx.protected
            (True, True, False)
        """
        instructor_sources, test_sources = list(instructor_sources), list(test_sources)
        bound: set[str] = set()
        relied: set[str] = set()
        modules: dict[str, str] = {}
        for source in instructor_sources + test_sources:
            tree = parse(source)
            if tree is None:
                continue
            here = {name for name, _ in top_level_bindings(tree)}
            anywhere = here | {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
            anywhere |= {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
            relied |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)} - anywhere
            if source in instructor_sources:
                bound |= here
                modules.update(import_bindings(tree))
        own: set[str] = set()
        for source in answer_sources:
            tree = parse(source)
            if tree is not None:
                own |= {name for name, _ in top_level_bindings(tree)}
        protected = {n for n in (bound & relied) - own if not n.startswith("_")}
        protected |= set(modules) | set(dir(builtins)) | set(check_helpers())
        return cls(assignment, frozenset(protected - {"_"}), modules,
                   ALLOWED_IMPORTS.get(assignment, COMMON_IMPORTS))


def policy_enabled(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether grading applies the code policy, static and at run time: ``COURSE_CODE_POLICY=0`` turns
    both off, only for testing the layers below them (the sandbox) alone.

    Example:
        >>> policy_enabled({"COURSE_CODE_POLICY": "off"}), policy_enabled({})
        (False, True)
    """
    return environ.get("COURSE_CODE_POLICY", "1").strip().lower() not in {"0", "false", "no", "off"}


@functools.cache
def check_helpers() -> frozenset[str]:
    """The public names of ``course_utils.checks`` (what every test cell relies on)."""
    import course_utils.checks as checks

    return frozenset(name for name, value in vars(checks).items()
                     if not name.startswith("_") and getattr(value, "__module__", None) == checks.__name__)


@functools.cache
def _machinery_builtins() -> dict[int, str]:
    """The built-ins the ``machinery`` and reflection rules refuse, by id (``io.open`` is ``open``)."""
    return {id(getattr(builtins, name)): name for name in MACHINERY_NAMES | REFLECTION if hasattr(builtins, name)}


def _module_allowed(module: types.ModuleType, allowed: frozenset[str]) -> bool:
    name = module.__name__
    return name.split(".")[0] in allowed and not any(name == d or name.startswith(d + ".") for d in DENIED_MODULES)


@functools.lru_cache(maxsize=4096)
def resolve(dotted: str, allowed: frozenset[str]) -> tuple[object, str] | None:
    """What ``dotted`` names in the installed libraries, walked from a module of the ``allowed`` list
    through modules only (importing them; no answer code runs), with the path walked: where the walk
    meets a module off the list, it stops there and returns that module. ``None`` where it cannot be
    known (a private or missing name, a name reached through an object that is not a module).

    Example:
        >>> module, path = resolve("dataclasses.types.new_class", frozenset({"dataclasses"}))
        >>> module.__name__, path
        ('types', 'dataclasses.types')
        >>> resolve("builtins.open", frozenset())[0] is open
        True
    """
    parts = dotted.split(".")
    if parts[0] == "builtins":
        return (getattr(builtins, parts[1]), dotted) if len(parts) == 2 and hasattr(builtins, parts[1]) else None
    if parts[0] not in allowed or any(part.startswith("_") for part in parts):
        return None
    try:
        current: object = importlib.import_module(parts[0])
    except Exception:  # noqa: BLE001 - a library that fails to import is not the answer's doing
        return None
    for index, part in enumerate(parts[1:], start=1):
        if not isinstance(current, types.ModuleType):
            return None
        if not _module_allowed(current, allowed):
            return current, ".".join(parts[:index])
        submodule = f"{current.__name__}.{part}"
        if hasattr(current, part):
            current = getattr(current, part)
        elif any(submodule == d or submodule.startswith(d + ".") for d in DENIED_MODULES):
            return None  # the import rule names it; importing it here would run what it guards against
        else:
            try:
                current = importlib.import_module(submodule)
            except Exception:  # noqa: BLE001
                return None
    return current, dotted


def _tensor_class() -> type:
    import torch

    return torch.Tensor


def import_bindings(tree: ast.AST) -> dict[str, str]:
    """What each import in ``tree`` binds: name -> the module (or module attribute) it names.

    Example:
        >>> import_bindings(ast.parse("import torch.nn.functional as F\\nfrom torch import nn\\nimport numpy.linalg"))
        {'F': 'torch.nn.functional', 'nn': 'torch.nn', 'numpy': 'numpy'}
    """
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bound


def parse(source: str) -> ast.Module | None:
    """``source`` as IPython would run it (magics translated), parsed; ``None`` if it is not Python."""
    try:
        return ast.parse(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError):
        return None


def top_level_bindings(tree: ast.Module) -> list[tuple[str, int]]:
    """Names a cell binds in the notebook's namespace, with their lines (function bodies excluded,
    ``global`` declarations and walrus targets included).

    Example:
        >>> top_level_bindings(ast.parse("import torch.nn as nn\\nx, (y, z) = 1, (2, 3)\\ndef f():\\n    w = 1"))
        [('nn', 1), ('x', 2), ('y', 2), ('z', 2), ('f', 3)]
    """
    found: list[tuple[str, int]] = []

    def targets(node: ast.AST) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
                found.append((sub.id, sub.lineno))

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if not in_function:
                    found.append((child.name, child.lineno))
                for sub in ast.walk(child):
                    if isinstance(sub, ast.Global):
                        found.extend((name, sub.lineno) for name in sub.names)
                continue
            if isinstance(child, ast.Lambda):
                continue
            if not in_function:
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    for alias in child.names:
                        if alias.name != "*":
                            found.append(((alias.asname or alias.name).split(".")[0], child.lineno))
                elif isinstance(child, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                    for target in getattr(child, "targets", None) or [child.target]:
                        targets(target)
                elif isinstance(child, (ast.For, ast.AsyncFor)):
                    targets(child.target)
                elif isinstance(child, ast.withitem) and child.optional_vars is not None:
                    targets(child.optional_vars)
                elif isinstance(child, ast.ExceptHandler) and child.name:
                    found.append((child.name, child.lineno))
                elif isinstance(child, ast.Delete):
                    for target in child.targets:
                        targets(target)
                elif isinstance(child, ast.NamedExpr):
                    targets(child.target)
                elif isinstance(child, (ast.MatchAs, ast.MatchStar)) and child.name:
                    found.append((child.name, child.lineno))
                elif isinstance(child, ast.MatchMapping) and child.rest:
                    found.append((child.rest, child.lineno))
                elif isinstance(child, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                    for sub in ast.walk(child):  # a walrus in a comprehension binds outside it
                        if isinstance(sub, ast.NamedExpr):
                            targets(sub.target)
                    continue
            visit(child, in_function)

    visit(tree, False)
    return found


# --- the checker ----------------------------------------------------------------------------------

def _is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _root(node: ast.AST) -> ast.Name | None:
    """The name an attribute or subscript chain starts from (``torch`` in ``torch.nn.f[0].x``)."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node if isinstance(node, ast.Name) else None


@dataclass
class _Checker(ast.NodeVisitor):
    cell: str
    context: Context
    added: bool
    modules: set[str] = field(default_factory=set)  # names bound to modules by imports in this cell
    aliases: set[str] = field(default_factory=set)  # names bound to a module, an instructor object, ... (find_aliases)
    called: set[int] = field(default_factory=set)  # ids of the nodes called directly (f in f(x))
    found: list[Violation] = field(default_factory=list)
    scopes: list[set[str]] = field(default_factory=list)  # local names of the enclosing functions
    paths: dict[str, str] = field(default_factory=dict)  # names bound to a dotted library name: s -> tqdm.std
    metaclasses: set[str] = field(default_factory=set)  # names bound to what may be a metaclass (type(x))
    type_as_class: set[int] = field(default_factory=set)  # ids of `type` names used as a class (isinstance, hints)

    def flag(self, node: ast.AST, rule: str, what: str) -> None:
        advice = ADVICE[rule].format(allowed=", ".join(sorted(self.context.allowed_imports)))
        self.found.append(Violation(self.cell, getattr(node, "lineno", 1), rule, what, advice))

    def special(self, name: str) -> bool:
        """Names that reach a module, an instructor object, a built-in or a check helper (not a
        function's own local variable of the same name, unless it was bound to one of them)."""
        if name in self.aliases:
            return True
        if any(name in scope for scope in self.scopes):
            return False
        return name in self.modules or name in self.context.modules or name in self.context.protected

    def reaches_special(self, node: ast.AST | None) -> bool:
        """Whether ``node`` names a module, an instructor object or a built-in, or a part of one
        (``torch.nn.Linear``, ``type(x)``, ``x.__class__``, ``(torch, F)``): binding it to a name makes an alias."""
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return any(self.reaches_special(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return any(self.reaches_special(v) for v in node.values)
        if isinstance(node, ast.Starred):
            return self.reaches_special(node.value)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"type", "getattr"}:
            return bool(node.args) and (node.func.id == "type" or self.reaches_special(node.args[0]))
        chain = node
        while isinstance(chain, ast.Attribute):
            if _is_dunder(chain.attr):
                return True
            chain = chain.value
        return isinstance(chain, ast.Name) and self.special(chain.id)

    def dotted(self, node: ast.AST) -> str | None:
        """The library name ``node`` spells, through the cell's imports and aliases (``s.io`` after
        ``s = tqdm.std`` is ``tqdm.std.io``; ``getattr(m, "x")`` is ``m.x``); ``None`` for anything else.

        Example:
            >>> checker = _Checker("c", Context("01_mlp", modules={"F": "torch.nn.functional"}), False)
            >>> checker.dotted(ast.parse("F.relu", mode="eval").body), checker.dotted(ast.parse("x.y", mode="eval").body)
            ('torch.nn.functional.relu', None)
        """
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return f"{base}.{node.attr}" if base else None
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
                and len(node.args) == 2 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            base = self.dotted(node.args[0])
            return f"{base}.{node.args[1].value}" if base else None
        if not isinstance(node, ast.Name):
            return None
        if node.id in self.paths:
            return self.paths[node.id]
        if any(node.id in scope for scope in self.scopes) or node.id in self.aliases:
            return None
        if node.id in self.context.modules:
            return self.context.modules[node.id]
        return f"builtins.{node.id}" if hasattr(builtins, node.id) else None

    @functools.cached_property
    def reachable(self) -> frozenset[str]:
        """The packages an answer may use: the allow-list and what the instructor's cells imported."""
        return self.context.allowed_imports | {module.split(".")[0] for module in self.context.modules.values()}

    def resolved(self, node: ast.AST) -> tuple[object, str] | None:
        dotted = self.dotted(node)
        return resolve(dotted, self.reachable) if dotted else None

    def may_be_metaclass(self, node: ast.AST) -> bool:
        """``type(x)``, ``x.__class__``, a metaclass by name (``abc.ABCMeta``) or a name bound to one of these."""
        if isinstance(node, ast.Call) and self.dotted(node.func) == "builtins.type" and len(node.args) == 1:
            return True
        if isinstance(node, ast.Attribute) and node.attr == "__class__":
            return True
        if (isinstance(node, ast.Call) and self.dotted(node.func) == "builtins.getattr" and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant) and node.args[1].value == "__class__"):
            return True
        if isinstance(node, ast.Name) and node.id in self.metaclasses:
            return True
        found = self.resolved(node)
        return found is not None and isinstance(found[0], type) and issubclass(found[0], type)

    def find_aliases(self, tree: ast.AST) -> None:
        """Every name the cell binds (anywhere) to what ``reaches_special``: ``nn_ = torch.nn`` then
        ``nn_.Linear.forward = f`` is patching torch, as ``torch.nn.Linear.forward = f`` is. Names bound
        to a library name keep it (``dotted``), and names bound to a possible metaclass are remembered."""
        self.paths.update(import_bindings(tree))
        pairs: list[tuple[ast.AST, ast.AST | None]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                pairs += [(target, node.value) for target in node.targets]
            elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)):
                pairs.append((node.target, node.value))
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
                pairs.append((node.target, node.iter))
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                pairs.append((node.optional_vars, node.context_expr))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                arguments = node.args
                positional = [*arguments.posonlyargs, *arguments.args]
                pairs += list(zip(positional[len(positional) - len(arguments.defaults):], arguments.defaults))
                pairs += [(a, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d is not None]
        changed = True
        while changed:  # to a fixed point: b = a after a = torch
            changed = False
            for target, value in pairs:
                name = target.arg if isinstance(target, ast.arg) else target.id if isinstance(target, ast.Name) else None
                if name and value is not None:
                    dotted = self.dotted(value)
                    if dotted and self.paths.get(name) != dotted and name not in self.paths:
                        self.paths[name] = dotted
                        changed = True
                    if name not in self.metaclasses and self.may_be_metaclass(value):
                        self.metaclasses.add(name)
                        changed = True
                if not self.reaches_special(value):
                    continue
                for sub in ast.walk(target):
                    name = sub.arg if isinstance(sub, ast.arg) else sub.id if isinstance(sub, ast.Name) else None
                    if name and name not in self.aliases:
                        self.aliases.add(name)
                        changed = True

    def _check_reach(self, node: ast.AST, dotted: str | None) -> None:
        """A module off the allow-list, or a machinery built-in, reached through an allowed module."""
        found = resolve(dotted, self.reachable) if dotted and not dotted.startswith("builtins.") else None
        if found is None:
            return
        value, path = found
        if isinstance(value, types.ModuleType) and not _module_allowed(value, self.reachable):
            self.flag(node, "machinery", f"the module {value.__name__}, reached as {path},")
        elif callable(value) and id(value) in _machinery_builtins():
            self.flag(node, "machinery", f"{_machinery_builtins()[id(value)]}, reached as {path},")

    # imports
    def _check_module(self, node: ast.AST, module: str) -> None:
        parts = module.split(".")
        if any(p.startswith("_") for p in parts):
            self.flag(node, "library", f"the private module {module}")
        elif any(module == d or module.startswith(d + ".") for d in DENIED_MODULES):
            self.flag(node, "library", f"the module {module}")
        elif parts[0] in MACHINERY_ATTRIBUTES and parts[0] not in self.context.allowed_imports:
            if not self.added or parts[0] in TAMPERING_MODULES:
                self.flag(node, "machinery", f"import {module}")
        elif parts[0] not in self.context.allowed_imports and not self.added:
            self.flag(node, "import", f"import {module}")

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._check_module(node, alias.name)
            self.modules.add((alias.asname or alias.name).split(".")[0])
        self._check_import_bindings(node)
        self.generic_visit(node)

    def _check_import_bindings(self, node: ast.Import | ast.ImportFrom) -> None:
        """An import binds a name as an assignment does: in a class body, ``from os.path import join as
        __eq__`` gives the class a comparison."""
        for alias in node.names:
            bound = alias.asname or alias.name.split(".")[0]
            if _is_dunder(bound) and bound not in ALLOWED_DUNDERS:
                self.flag(node, "dunder", f"{bound} bound by an import")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self._check_import_bindings(node)
        module = "." * node.level + (node.module or "")
        if node.level:
            self.flag(node, "import", f"the relative import from {module}")
        else:
            self._check_module(node, module)
        for alias in node.names:
            if alias.name == "*":
                self.flag(node, "import", f"from {module} import *")
                continue
            self._check_name(node, alias.name, attribute=True)
            if not node.level and node.module:
                self._check_reach(node, f"{node.module}.{alias.name}")
            self.modules.add(alias.asname or alias.name)  # may be a module: treat it as one
        self.generic_visit(node)

    # names and attributes
    def _check_name(self, node: ast.AST, name: str, attribute: bool) -> None:
        if _is_dunder(name) and name not in ALLOWED_DUNDERS:
            self.flag(node, "dunder", name)
        elif attribute and name in MACHINERY_ATTRIBUTES:
            self.flag(node, "machinery", f"the attribute {name}")
        elif not attribute and (name in MACHINERY_NAMES or HISTORY_NAME.match(name)):
            if not (self.added and name in HARMLESS_IN_SCRATCH):
                self.flag(node, "machinery", name)

    def visit_Name(self, node: ast.Name) -> None:
        self._check_name(node, node.id, attribute=False)
        if node.id in REFLECTION and id(node) not in self.called and not any(node.id in s for s in self.scopes):
            self.flag(node, "machinery", f"{node.id} passed around as a value")
        if (node.id == "type" and id(node) not in self.called and id(node) not in self.type_as_class
                and self.dotted(node) == "builtins.type"):
            self.flag(node, "dunder", "type passed around as a value (called with three arguments, it builds a class)")

    def _check_pattern_name(self, node: ast.AST, name: str | None) -> None:
        # ``case __eq__:`` and ``except E as __eq__`` bind a name as an assignment does
        if name is not None:
            self._check_name(node, name, attribute=False)
        self.generic_visit(node)

    def visit_MatchAs(self, node: ast.MatchAs) -> None:
        self._check_pattern_name(node, node.name)

    def visit_MatchStar(self, node: ast.MatchStar) -> None:
        self._check_pattern_name(node, node.name)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        self._check_pattern_name(node, node.rest)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self._check_pattern_name(node, node.name)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self._check_name(node, node.attr, attribute=True)
        self._check_reach(node, self.dotted(node))
        root = _root(node)
        if (node.attr.startswith("_") and not _is_dunder(node.attr) and root is not None
                and root.id != "self" and self.special(root.id)):
            self.flag(node, "library", f"the private attribute {node.attr}")
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self._check_target(node)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self._check_target(node)
        self.generic_visit(node)

    def _check_target(self, node: ast.AST, what: str | None = None) -> None:
        """An attribute or item being set or deleted (``what``: how to name it, for setattr)."""
        root = _root(node)
        what = what or f"changing {ast.unparse(node)}"
        through = []  # the objects on the way from the root to the target
        chain = node.value if isinstance(node, (ast.Attribute, ast.Subscript)) else node
        while isinstance(chain, (ast.Attribute, ast.Subscript, ast.Call)):
            through.append(chain)
            chain = chain.func if isinstance(chain, ast.Call) else chain.value
        if isinstance(node, ast.Attribute) and _is_dunder(node.attr):
            self.flag(node, "dunder", f"assignment to {node.attr}")
        elif any(isinstance(step, ast.Attribute) and _is_dunder(step.attr) for step in through):
            self.flag(node, "dunder", f"{what} (through a double-underscore attribute)")
        elif root is not None and root.id != "self" and self.special(root.id) and (
                not self.added or root.id in self.modules | set(self.context.modules) | check_helpers()
                or root.id in self.aliases):
            self.flag(node, "patching", what)
        elif isinstance(node, ast.Attribute) and (root is None or any(isinstance(step, ast.Call) for step in through)):
            # the object comes from a call or an expression (a module returned by a function): an
            # answer sets attributes of its own objects, by name (self.fc = ..., layer.weight = ...)
            self.flag(node, "patching", f"{what} (an object an expression returns)")

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and _is_dunder(node.value.strip()) and node.value.strip() not in ALLOWED_DUNDERS:
            self.flag(node, "dunder", f"the string {node.value!r}")

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        self.called.add(id(func))
        name = func.id if isinstance(func, ast.Name) else None
        if name in {"setattr", "delattr", "getattr", "hasattr"} and node.args:
            attribute = node.args[1] if len(node.args) > 1 else None
            constant = isinstance(attribute, ast.Constant) and isinstance(attribute.value, str)
            on_self = isinstance(node.args[0], ast.Name) and node.args[0].id == "self"
            if name in {"setattr", "delattr"} and not on_self:
                probe = ast.Attribute(value=node.args[0], attr=attribute.value if constant else "_", ctx=ast.Store())
                ast.copy_location(probe, node)
                self._check_target(probe, f"{name} on {ast.unparse(node.args[0])}")
            if not constant and not on_self and name != "hasattr":
                # a computed name can spell any attribute, double-underscore ones too
                self.flag(node, "library", f"{name} with a computed name on {ast.unparse(node.args[0])}")
            elif constant:
                self._check_name(node, attribute.value, attribute=True)
                self._check_reach(node, self.dotted(node))
                if attribute.value.startswith("_") and not on_self and not _is_dunder(attribute.value):
                    self.flag(node, "library", f"the private attribute {attribute.value}")
        built = self._builds_class(node)
        if built:
            self.flag(node, "dunder", built)
        if name in {"isinstance", "issubclass"} and len(node.args) == 2:
            classes = node.args[1].elts if isinstance(node.args[1], ast.Tuple) else [node.args[1]]
            self.type_as_class.update(id(c) for c in classes)
        called = func.attr if isinstance(func, ast.Attribute) else name
        if called in {"load", "loads"}:
            self._check_unpickling(node)
        self.generic_visit(node)

    def _builds_class(self, node: ast.Call) -> str | None:
        """How ``node`` builds a class from a namespace (whose keys can spell any double-underscore
        method), or ``None``: a metaclass called under any name (``type``, ``abc.ABCMeta``, ``type(x)``,
        ``x.__class__``), Enum's functional API, or a computed callable given ``(name, (bases,), namespace)``."""
        arguments = len(node.args) + len(node.keywords)
        found = self.resolved(node.func)
        if found is not None and isinstance(found[0], type) and arguments >= 2:
            if issubclass(found[0], type):
                return f"a class built by calling the metaclass {found[1].removeprefix('builtins.')}"
            if issubclass(found[0], enum.Enum):
                return f"a class built by calling {found[1]} (Enum's functional API)"
        if found is None and self.may_be_metaclass(node.func) and len(node.args) >= 3:
            return f"a class built by calling {ast.unparse(node.func)}, a metaclass"
        if (isinstance(node.func, (ast.Call, ast.Subscript)) and len(node.args) == 3
                and isinstance(node.args[1], ast.Tuple)):
            return f"a class built by calling {ast.unparse(node.func)} with a name, bases and a namespace"
        return None

    def check_metaclass_values(self, tree: ast.AST) -> None:
        """``type(x)``, ``x.__class__`` (or a name bound to one) may be called, compared, named, read
        (``type(x).__name__``) or checked against (``isinstance``), not handed on (returned, passed, put in a
        list): a function that returns ``type(int)`` hands out ``type``, which builds classes."""
        parents = {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(tree):
            if not (isinstance(node, (ast.Call, ast.Attribute)) or (isinstance(node, ast.Name)
                                                                    and isinstance(node.ctx, ast.Load))):
                continue
            if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
                continue
            if not self.may_be_metaclass(node) or self.resolved(node) is not None:
                continue  # a library's own metaclass by name: _builds_class judges its calls
            parent = parents.get(id(node))
            if parent is None or self._metaclass_use_is_plain(node, parent, parents):
                continue
            self.flag(node, "dunder", f"{ast.unparse(node)} handed on as a value (the type of a class builds classes)")

    @staticmethod
    def _metaclass_use_is_plain(node: ast.AST, parent: ast.AST, parents: dict[int, ast.AST]) -> bool:
        if isinstance(parent, (ast.Compare, ast.FormattedValue, ast.Expr)):
            return True
        if isinstance(parent, ast.Attribute) and parent.value is node:
            return True
        if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and parent.value is node:
            # A plain name is judged where it is used; a class attribute (``class H: m = int.__class__``), an
            # object's attribute or an item is read back under another name (``H.m(...)``): handed on.
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            return (all(isinstance(target, ast.Name) for target in targets)
                    and not isinstance(parents.get(id(parent)), ast.ClassDef))
        if isinstance(parent, ast.Tuple):
            parent = parents.get(id(parent), parent)
        if isinstance(parent, ast.Call):
            if parent.func is node:
                return True
            callee = parent.func.id if isinstance(parent.func, ast.Name) else None
            return callee in {"isinstance", "issubclass", "print", "str", "repr", "id", "hash"}
        return False

    def _check_unpickling(self, node: ast.Call) -> None:
        for keyword in node.keywords:
            safe = UNPICKLING_KEYWORDS.get(keyword.arg or "")
            if keyword.arg is None or keyword.arg == "pickle_module" or (
                    keyword.arg in UNPICKLING_KEYWORDS
                    and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is safe)):
                self.flag(node, "library", f"loading a pickle ({ast.unparse(keyword)}), which can run any code,")
        if len(node.args) > 2:
            self.flag(node, "library", "a pickle option passed to load by position")

    # definitions and bindings
    def _check_definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        if _is_dunder(node.name) and node.name not in ALLOWED_DUNDERS:
            self.flag(node, "dunder", f"defining {node.name}")
        if isinstance(node, ast.ClassDef):
            for keyword in node.keywords:
                if keyword.arg == "metaclass":
                    self.flag(node, "dunder", "a metaclass")
            for base in node.bases:
                last = base.attr if isinstance(base, ast.Attribute) else base.id if isinstance(base, ast.Name) else None
                found = self.resolved(base) if last else None
                value = found[0] if found else None
                if last in TENSOR_CLASSES or (isinstance(value, type) and issubclass(value, _tensor_class())):
                    self.flag(node, "library", f"subclassing {ast.unparse(base)}, a tensor class,")
                elif (isinstance(value, type) and issubclass(value, type)) or (last and self.may_be_metaclass(base)):
                    self.flag(node, "dunder", f"a metaclass (a subclass of {ast.unparse(base)})")
                elif not isinstance(base, (ast.Name, ast.Attribute, ast.Subscript)):
                    self.flag(node, "library", f"a class whose base is computed ({ast.unparse(base)})")
            self.generic_visit(node)
            return
        self._in_scope(node, node.args)

    def _in_scope(self, node: ast.AST, arguments: ast.arguments) -> None:
        declared = {n for sub in ast.walk(node) if isinstance(sub, (ast.Global, ast.Nonlocal)) for n in sub.names}
        params = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                                  *filter(None, [arguments.vararg, arguments.kwarg])]}
        stored = {sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store)}
        self.scopes.append((params | stored) - declared)
        self.generic_visit(node)
        self.scopes.pop()

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._in_scope(node, node.args)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _check_definition

    def check_bindings(self, tree: ast.Module) -> None:
        reserved = self.context.protected if not self.added else set(check_helpers()) | set(self.context.modules)
        reimports = {(name, node.lineno) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
                     for name, module in import_bindings(node).items() if self.context.modules.get(name) == module}
        for name, line in top_level_bindings(tree):
            if (name, line) in reimports:
                continue  # importing again what the notebook imported: the same object
            if name in reserved and name != "_":
                kind = "a built-in" if name in dir(builtins) else "a check helper" if name in check_helpers() \
                    else "a name the notebook defines"
                self.found.append(Violation(self.cell, line, "rebinding", f"binding {name} ({kind})",
                                            ADVICE["rebinding"]))


def check_cell(source: str, cell: str, context: Context, added: bool = False) -> list[Violation]:
    """The violations in one cell's ``source`` (``cell``: how to name it in messages), by line.

    ``added``: a cell the student added (never run), held to the tampering rules only.

    Example:
        >>> ctx = Context.for_cells(["from course_utils.checks import check_close\\nimport torch"], "01_mlp")
        >>> [v.rule for v in check_cell("check_close = lambda *a, **k: None", "ex4_softmax", ctx)]
        ['rebinding']
        >>> check_cell("def relu(x):\\n    return x.clamp(min=0)", "ex3_activations_basic", ctx)
        []
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = parse(source)
        if tree is None or added:
            return []  # not Python (the kernel refuses it too), or a scratch cell's magic (never run)
        return [Violation(cell, _first_magic_line(source), "magic", "an IPython magic or shell command",
                          ADVICE["magic"])]
    checker = _Checker(cell, context, added)
    checker.type_as_class = {id(name) for hint in _annotations(tree) for name in ast.walk(hint) if isinstance(name, ast.Name)}
    checker.find_aliases(tree)
    checker.check_metaclass_values(tree)
    checker.visit(tree)
    checker.check_bindings(tree)
    return sorted(set(checker.found), key=lambda v: (v.line, v.rule, v.found))


def _annotations(tree: ast.AST) -> list[ast.AST]:
    """Every type hint in ``tree`` (``type`` may stand there as a class: ``def f(kind: type[nn.Module])``)."""
    hints: list[ast.AST | None] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg):
            hints.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            hints.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            hints.append(node.annotation)
    return [hint for hint in hints if hint is not None]


def _first_magic_line(source: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if line.lstrip().startswith(("%", "!")) or line.rstrip().endswith("?"):
            return number
    return 1
