"""The grading kernel's guard: each test cell runs as the instructor wrote it, or earns nothing.

Student code runs in the same Python process as the tests, so it could, in principle, change
what a test sees: install an IPython input or AST transformer that empties the test, a custom
exception handler that hides its failure, a trace hook, or rebind ``torch.allclose`` or
``check_close``. The code policy (``course_grader/policy.py``) refuses such code before it runs;
this guard is the second layer, for code that slipped past it.

``GuardedKernel`` is ipykernel's kernel with two additions. At start-up, before any student code,
it records the machinery a test relies on (IPython's transformers, exception handlers and
``showtraceback``, the display and trace hooks, the shell's and kernel's methods, the functions of
``torch``, ``torch.nn``, ``torch.nn.functional``, ``torch.optim``, ``numpy``, ``math``, ``collections``,
the built-ins and ``course_utils.checks`` (``WATCHED_MODULES``), the classes of those modules
(``torch.Tensor``, ``nn.Module``, ``nn.RNNCell``, ``optim.Adam`` and the rest), PyTorch's global
module hooks and its global switches (default dtype and device, grad mode)); after each instructor cell it records the
modules and check helpers that cell bound. When the grading executor (``course_grader/executor.py``)
marks a cell as a test (message metadata ``course_grader: {role: test, nonce}``), the kernel:

1. puts back everything it recorded;
2. runs the cell with a last line of its own that records the nonce (a random token the grader
   chose for this cell), so it knows the cell ran to its end;
3. keeps the test out of IPython's history and line cache, so later student code cannot read it;
4. answers with ``metadata.course_grader.completed = nonce`` only if the cell ran to its end
   without an error. The executor gives no point to a test cell without that proof.

While nbgrader runs the notebook (grading and Validate), three refusals also hold, whatever the code
policy saw, because no static reading of Python is complete (``RunTimeGuard``):

- a PEP 578 audit hook refuses the interpreter's machinery when the notebook's own code (a frame of
  ``__main__``) reaches for it directly: ``exec``, ``eval``, ``compile``, ``open``, frames
  (``sys._getframe``, ``tb_frame``, ``__code__``), trace hooks, new functions from code objects,
  processes and native code, and changing an object's ``__class__`` or a function's code or
  defaults. Libraries that do these things for their own purposes are not affected, except those
  that run Python from a string (``CODE_RUNNERS``: ``timeit``, ``torch.utils.benchmark``) while the
  notebook's code is on the stack;
- a subclass of ``torch.Tensor`` defined by the notebook's code is refused when it is created, under
  whatever name or metaclass call: such a class decides what every comparison of it says;
- a class made while the notebook runs that defines what decides a comparison (``FORGING_DUNDERS``:
  ``__eq__``, ``__bool__``, ``__torch_function__``...) with anything but a library's own method is
  refused at the end of the cell that made it, or, when a test made it, at the test's last line (the
  test earns nothing). New classes are noted from the garbage collector's youngest generation at the
  start of each collection and at each cell's end, so a class made and dropped is seen too.

Each refusal raises ``RunTimePolicyViolation`` in the code that tried, and is reported in the reply's
metadata (``course_grader.refused``), so the grader reports the submission as tampering.

Without that metadata (JupyterLab, ``nbgrader validate``) it behaves as ipykernel does, but for
one thing: when nbgrader runs the notebook (``NBGRADER_EXECUTION`` is set, in grading and in
Validate), a warning is printed as a note on the cell's standard output instead of on its standard
error. nbgrader gives 0 to a test cell with any standard error, so a correct answer that makes
PyTorch warn (a copy with ``torch.tensor(t)``, a deprecation) would lose the cell. A test that
treats a warning as a mistake says so itself (``warnings.simplefilter("error", Category)``).
Figures are built but not drawn there (``InlineBackend.figure_formats`` is empty): they earn no point,
and drawing them was a sixth of the time a grading run of 01 took.
"""

from __future__ import annotations

import functools
import gc
import importlib
import linecache
import os
import secrets
import sys
import threading
import types
import warnings
from typing import Any

from ipykernel.ipkernel import IPythonKernel

from course_grader.policy import parse, policy_enabled, top_level_bindings

WATCHED_MODULES = ("builtins", "math", "numpy", "torch", "torch.nn", "torch.nn.functional", "torch.nn.init",
                   "torch.nn.utils", "torch.nn.utils.rnn", "torch.optim", "torch.optim.lr_scheduler",
                   "torch.utils.data", "torch.autograd", "torch.linalg", "torch.testing", "collections", "re",
                   "torch.nn.modules.module", "course_utils.checks", "ast", "inspect", "textwrap", "traceback")
"""Modules whose functions tests call (the last four: what ``course_utils.checks`` itself relies on)."""
WATCHED_CLASSES = ("torch.Tensor", "torch.nn.Module", "torch.nn.Parameter", "torch.optim.Optimizer")
CLASS_HOMES = ("torch", "numpy", "collections", "re", "course_utils", "ast", "inspect", "textwrap", "traceback")
"""Every class of a watched module from these packages is watched too, with its bases: a test that
compares an answer with ``nn.RNNCell`` or ``nn.Conv2d`` must get the library's, not a patched one."""
HOOK_TABLES = "torch.nn.modules.module"
"""Where PyTorch keeps the global module hooks (``register_module_forward_hook``): a hook installed
there runs in every module's forward, the tests' reference layers included."""
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: a C type nobody can patch (torch._C.TensorBase)
SHELL_LISTS = ("input_transformers_cleanup", "input_transformers_post", "ast_transformers")
RESTORED_ATTRIBUTES = ("custom_exceptions", "CustomTB", "InteractiveTB", "SyntaxTB", "displayhook", "display_trap",
                       "display_pub", "compile", "events", "user_ns", "user_module", "input_transformer_manager",
                       "history_manager", "shell", "excepthook")
MANAGER_LISTS = ("cleanup_transforms", "line_transforms", "token_transformers")


REFUSED_EVENTS = frozenset({
    "exec", "compile", "open", "sys._getframe", "sys._current_frames", "sys._current_exceptions", "sys.settrace",
    "sys.setprofile", "sys.addaudithook", "sys.setrecursionlimit", "function.__new__", "code.__new__",
    "object.__getattr__", "builtins.input", "builtins.breakpoint", "marshal.load", "marshal.loads", "os.system",
    "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "os.kill", "os.killpg", "os.putenv",
    "os.unsetenv", "gc.get_objects", "gc.get_referrers", "gc.get_referents", "cpython.run_command",
})
"""PEP 578 audit events the notebook's own code may not raise at grading (``object.__getattr__`` is
CPython's event for ``__code__``, ``__globals__``, ``tb_frame``, ``gi_frame``...)."""
REFUSED_PREFIXES = ("ctypes.", "subprocess.", "socket.", "pty.", "_posixsubprocess.")
CODE_RUNNERS = ("timeit", "code", "codeop", "runpy", "pdb", "bdb", "doctest", "cProfile", "profile", "trace",
                "torch.utils.benchmark")
"""Modules that run Python from a string they are given: their ``exec`` is refused too while the notebook's
code is on the stack, whichever frame calls it. (``typing`` evaluates string annotations, but libraries
do that as they import, below an answer's call: the code policy refuses ``get_type_hints`` instead, and
code inside such an annotation that calls ``exec`` runs in the notebook's namespace, so it is refused.)"""
CLASS_CHANGES = frozenset({"object.__setattr__", "object.__delattr__"})
"""CPython's events for setting an object's ``__class__`` or a function's ``__code__``, ``__defaults__``..."""
FORGING_DUNDERS = frozenset({"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__class__",
                             "__instancecheck__", "__subclasscheck__", "__torch_function__", "__torch_dispatch__"})
"""What decides a comparison, a truth test, an ``isinstance`` check or a PyTorch function's result: a class
the notebook made may not define them (a number whose ``__eq__`` says yes passes ``assert got == expected``).
Honest answers never do (the code policy refuses them); a class built where the policy cannot see
(``getattr(int, "__class__")(...)`` under a computed name) is caught at the end of the cell that made it."""
_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class made at run time (a class statement, a metaclass call)
_READY = 1 << 12  # Py_TPFLAGS_READY: PyType_Ready has finished (set last when a class is built)


class RunTimePolicyViolation(RuntimeError):
    """What the grading kernel raises in the notebook's code that reached for refused machinery."""


class RunTimeGuard:
    """The two run-time refusals of the module docstring; ``install`` once per grading kernel.

    Example:
        >>> guard = RunTimeGuard()
        >>> guard.refuses("exec", ()), guard.refuses("import", ("torch",))
        (True, False)
    """

    def __init__(self) -> None:
        self.refused: list[str] = []
        self._busy = False
        self._classes: dict[int, type] = {}  # every class seen so far (held, so that no id is reused)
        self._unread: list[type] = []  # classes noted while a collection started, read at the next check

    def refuses(self, event: str, args: tuple) -> bool:
        if event in CLASS_CHANGES:
            return len(args) > 1 and args[1] != "__doc__"
        return event in REFUSED_EVENTS or event.startswith(REFUSED_PREFIXES)

    def audit(self, event: str, args: tuple) -> None:
        """The audit hook: refuse ``event`` when the frame that raised it runs the notebook's code."""
        if self._busy or not self.refuses(event, args):
            return
        busy, self._busy = self._busy, True  # what the check itself does (sys._getframe) raises audit events
        try:
            caller = sys._getframe(1)
            module = caller.f_globals.get("__name__") or ""
            refused = module == "__main__" or (event == "exec" and module.startswith(CODE_RUNNERS)
                                               and _notebook_on_stack(caller))
        except ValueError:
            return
        finally:
            self._busy = busy
        if refused:
            owner = getattr(args[0], "__qualname__", type(args[0]).__name__) if args else "?"
            what = f"changing {args[1]} of {owner}" if event in CLASS_CHANGES else event
            if module != "__main__":
                what += f" by {module} (which runs Python from a string)"
            self.refuse(f"{what} (the interpreter's machinery, reached by the notebook's code)")

    def refuse(self, what: str) -> None:
        message = _refusal(what)
        self.refused.append(message)
        raise RunTimePolicyViolation(message)

    def tensor_subclass(self, cls: type, **kwargs: Any) -> None:
        """``torch.Tensor.__init_subclass__`` while grading: no tensor class of the notebook's own."""
        busy, self._busy = self._busy, True
        try:
            caller = sys._getframe(1)
        finally:
            self._busy = busy
        if caller.f_globals.get("__name__") == "__main__":
            self.refuse(f"a subclass of torch.Tensor ({cls.__name__}) defined by the notebook's code")
        super(_tensor_class(), cls).__init_subclass__(**kwargs)

    def install(self) -> None:
        sys.addaudithook(self.audit)
        _tensor_class().__init_subclass__ = classmethod(self.tensor_subclass)
        self._classes = {id(cls): cls for cls in _all_classes()}
        gc.callbacks.append(self._before_collection)

    # Every new object starts in the collector's youngest generation and leaves it only through a
    # collection, which first calls ``_before_collection``: noting the classes of that generation there
    # and at each check sees every class made since ``install``, however briefly it lived. A collection
    # can start in the middle of building a class, so the callback only holds new classes (a reference
    # keeps a dropped one alive); they are read at the next check, once Python has made them ready.
    def _before_collection(self, phase: str, info: dict) -> None:
        if phase == "start":
            try:
                self._note_new_classes()
            except Exception:  # noqa: BLE001 (a collector callback must not raise; the next check notes them)
                pass

    def _note_new_classes(self) -> None:
        # gc.get_objects is an audit event of the refused list; the guard's own call is fine. A collection
        # (so this) can start inside ``audit``: put back what was there, or the audit would recurse.
        busy, self._busy = self._busy, True
        try:
            young = gc.get_objects(generation=0)
        finally:
            self._busy = busy
        for obj in young:
            if issubclass(type(obj), type) and id(obj) not in self._classes:  # reads no attribute of obj
                self._classes[id(obj)] = obj
                self._unread.append(obj)

    def forged_classes(self) -> list[str]:
        """The refusals for classes made since the last call that define, with code of the notebook or a
        callable of another purpose, what decides a comparison (``FORGING_DUNDERS``); recorded, not raised."""
        self._note_new_classes()
        unread, self._unread, found = self._unread, [], []
        for cls in unread:
            if not type.__dict__["__flags__"].__get__(cls) & _READY:
                self._unread.append(cls)  # still being built (or its building failed): nothing can use it yet
                continue
            forged = _forged_dunder(cls)
            if forged:
                name = type.__dict__["__qualname__"].__get__(cls)
                found.append(f"a class made by the notebook's code ({name}) with a {forged} of its own, "
                             "which decides what comparing it with an expected value says")
        self.refused.extend(_refusal(what) for what in found)
        return found

    def check_new_classes(self) -> None:
        """``forged_classes``, raising ``RunTimePolicyViolation`` for the first (a test's last line)."""
        found = self.forged_classes()
        if found:
            raise RunTimePolicyViolation(_refusal(found[0]))

    def drain(self) -> list[str]:
        """The refusals since the last call."""
        refused, self.refused = self.refused, []
        return refused


def _refusal(what: str) -> str:
    """The message of a run-time refusal of ``what``, as the grading report and the cell show it."""
    return (f"Code policy (at run time): {what} is not allowed (rule: machinery). What to do: remove it: "
            "answers use plain Python and the libraries, never the notebook's or the interpreter's machinery")


def _notebook_on_stack(frame: types.FrameType | None) -> bool:
    """Whether the notebook's code (a frame of ``__main__``) is running below ``frame``."""
    while frame is not None:
        if frame.f_globals.get("__name__") == "__main__":
            return True
        frame = frame.f_back
    return False


def _all_classes() -> list[type]:
    """Every class alive, found from ``object`` through ``type.__subclasses__`` (which no class can redefine)."""
    found, stack = {id(object): object}, [object]
    while stack:
        for sub in type.__subclasses__(stack.pop()):
            if id(sub) not in found:
                found[id(sub)] = sub
                stack.append(sub)
    return list(found.values())


def _forged_dunder(cls: type) -> str | None:
    """The name in ``FORGING_DUNDERS`` that ``cls`` defines itself with anything but a method written as that
    method of that class in a library's file (or generated by ``dataclasses``), if any: code of the notebook, a
    callable of another purpose (``operator.is_not``), another class's method (an always-equal ``__eq__``).
    ``None`` for a class its library names. (``co_qualname`` and ``co_filename`` are read from the code object,
    which only a refused ``code.replace`` could change; ``__qualname__`` and ``__module__`` can be set by anyone.)

    Example:
        >>> import dataclasses, operator
        >>> _forged_dunder(dataclasses.make_dataclass("Point", ["x"])), _forged_dunder(type("Yes", (), {"__eq__": operator.is_not}))
        (None, '__eq__')
    """
    named = _named_class(cls)
    if not cls.__flags__ & _HEAP_TYPE or named is cls:
        return None
    own = type.__dict__["__dict__"].__get__(cls)
    qualname = type.__dict__["__qualname__"].__get__(cls)
    named_own = type.__dict__["__dict__"].__get__(named) if isinstance(named, type) else {}
    # The class that dataclass(slots=True) replaced by a copy with slots (the library names the copy):
    # what it shares with that copy is the library's own.
    fields = own.get("__dataclass_fields__")
    replaced = fields is not None and named_own.get("__dataclass_fields__") is fields and "__slots__" in named_own
    for name in sorted(FORGING_DUNDERS & set(own)):
        value = own[name]
        if value is None or (replaced and named_own.get(name) is value):
            continue
        function = value.__func__ if isinstance(value, (classmethod, staticmethod)) else (
            value.fget if isinstance(value, property) else value)
        if isinstance(function, _instance_method_type()):
            continue  # pybind11's methods (PyTorch's C++ classes): only C code makes them
        if isinstance(function, (types.WrapperDescriptorType, types.MethodDescriptorType)):
            if function.__name__ == name:  # a C type's own slot (read-only name): ``int.__eq__`` as ``__eq__``
                continue
            return name
        if not isinstance(function, types.FunctionType):
            return name
        code = function.__code__
        generated = (code.co_filename == "<string>" and "__dataclass_fields__" in own
                     and code.co_qualname == f"__create_fn__.<locals>.{name}")
        written_here = code.co_qualname == f"{qualname}.{name}" and code.co_filename.startswith(_library_folders())
        if generated or function in _abc_comparisons():
            # a comparison of the fields (shared with the class that ``slots=True`` rebuilt), or one that C
            # extensions borrow (protobuf's map containers take Mapping's)
            continue
        if not written_here or _shared(function, name, cls):
            return name
    return None


@functools.cache
def _instance_method_type() -> type:
    """CPython's ``instancemethod`` (the C type of pybind11's methods; Python code cannot make one)."""
    found = [cls for cls in _all_classes() if cls.__name__ == "instancemethod"
             and type.__dict__["__module__"].__get__(cls) == "builtins" and not cls.__flags__ & _HEAP_TYPE]
    return found[0] if found else type(None)


@functools.cache
def _abc_comparisons() -> frozenset:
    """The comparison methods ``collections.abc``'s mixins define (``Mapping.__eq__``, ``Set.__le__``...)."""
    import collections.abc

    return frozenset(method for abc in vars(collections.abc).values() if isinstance(abc, type)
                     for name, method in vars(abc).items() if name in FORGING_DUNDERS and callable(method))


@functools.cache
def _library_folders() -> tuple[str, ...]:
    """Where the installed libraries' files are: the environment, the Python it was made from, course_utils."""
    import sysconfig

    import course_utils

    folders = {sys.prefix, sys.base_prefix, sys.exec_prefix, *sysconfig.get_paths().values(),
               os.path.dirname(course_utils.__file__)}
    return tuple({os.path.join(path, "") for folder in folders if folder
                  for path in (os.path.abspath(folder), os.path.realpath(folder))})


def _shared(function: types.FunctionType, name: str, owner: type) -> bool:
    """Whether another class holds ``function`` as its ``name`` (a borrowed comparison, not one of its own)."""
    return any(cls is not owner and type.__dict__["__dict__"].__get__(cls).get(name) is function
               for cls in _all_classes())


def _named_class(cls: type) -> Any:
    """What the module ``cls`` claims (an imported module, not the notebook) names at the qualified
    name ``cls`` claims: ``cls`` itself for a library's class, ``None`` where nothing is found.

    Example:
        >>> import collections
        >>> _named_class(collections.OrderedDict) is collections.OrderedDict, _named_class(type("X", (), {}))
        (True, None)
    """
    module_name = type.__dict__["__module__"].__get__(cls)
    # (an extension's submodule, torch._C._onnx, has no file; what matters is that the name finds ``cls``)
    module = sys.modules.get(module_name) if isinstance(module_name, str) and module_name != "__main__" else None
    if module is None:
        return None
    found: Any = module
    for part in type.__dict__["__qualname__"].__get__(cls).split("."):
        found = vars(found).get(part) if hasattr(found, "__dict__") else None
    return found


def _tensor_class() -> type:
    import torch

    return torch.Tensor


def _resolve(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


class Snapshot:
    """What a test relies on, recorded before any student code runs; ``restore`` puts it back."""

    def __init__(self, shell: Any, kernel: Any) -> None:
        self.shell, self.kernel = shell, kernel
        self.modules = {}
        for name in WATCHED_MODULES:
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            self.modules[name] = (module, dict(vars(module)))
        self.classes = [(cls, dict(vars(cls))) for cls in _watched_classes(m for m, _ in self.modules.values())]
        self.classes += [(cls, dict(vars(cls))) for obj in (shell, kernel) for cls in type(obj).__mro__
                         if cls is not object]
        self.instances = [(obj, dict(vars(obj))) for obj in (shell, kernel, shell.input_transformer_manager)]
        self.lists = [(shell, n, getattr(shell, n), list(getattr(shell, n))) for n in SHELL_LISTS]
        manager = shell.input_transformer_manager
        self.lists += [(manager, n, getattr(manager, n), list(getattr(manager, n))) for n in MANAGER_LISTS]
        self.callbacks = {event: list(funcs) for event, funcs in shell.events.callbacks.items()}
        hooks = importlib.import_module(HOOK_TABLES)
        self.hook_tables = [(table, dict(table)) for name, table in vars(hooks).items()
                            if name.startswith("_global_") and isinstance(table, dict)]
        self.sys_hooks = {name: getattr(sys, name) for name in ("displayhook", "excepthook", "stdout", "stderr",
                                                                 "breakpointhook")}
        self.torch_state = _torch_state()
        self.names: dict[str, Any] = {}  # user namespace: what instructor cells bound to modules and checks
        self.helpers = {id(v) for v in self.modules.get("course_utils.checks", (None, {}))[1].values()}

    def remember(self, names: set[str]) -> None:
        """After an instructor cell: keep its bindings of ``names`` that are modules or check helpers."""
        namespace = self.shell.user_ns
        for name in names:
            value = namespace.get(name)
            if isinstance(value, types.ModuleType) or id(value) in self.helpers:
                self.names[name] = value

    def restore(self) -> None:
        """Put back everything recorded (before a test cell)."""
        sys.settrace(None)
        sys.setprofile(None)
        threading.settrace(None)
        threading.setprofile(None)
        for name, value in self.sys_hooks.items():
            setattr(sys, name, value)
        for name, (module, saved) in self.modules.items():
            sys.modules[name] = module
            current = vars(module)
            for key, value in saved.items():
                if current.get(key, saved) is not value:
                    current[key] = value
        for cls, saved in self.classes:
            for key in [k for k, v in vars(cls).items() if k not in saved and _from_student(v)]:
                try:
                    delattr(cls, key)
                except (AttributeError, TypeError):
                    pass
            for key, value in saved.items():
                if vars(cls).get(key, saved) is not value and key not in ("__dict__", "__weakref__"):
                    try:
                        setattr(cls, key, value)
                    except (AttributeError, TypeError):
                        pass
        for obj, saved in self.instances:
            current = vars(obj)
            for key in [k for k, v in current.items() if k not in saved and _from_student(v)]:
                del current[key]
            for key, value in saved.items():
                if current.get(key, saved) is not value and (callable(value) or key in RESTORED_ATTRIBUTES):
                    current[key] = value
        for owner, name, original, saved_items in self.lists:
            original[:] = saved_items
            if getattr(owner, name) is not original:
                setattr(owner, name, original)
        _set_torch_state(self.torch_state)
        for table, saved_hooks in self.hook_tables:
            table.clear()
            table.update(saved_hooks)
        self.shell.events.callbacks.clear()
        self.shell.events.callbacks.update({event: list(funcs) for event, funcs in self.callbacks.items()})
        self.shell.user_ns.update(self.names)


class GuardedKernel(IPythonKernel):
    """ipykernel's kernel, guarding the cells the grading executor marks as tests (module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._runtime_guard: RunTimeGuard | None = None
        if os.environ.get("NBGRADER_EXECUTION"):
            warnings.showwarning = warning_as_note
            # Figures are still built (a plotting error still shows) and closed; the feedback names them.
            self.shell.config.InlineBackend.figure_formats = set()
            if policy_enabled():  # off only to test the sandbox below it (tests/test_grader.py)
                self._runtime_guard = RunTimeGuard()
                self._runtime_guard.install()
        self._snapshot = Snapshot(self.shell, self)
        self._restore = self._snapshot.restore  # bound now: a later change to the class cannot skip it
        self._proof: str | None = None

    async def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False,
                         *, cell_meta=None, cell_id=None):
        info = (cell_meta or {}).get("course_grader") or {}
        self._proof = None
        if info.get("role") != "test":
            reply = await super().do_execute(code, silent, store_history, user_expressions, allow_stdin,
                                             cell_meta=cell_meta, cell_id=cell_id)
            if info.get("role") == "instructor":
                self._snapshot.remember(_bound_names(code))
            if info and self._runtime_guard is not None:
                self._runtime_guard.forged_classes()  # a class made here: reported with this cell, which stops the rest
            return reply
        self._restore()
        nonce = str(info.get("nonce", ""))
        marker, reached = f"_course_guard_{secrets.token_hex(8)}", []
        self.shell.user_ns[marker] = functools.partial(self._reach, reached)
        cached = set(linecache.cache)
        try:
            reply = await super().do_execute(f"{code}\n{marker}({nonce!r})\n", silent, False, user_expressions,
                                             allow_stdin, cell_meta=cell_meta, cell_id=cell_id)
        finally:
            self.shell.user_ns.pop(marker, None)
            for key in set(linecache.cache) - cached:  # the test's code: tracebacks are already written
                linecache.cache.pop(key, None)
        if reply.get("status") == "ok" and reached == [nonce] and nonce:
            self._proof = nonce
        return reply

    def _reach(self, reached: list[str], nonce: str) -> None:
        """The test's last line: refuse forged classes (``RunTimeGuard.check_new_classes``), then record ``nonce``."""
        if self._runtime_guard is not None:
            self._runtime_guard.check_new_classes()
        reached.append(nonce)

    def finish_metadata(self, parent, metadata, reply_content):
        metadata = super().finish_metadata(parent, metadata, reply_content)
        metadata["course_grader"] = {"completed": self._proof}
        if self._runtime_guard is not None:
            metadata["course_grader"]["refused"] = self._runtime_guard.drain()
        return metadata


def warning_as_note(message, category, filename, lineno, file=None, line=None) -> None:
    """``warnings.showwarning`` under nbgrader: the warning on standard output, where it costs no point.

    Example:
        >>> warning_as_note("use clone()", UserWarning, "x.py", 3)
        note: UserWarning: use clone() (a warning, not an error: it costs this cell nothing)
    """
    print(f"note: {category.__name__}: {message} (a warning, not an error: it costs this cell nothing)",
          file=sys.stdout)


def _torch_state() -> dict[str, Any]:
    """PyTorch's and NumPy's global switches: an answer that sets ``torch.set_default_dtype(torch.float64)``
    would make every later test compute in double precision (an overflow test of softmax would pass)."""
    import numpy
    import torch

    return {"dtype": torch.get_default_dtype(), "grad": torch.is_grad_enabled(),
            "anomaly": torch.is_anomaly_enabled(), "deterministic": torch.are_deterministic_algorithms_enabled(),
            "device": torch.get_default_device(), "numpy_errors": numpy.geterr()}


def _set_torch_state(state: dict[str, Any]) -> None:
    """Put back what ``_torch_state`` recorded."""
    import numpy
    import torch

    torch.set_default_dtype(state["dtype"])
    torch.set_grad_enabled(state["grad"])
    torch.set_anomaly_enabled(state["anomaly"])
    torch.use_deterministic_algorithms(state["deterministic"])
    if torch.get_default_device() != state["device"]:
        # None, not "cpu": a default device other than None is a TorchFunctionMode on every call
        torch.set_default_device(None if state["device"].type == "cpu" else state["device"])
    numpy.seterr(**state["numpy_errors"])


def _watched_classes(modules: Any) -> list[type]:
    """``WATCHED_CLASSES`` and the patchable classes the ``modules`` define or re-export (``CLASS_HOMES``),
    with their bases, each once.

    Example:
        >>> import torch.nn
        >>> classes = _watched_classes([torch.nn])
        >>> torch.nn.RNNCell in classes and torch.nn.Module in classes and object not in classes
        True
    """
    found: dict[int, type] = {}
    candidates = [*map(_resolve, WATCHED_CLASSES),
                  *(value for module in modules for value in vars(module).values() if isinstance(value, type))]
    for candidate in candidates:
        for cls in candidate.__mro__:
            home = (getattr(cls, "__module__", None) or "").split(".")[0]
            if home in CLASS_HOMES and not cls.__flags__ & _IMMUTABLE_TYPE:
                found.setdefault(id(cls), cls)
    return list(found.values())


def _from_student(value: Any) -> bool:
    """Whether ``value`` was made by code run in the notebook (a function, class or method of ``__main__``)."""
    return getattr(getattr(value, "__func__", value), "__module__", None) == "__main__"


def _bound_names(code: str) -> set[str]:
    tree = parse(code)
    return {name for name, _ in top_level_bindings(tree)} if tree is not None else set()
