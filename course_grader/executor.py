"""The grading executor: nbgrader's ``Execute``, telling the guarded kernel which cells are tests.

For each cell it sends, in the execute request's metadata, the cell's role (``answer``, ``test``
or ``instructor``) and, for a test, a fresh random nonce. The kernel (``course_grader/guard.py``)
answers a test with that nonce only if the test ran to its last line under its watch; a test
cell without that proof and without an error of its own gets one (``GradingGuardError``), so it
earns no point, and the notebook's metadata lists it, as it lists what the kernel refused at run time
(``refused``: the guard's ``RunTimeGuard``); after such a refusal no later cell runs, as after a
violation of the code policy. Cells that the code policy stopped
(``metadata.course_grader.skip``, set by ``course_grader/answers.py``) do not run: each gets the
policy's message as its error.

Enabled in ``nbgrader_config.py`` (``Autograde.autograde_preprocessors``).
"""

from __future__ import annotations

import secrets
from typing import Any

from jupyter_core.utils import run_sync
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

from course_grader.answers import METADATA_KEY, role

GUARD_MESSAGE = ("this test cell did not run to its last line under the grader's watch (something changed how "
                 "the notebook runs its cells), so it earns no points")


def error_output(name: str, message: str) -> NotebookNode:
    """A notebook error output (what a failing cell shows, and what nbgrader scores 0)."""
    return NotebookNode(output_type="error", ename=name, evalue=message, traceback=[f"{name}: {message}"])


class GuardedExecute(Execute):
    """nbgrader's executor, with each cell's role (and a test's nonce) in its execute request."""

    _cell_info: dict[str, Any] = {}
    _refused_in: tuple[int, str] | None = None  # (id of the notebook, the cell where the kernel refused machinery)

    def _send_with_metadata(self, code: str, silent: bool = False, store_history: bool = True,
                            user_expressions: dict | None = None, allow_stdin: bool | None = None,
                            stop_on_error: bool = True) -> str:
        content = {"code": code, "silent": silent, "store_history": store_history,
                   "user_expressions": user_expressions or {},
                   "allow_stdin": self.kc.allow_stdin if allow_stdin is None else allow_stdin,
                   "stop_on_error": stop_on_error}
        message = self.kc.session.msg("execute_request", content, metadata={METADATA_KEY: self._cell_info})
        self.kc.shell_channel.send(message)
        return message["header"]["msg_id"]

    async def async_execute_cell(self, cell: NotebookNode, cell_index: int, execution_count: int | None = None,
                                 store_history: bool = True) -> NotebookNode:
        skip = cell.get("metadata", {}).get(METADATA_KEY, {}).get("skip")
        if cell.cell_type == "code" and self._refused_in and self._refused_in[0] == id(self.nb):
            skip = (f"not run: in cell {self._refused_in[1]}, the notebook's code reached for machinery that the grading "
                    "kernel refuses (see that cell), so grading ran no cell after it")
        if cell.cell_type == "code" and skip:
            cell.outputs = [error_output("CodePolicyViolation", skip)]
            cell.execution_count = None
            return cell
        kind = role(cell)
        self._cell_info = {"role": kind, **({"nonce": secrets.token_hex(16)} if kind == "test" else {})}
        if getattr(self.kc, "execute", None) != self._send_with_metadata:
            self.kc.execute = self._send_with_metadata
        return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

    # nbclient binds its synchronous wrapper to its own coroutine: bind it to this one.
    execute_cell = run_sync(async_execute_cell)

    def on_cell_executed(self, **kwargs: Any) -> None:
        super().on_cell_executed(**kwargs)
        cell, reply = kwargs["cell"], kwargs["execute_reply"]
        refused = (reply.get("metadata") or {}).get(METADATA_KEY, {}).get("refused") or []
        if refused:
            where = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {kwargs.get('cell_index')}"
            summary = self.nb.metadata.setdefault(METADATA_KEY, {})
            summary.setdefault("refused", []).extend(f"cell {where}: {message}" for message in refused)
            self._refused_in = (id(self.nb), where)
        if role(cell) != "test" or cell.cell_type != "code":
            return
        proof = (reply.get("metadata") or {}).get(METADATA_KEY, {}).get("completed")
        if proof == self._cell_info.get("nonce"):
            return
        if not any(o.get("output_type") == "error" for o in cell.outputs):
            cell.outputs.append(error_output("GradingGuardError", GUARD_MESSAGE))
            summary = self.nb.metadata.setdefault(METADATA_KEY, {})
            summary.setdefault("guard_failures", []).append(cell.metadata.get("nbgrader", {}).get("grade_id"))
