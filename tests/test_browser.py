"""The student's and the instructor's paths, in a real browser: JupyterLab in Chromium, driven by Playwright.

`make lab` serves a copy of ``notebooks/`` (the student's files stay untouched): 01_mlp opens on the
course's kernel without being marked modified, the setup and data cells run, a correct answer to
the first exercise passes its visible test, a wrong one shows the teaching message that
``course_utils.checks`` writes, and *Validate* reports the result. Then `make formgrader` lists the
three assignments with no error banner. The student's server has none of the instructor's tools,
the instructor's has them (jupyter/README.md).

Chromium is Debian's (``/usr/bin/chromium``, or ``$COURSE_CHROMIUM``): Playwright downloads no
browser here. Where it cannot start, the test is skipped and says why. A failed step leaves a
screenshot and the servers' logs in ``.scratch/browser-test/``. Each step's time is printed
(``pytest tests/test_browser.py -s``); ``-m "not browser"`` leaves the test out.
``$COURSE_BROWSER_NOTEBOOKS`` serves another folder of student versions (a regenerated release).
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from course_grader.course import REPO_ROOT, assignments, read_notebook

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (the test extra: make setup)")

pytestmark = [pytest.mark.browser, pytest.mark.notebook]

CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = REPO_ROOT / ".scratch" / "browser-test"
KERNEL_DISPLAY_NAME = "Python 3 (PyTorch course, tensorflow2)"
ASSIGNMENT = "01_mlp"
ANSWER_ID, TEST_ID = "ex1_vanilla_mlp", "test_ex1_vanilla_mlp_visible"
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'

CORRECT_ANSWER = '''class VanillaMLP(nn.Module):
    """7 inputs -> 3 hidden ReLU units -> n_classes outputs."""

    def __init__(self, n_classes: int = 1) -> None:
        super().__init__()
        self.fc1 = nn.Linear(7, 3)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(3, n_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.relu(self.fc1(x)))
'''
# The output width written as a number rather than n_classes: the visible test's shape check fails.
WRONG_ANSWER = CORRECT_ANSWER.replace("nn.Linear(3, n_classes)", "nn.Linear(3, 2)")


@dataclass
class Server:
    """A `make lab` or `make formgrader` running in the background, in its own process group."""

    name: str
    process: subprocess.Popen
    url: str
    token: str
    log: Path

    def wait_ready(self, timeout_s: float = 90) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"make {self.name}: expected a running server, got exit status "
                                     f"{self.process.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2):
                    return
            time.sleep(0.5)
        raise AssertionError(f"make {self.name}: expected the server to answer within {timeout_s} s:\n{self.log_tail()}")

    def get_status(self, path: str) -> int:
        """The HTTP status of ``GET path`` on this server."""
        try:
            with urllib.request.urlopen(f"{self.url}{path}?token={self.token}", timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def stop(self) -> None:
        """Shut the server down with its kernels (which run in sessions of their own), then make."""
        import psutil

        try:
            started = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            started = []
        with contextlib.suppress(OSError):
            request = urllib.request.Request(f"{self.url}/api/shutdown?token={self.token}", method="POST")
            urllib.request.urlopen(request, timeout=10).close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, 9)
            self.process.wait(timeout=10)
        for child in started:  # a kernel the shutdown missed
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(target: str, lab_dir: Path | None, home: Path, env: dict[str, str]) -> Server:
    """Run ``make <target>`` (lab or formgrader) on a free port with a fresh token; no browser opens.

    Workspaces, settings and runtime files go to ``home``, so the user's own JupyterLab state is
    neither read nor written.
    """
    port, token = _free_port(), secrets.token_hex(16)
    for folder in ("workspaces", "settings", "runtime"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    lab_args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.port_retries=0 "
                f"--IdentityProvider.token={token} --LabApp.workspaces_dir={home / 'workspaces'} "
                f"--LabApp.user_settings_dir={home / 'settings'}")
    command = ["make", target, "INSTALL=0", f"VENV={sys.prefix}", f"LAB_ARGS={lab_args}"]
    if lab_dir is not None:
        command.append(f"LAB_DIR={lab_dir}")
    log = home / f"make-{target}.log"
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   env={**env, "JUPYTER_RUNTIME_DIR": str(home / "runtime")}, start_new_session=True)
    return Server(target, process, f"http://127.0.0.1:{port}", token, log)


@dataclass
class Steps:
    """Times each step; a failed step leaves a screenshot and the servers' logs in ARTIFACTS."""

    page: object = None
    servers: list[Server] = field(default_factory=list)
    times: list[tuple[str, float]] = field(default_factory=list)

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.monotonic()
        try:
            yield
        except BaseException:
            self.save_artifacts(name)
            raise
        finally:
            self.times.append((name, time.monotonic() - start))
            print(f"  {time.monotonic() - start:6.1f} s  {name}", flush=True)

    def save_artifacts(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"\W+", "-", name).strip("-")
        if self.page is not None:
            with contextlib.suppress(Exception):
                self.page.screenshot(path=str(ARTIFACTS / f"{len(self.times):02d}-{slug}.png"), full_page=True)
        for server in self.servers:
            with contextlib.suppress(OSError):
                shutil.copy(server.log, ARTIFACTS / server.log.name)


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _index(cells: list[dict], grade_id: str) -> int:
    for index, cell in enumerate(cells):
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return index
    raise AssertionError(f"{ASSIGNMENT}: expected a cell with grade_id {grade_id!r}, got none. "
                         f"Hint: the browser test follows the first exercise; update ANSWER_ID and TEST_ID.")


def _only_imports(source: str) -> bool:
    body = ast.parse(source).body
    return bool(body) and all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in body)


def expected_failure(cells: list[dict], answer: str, test_source: str) -> str:
    """The message that the notebook's test cell raises for ``answer``, computed here in Python."""
    namespace: dict = {}
    for cell in cells:
        if cell["cell_type"] == "code" and _only_imports(_source(cell)):
            exec(_source(cell), namespace)  # noqa: S102 (the course's own notebook)
    exec(answer, namespace)  # noqa: S102
    try:
        exec(test_source, namespace)  # noqa: S102
    except AssertionError as error:
        return str(error)
    raise AssertionError(f"{TEST_ID}: expected the wrong answer to fail it, got a pass. Hint: update WRONG_ANSWER.")


def _cell(page, index: int):
    return page.locator(f'.jp-NotebookPanel .jp-Cell[data-windowed-list-index="{index}"]')


def run_cell(page, index: int, timeout_s: float = 90):
    """Select cell ``index``, press Shift+Enter as a student would, and wait for its execution count."""
    cell = _cell(page, index)
    cell.scroll_into_view_if_needed()
    prompt = cell.locator(".jp-InputPrompt").first
    before = prompt.inner_text()
    prompt.click()
    page.keyboard.press("Shift+Enter")
    page.wait_for_function("([el, before]) => /\\[\\d+\\]/.test(el.textContent) && el.textContent !== before",
                           arg=[prompt.element_handle(), before], timeout=timeout_s * 1000)
    return cell


def type_answer(page, index: int, code: str) -> None:
    """Replace the text of cell ``index`` with ``code`` (inserted whole, so the editor adds no indent)."""
    editor = _cell(page, index).locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)


def _text(locator) -> str:
    return " ".join(" ".join(locator.all_inner_texts()).split())


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; or set COURSE_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        except sync_api.Error as error:
            pytest.skip(f"Chromium at {CHROMIUM} cannot start here: {str(error).splitlines()[0]}")
        yield chromium
        chromium.close()


def test_student_and_instructor_paths_in_a_browser(browser, tmp_path):
    release = Path(os.environ.get("COURSE_BROWSER_NOTEBOOKS", REPO_ROOT / "notebooks"))
    lab_dir = tmp_path / "notebooks"
    shutil.copytree(release, lab_dir, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    cells = read_notebook(lab_dir / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")["cells"]
    answer, test = _index(cells, ANSWER_ID), _index(cells, TEST_ID)
    first_code = [i for i, c in enumerate(cells[:answer]) if c["cell_type"] == "code"]
    try_it = [i for i in range(answer + 1, test) if cells[i]["cell_type"] == "code"]
    teaching_message = " ".join(expected_failure(cells, WRONG_ANSWER, _source(cells[test])).split())

    # The servers run as a student's would: no test switches, plots inline, small training budgets.
    env = {k: v for k, v in os.environ.items() if k not in {"MPLBACKEND", "JUPYTERHUB_API_TOKEN", "NBGRADER_EXECUTION"}}
    env["COURSE_FAST"] = "1"
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    steps = Steps(page)
    print()
    try:
        with steps.step("make lab: server answers"):
            lab = start_server("lab", lab_dir, tmp_path / "lab", env)
            steps.servers.append(lab)
            lab.wait_ready()

        with steps.step(f"open {ASSIGNMENT}: kernel ready"):
            page.goto(f"{lab.url}/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb?token={lab.token}")
            kernel = page.locator(".jp-NotebookPanel .jp-KernelName").first
            with contextlib.suppress(AssertionError):
                sync_api.expect(kernel).to_have_text(KERNEL_DISPLAY_NAME, timeout=90_000)
            shown = kernel.inner_text().strip()
            assert shown == KERNEL_DISPLAY_NAME, f"kernel: expected {KERNEL_DISPLAY_NAME!r}, got {shown!r}. Hint: make kernel"
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
            assert page.locator(".jp-Dialog").count() == 0, f"expected no dialog on opening, got {_text(page.locator('.jp-Dialog'))!r}"
            time.sleep(2)  # JupyterLab writes the kernel's language_info into the notebook once it is ready
            assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0, (
                f"{ASSIGNMENT}: expected an unmodified notebook after opening it, got one marked modified. "
                "Hint: its metadata.language_info must be the kernel's (CompleteLanguageInfo): run `make release`.")

        with steps.step("student tools only"):
            menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
            sidebars = page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all("tabs => tabs.map(t => t.title)")
            assert "Nbgrader" not in menus, f"student lab menus: expected no Nbgrader menu, got {menus}"
            assert not [s for s in sidebars if "Create Assignment" in s], f"student lab: expected no Create Assignment, got {sidebars}"
            assert page.locator(".jp-NotebookPanel .validate-button").count() == 1, "student lab: expected the Validate button"
            assert lab.get_status("/formgrader") == 404, "student lab: expected no formgrader at /formgrader"

        with steps.step(f"run setup and data cells {first_code}"):
            for index in first_code:
                cell = run_cell(page, index, timeout_s=120)
                errors = _text(cell.locator(ERROR_OUTPUT))
                assert not errors, f"cell {index}: expected no error, got {errors[:500]!r}"
            setup = _cell(page, first_code[0])
            assert setup.locator(".jp-OutputArea-executeResult").count() == 0, (
                f"setup cell: expected no Out[...] value, got {_text(setup.locator('.jp-OutputArea-executeResult'))[:200]!r}")
            assert any(_cell(page, i).locator(".jp-OutputArea-output img").count() for i in first_code), \
                "data cells: expected the image grid of Fashion-MNIST, got no image"

        with steps.step(f"correct answer: {TEST_ID} passes"):
            type_answer(page, answer, CORRECT_ANSWER)
            for index in [answer, *try_it, test]:
                cell = run_cell(page, index)
                errors = _text(cell.locator(ERROR_OUTPUT))
                assert not errors, f"cell {index} with the correct answer: expected no error, got {errors[:500]!r}"
            shown = _text(_cell(page, try_it[0]).locator(".jp-OutputArea-output")) if try_it else ""
            print(f"           try-it cell shows {shown!r}; test cell shows {_text(_cell(page, test).locator('.jp-OutputArea-output'))!r}")

        with steps.step(f"wrong answer: {TEST_ID} teaches"):
            type_answer(page, answer, WRONG_ANSWER)
            run_cell(page, answer)
            errors = _text(run_cell(page, test).locator(ERROR_OUTPUT))
            assert teaching_message in errors, f"{TEST_ID}: expected the message {teaching_message!r}, got {errors[:800]!r}"
            print(f"           the test cell shows {errors[:300]!r}")

        with steps.step("Validate: dialog"):
            page.locator(".jp-NotebookPanel .validate-button").first.click()
            dialog = page.locator(".jp-Dialog")
            dialog.wait_for(timeout=180_000)
            title, body = _text(dialog.locator(".jp-Dialog-header")), _text(dialog.locator(".jp-Dialog-body"))
            print(f"           dialog {title!r}: {body[:300]!r}")
            assert "Validation failed" not in title and "Cannot" not in body, f"Validate: expected results, got {title!r}: {body[:500]!r}"
            assert "failed" in body and teaching_message in body, (
                f"Validate with a wrong answer: expected the failed test and {teaching_message!r}, got {title!r}: {body[:800]!r}")
            dialog.get_by_role("button").last.click()

        with steps.step("stop make lab with its kernels"):
            lab.stop()

        with steps.step("make formgrader: server answers"):
            formgrader = start_server("formgrader", None, tmp_path / "formgrader",
                                      {**env, "COURSE_GRADEBOOK_URL": f"sqlite:///{tmp_path / 'gradebook.db'}"})
            steps.servers.append(formgrader)
            formgrader.wait_ready()

        with steps.step("formgrader: three assignments, no banner"):
            page.goto(f"{formgrader.url}/lab?token={formgrader.token}")
            page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click(timeout=90_000)
            page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Formgrader$")).click()
            frame = page.frame_locator(".jp-MainAreaWidget iframe").first
            frame.locator("tbody tr a").first.wait_for(timeout=60_000)  # rows replace "Loading, please wait..."
            listed = sorted(row.split("\t")[0].strip() for row in frame.locator("tbody tr").all_inner_texts())
            assert listed == assignments(), f"formgrader: expected the assignments {assignments()}, got {listed}"
            banners = [a.inner_text() for a in frame.locator(".alert").all() if a.is_visible()]
            assert not banners, f"formgrader: expected no banner, got {banners}. Hint: Exchange.root in nbgrader_config.py"
            sidebars = page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all("tabs => tabs.map(t => t.title)")
            assert [s for s in sidebars if "Create Assignment" in s], f"instructor lab: expected Create Assignment, got {sidebars}"
            unwritable = [line for line in formgrader.log_text().splitlines() if "Unwritable directory" in line]
            assert not unwritable, f"formgrader log: expected no exchange error, got {unwritable}"
    finally:
        for server in steps.servers:
            server.stop()
        page.close()
        total = sum(seconds for _, seconds in steps.times)
        print(f"  {total:6.1f} s  in all ({len(steps.times)} steps)")
