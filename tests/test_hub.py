"""A class on JupyterHub, end to end: the course's hub (deploy/jupyterhub_config.py) on loopback,
an instructor and three students as local Unix users, each logged in with their password (PAM,
through the hub's API) and served by their own single-user server, which runs as them.

Through nbgrader's own REST handlers, as each user: the instructor generates and releases 01_mlp
(formgrader); the students list and fetch it (*Assignment List*); one saves the source (full
marks), one leaves the release untouched (0), one answers everything with one known mistake and
runs *Validate*; all submit; the instructor collects, grades with ``make autograde``'s command
(sandboxed kernels, two workers, as the instructor's Unix user), generates and releases feedback;
each student fetches their own. Then each student tries the others' work: submissions and
feedback in the exchange, homes, the instructor's course folder, the others' servers.

Needs root: it creates the users ``nnc-teacher``, ``nnc-alice``, ``nnc-bob`` and ``nnc-carol`` (or
reuses them), with fresh passwords and homes in a temporary folder, and locks them when done.
Where this environment's Python lies under a folder other users cannot enter (a pyenv under
/root), the hub and its servers run in a mount namespace that opens only that Python to them.
Skipped, with the reason, without JupyterHub (the ``hub`` extra), configurable-http-proxy
(``make hub-setup``), root or ``useradd``. Each step's time and what each user could and could
not do are printed (``pytest -s``); the hub's and the grader's logs stay in ``.scratch/hub-test/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from course_grader.answers import rebuild
from course_grader.autograde import recorded
from course_grader.course import (COURSE_ID, REPO_ROOT, autograded_tests, read_notebook, scratch_course,
                                  source_notebook)
from course_grader.gradebook import read_marks
from course_grader.hub import blocking_folder
from course_grader.submissions import apply_mistake, load_mistakes

pytest.importorskip("jupyterhub", reason="JupyterHub is not installed (the hub extra: make hub-setup)")
requests = pytest.importorskip("requests", reason="requests is not installed (JupyterHub requires it)")

pytestmark = [pytest.mark.hub, pytest.mark.notebook]

DEPLOY = REPO_ROOT / "deploy"
ARTIFACTS = REPO_ROOT / ".scratch" / "hub-test"  # the hub's log and the grader's, kept after each run
ASSIGNMENT = "01_mlp"
MISTAKE = "softmax_wrong_dim"
PREFIX = "nnc-"  # the course's test users: nnc-<name>
INSTRUCTOR = f"{PREFIX}teacher"
STUDENTS = {f"{PREFIX}alice": "the source", f"{PREFIX}bob": "the untouched release",
            f"{PREFIX}carol": f"the release answered, one mistake: {MISTAKE}"}
USERS = [INSTRUCTOR, *STUDENTS]


def proxy_command() -> str | None:
    local = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Steps:
    """Times each step and prints it as it ends."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.monotonic()
        try:
            yield
        finally:
            self.times.append((name, time.monotonic() - start))
            print(f"  {time.monotonic() - start:6.1f} s  {name}", flush=True)


def local_user(name: str, home: Path, password: str) -> pwd.struct_passwd:
    """Create (or reuse) the local user ``name`` with home ``home`` and password ``password``.

    The home is left world-readable, as Debian's useradd makes it: the hub must make it private.
    """
    try:
        pwd.getpwnam(name)
        subprocess.run(["usermod", "-d", str(home), name], check=True, capture_output=True)
    except KeyError:
        subprocess.run(["useradd", "-M", "-U", "-d", str(home), "-s", "/bin/sh", name], check=True, capture_output=True)
    subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True, capture_output=True)
    user = pwd.getpwnam(name)
    home.mkdir(mode=0o755)
    os.chown(home, user.pw_uid, user.pw_gid)
    home.chmod(0o755)
    return user


def chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    for folder, dirs, files in os.walk(path):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.chown(name, user.pw_uid, user.pw_gid)


def reachable_python_script(blocked: Path) -> str:
    """Shell lines that, in a new mount namespace, replace ``blocked`` (a folder other users cannot
    enter, such as /root) by an empty, enterable one holding only this environment's base Python."""
    base = Path(sys.base_prefix).resolve()
    return (f'stage=$(mktemp -d) && mount --bind {base} "$stage" && mount -t tmpfs -o mode=0755 tmpfs {blocked} && '
            f'mkdir -p {base} && mount --move "$stage" {base} && rmdir "$stage" && ')


def run_as(user: pwd.struct_passwd, command: list[str], cwd: Path, env: dict[str, str], timeout: float,
           namespace: int | None = None) -> subprocess.CompletedProcess:
    """Run ``command`` as ``user`` (their uid, their group, no other group), as in their terminal;
    ``namespace``: in the mount namespace of that process (the hub's), as its servers are."""
    env = {**env, "HOME": user.pw_dir, "USER": user.pw_name}
    if namespace is None:
        return subprocess.run(command, cwd=cwd, user=user.pw_uid, group=user.pw_gid, extra_groups=[],
                              env=env, capture_output=True, text=True, timeout=timeout)
    command = ["nsenter", f"--mount=/proc/{namespace}/ns/mnt", "--", "setpriv", f"--reuid={user.pw_uid}",
               f"--regid={user.pw_gid}", "--clear-groups", "--", *command]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


class Hub:
    """The course's JupyterHub, started from deploy/jupyterhub_config.py, and calls to it as its users."""

    def __init__(self, base: Path, exchange: Path, blocked: Path | None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = base / "jupyterhub.log"
        self.tokens: dict[str, str] = {}
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JUPYTER", "COURSE_", "NBGRADER")) and k != "MPLBACKEND"}
        env.update({
            "COURSE_HUB_URL": self.url,
            "COURSE_HUB_INTERNAL_URL": f"http://127.0.0.1:{_free_port()}",
            "COURSE_HUB_PROXY_API_URL": f"http://127.0.0.1:{_free_port()}",
            "COURSE_HUB_STATE": str(base / "state"),
            "COURSE_HUB_EXCHANGE": str(exchange),
            "COURSE_HUB_INSTRUCTORS": INSTRUCTOR,
            "COURSE_HUB_STUDENTS": " ".join(STUDENTS),
            "COURSE_HUB_AUTH": "pam",
        })
        if not (DEPLOY / "node_modules").exists():
            env["PATH"] = f"{Path(proxy_command()).parent}:{env.get('PATH', '')}"
        command = [sys.executable, "-m", "jupyterhub", "-f", str(DEPLOY / "jupyterhub_config.py")]
        if blocked is not None:  # the hub and every server in a mount namespace where users reach the Python
            command = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
                       reachable_python_script(blocked) + 'exec "$@"', "sh", *command]
        with self.log.open("w") as out:
            self.process = subprocess.Popen(command, cwd=base, env=env, stdout=out, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        self.namespace = self.process.pid if blocked is not None else None

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def wait_ready(self, timeout_s: float = 90) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"jupyterhub: expected a running hub, got exit status {self.process.returncode}:\n"
                                     f"{self.log_tail()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return
            time.sleep(0.5)
        raise AssertionError(f"jupyterhub: expected the hub to answer within {timeout_s} s:\n{self.log_tail()}")

    def login(self, name: str, password: str) -> int:
        """Log in with a password through the hub's API (PAM checks it); keep the user's token."""
        reply = requests.post(f"{self.url}/hub/api/users/{name}/tokens", timeout=30,
                              json={"auth": {"username": name, "password": password}, "note": "test_hub", "expires_in": 1800})
        if reply.status_code == 201:
            self.tokens[name] = reply.json()["token"]
        return reply.status_code

    def call(self, as_user: str, method: str, path: str, timeout: float = 120, **kwargs) -> requests.Response:
        """``method path`` on the hub's public URL with ``as_user``'s token."""
        return requests.request(method, f"{self.url}{path}", timeout=timeout,
                                headers={"Authorization": f"token {self.tokens[as_user]}"}, **kwargs)

    def server(self, name: str, method: str, path: str, as_user: str | None = None, **kwargs) -> requests.Response:
        return self.call(as_user or name, method, f"/user/{name}/{path.lstrip('/')}", **kwargs)

    def start_servers(self, names: list[str], timeout_s: float = 150) -> None:
        for name in names:
            reply = self.call(name, "POST", f"/hub/api/users/{name}/server")
            assert reply.status_code in (201, 202), f"{name}: expected the server to start, got {reply.status_code} {reply.text}"
        waiting, deadline = set(names), time.monotonic() + timeout_s
        while waiting and time.monotonic() < deadline:
            for name in sorted(waiting):
                model = self.call(name, "GET", f"/hub/api/users/{name}").json()
                if model.get("servers", {}).get("", {}).get("ready"):
                    waiting.discard(name)
            time.sleep(0.5)
        assert not waiting, f"servers of {sorted(waiting)}: expected ready within {timeout_s} s:\n{self.log_tail()}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the hub stops the users' servers, then the proxy
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def end_processes_of(uids: set[int]) -> None:
    """A server or kernel of the test's users that outlived the hub: end it."""
    import psutil

    for process in psutil.process_iter(["uids"]):
        with contextlib.suppress(psutil.Error):
            if process.info["uids"] and process.info["uids"].real in uids:
                process.kill()


def formgrader(hub: Hub, action: str) -> dict:
    """``POST /formgrader/api/assignment/01_mlp/<action>`` on the instructor's server: nbgrader's answer."""
    reply = hub.server(INSTRUCTOR, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/{action}", timeout=300)
    assert reply.status_code == 200, f"formgrader {action}: expected 200, got {reply.status_code}: {reply.text[:500]}"
    answer = reply.json()
    assert answer.get("success"), f"formgrader {action}: expected success, got {json.dumps(answer)[:2000]}"
    return answer


def assignment_list(hub: Hub, student: str, action: str | None = None) -> list[dict]:
    """The student's *Assignment List* (``GET /assignments``), or an action on 01_mlp (fetch, submit, fetch_feedback)."""
    if action is None:
        reply = hub.server(student, "GET", "assignments", params={"course_id": COURSE_ID})
    else:
        reply = hub.server(student, "POST", f"assignments/{action}", data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
    assert reply.status_code == 200, f"{student} {action or 'list'}: expected 200, got {reply.status_code}: {reply.text[:500]}"
    answer = reply.json()
    assert answer.get("success", True) is not False, f"{student} {action or 'list'}: expected success, got {answer}"
    return answer["value"] if "value" in answer else answer


STUDENT_PLUGINS = ["@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:validate-assignment"]
INSTRUCTOR_PLUGINS = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:course-list"]


def disabled_plugins(hub: Hub, name: str) -> set[str]:
    """The nbgrader lab plugins that ``name``'s JupyterLab page leaves out (its page config)."""
    page = hub.server(name, "GET", "lab").text
    match = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert match, f"{name}'s JupyterLab: expected its page config in the page"
    return {p for p in json.loads(match.group(1)).get("disabledExtensions", []) if p.startswith("@jupyter/nbgrader")}


def statuses(listing: list[dict]) -> list[str]:
    return sorted(a["status"] for a in listing if a["assignment_id"] == ASSIGNMENT)


# What a student tries against the others, as their own Unix user (as from a terminal or a kernel).
PROBE = textwrap.dedent('''
    import json, os, sys
    def attempt(kind, path):
        try:
            if kind == "list":
                os.listdir(path)
            elif kind == "read":
                open(path, "rb").read(64)
            elif kind == "rename":
                os.rename(path, path + "-taken")
                os.rename(path + "-taken", path)
            return "yes"
        except OSError as error:
            return "no (" + type(error).__name__ + ")"
    print(json.dumps({label: attempt(kind, path) for label, (kind, path) in json.loads(sys.argv[1]).items()}))
''')


def probe_targets(course: Path, exchange: Path, student: str, others: list[str], found: dict) -> dict[str, tuple[str, str]]:
    """What ``student`` tries to read, list or rename (label: (kind, path)), with the paths root sees."""
    inbound, feedback = exchange / COURSE_ID / "inbound", exchange / COURSE_ID / "feedback"
    targets = {
        "list the exchange's inbound": ("list", str(inbound)),
        "list the exchange's feedback": ("list", str(feedback)),
        "read the release in outbound": ("read", str(exchange / COURSE_ID / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")),
        "rename the course's exchange folder": ("rename", str(exchange / COURSE_ID)),
        "list the instructor's course": ("list", str(course)),
        "read the gradebook": ("read", str(course / "gradebook.db")),
        "list the instructor's submitted/": ("list", str(course / "submitted")),
    }
    for other in others:
        home = Path(pwd.getpwnam(other).pw_dir)
        targets.update({
            f"read {other}'s submission in inbound (exact name)": ("read", found["submission"][other]),
            f"read {other}'s feedback in the exchange (exact name)": ("read", found["exchange feedback"][other]),
            f"list {other}'s home": ("list", str(home)),
            f"read {other}'s fetched feedback": ("read", found["home feedback"][other]),
            f"read {other}'s submission secret": ("read", found["secret"][other]),
        })
    return targets


@pytest.fixture
def hub_machine():
    """The users, a course for the instructor, an exchange: (base, course, exchange, passwords, users)."""
    if os.geteuid() != 0:
        pytest.skip("the hub test runs as root: its users are local Unix users and each server runs as its user")
    if not shutil.which("useradd") or not shutil.which("chpasswd"):
        pytest.skip("useradd or chpasswd is missing (Debian's passwd package)")
    if proxy_command() is None:
        pytest.skip("configurable-http-proxy is not installed (make hub-setup: npm install --prefix deploy)")
    blocked = blocking_folder(Path(sys.executable))
    if blocked is not None:
        # Here the environment's Python is under a folder other users cannot enter (a pyenv under /root):
        # the deployment would refuse it (deploy/README.md); the test gives the hub a view where they can.
        trial = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                                reachable_python_script(blocked) + f"setpriv --reuid=65534 --regid=65534 --clear-groups "
                                f"{sys.executable} -c pass"], capture_output=True, text=True)
        if trial.returncode != 0:
            pytest.skip(f"other users cannot run {sys.executable} ({blocked} is closed to them) and no mount "
                        f"namespace can open it here: {trial.stderr.strip()[:200]}")
    end_processes_of({pwd.getpwnam(name).pw_uid for name in USERS if _exists(name)})  # an interrupted earlier run's
    base = Path(tempfile.mkdtemp(prefix="course-hub-"))
    base.chmod(0o755)  # the users' homes are inside
    try:
        passwords = {name: secrets.token_urlsafe(12) for name in USERS}
        (base / "home").mkdir(mode=0o755)
        users = {name: local_user(name, base / "home" / name, passwords[name]) for name in USERS}
        course = scratch_course(base / "home" / INSTRUCTOR / COURSE_ID)
        chown_tree(course, users[INSTRUCTOR])
        yield base, course, base / "exchange", passwords, users, blocked
    finally:
        end_processes_of({pwd.getpwnam(name).pw_uid for name in USERS if _exists(name)})
        for name in filter(_exists, USERS):  # the users stay, for the next run, locked: nobody logs in as them
            subprocess.run(["usermod", "-L", name], capture_output=True)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for log in [base / "jupyterhub.log", *base.glob("home/*/nn-course/autograde.log")]:
            with contextlib.suppress(OSError):
                shutil.copy(log, ARTIFACTS / log.name)
        shutil.rmtree(base, ignore_errors=True)


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def test_a_class_on_jupyterhub(hub_machine):
    base, course, exchange, passwords, users, blocked = hub_machine
    source = read_notebook(source_notebook(ASSIGNMENT, course))
    points = autograded_tests(source)
    mistake = next(m for m in load_mistakes(ASSIGNMENT) if m.name == MISTAKE)
    expected = {f"{PREFIX}alice": sum(points.values()), f"{PREFIX}bob": 0.0,
                f"{PREFIX}carol": sum(p for gid, p in points.items() if gid not in mistake.loses)}
    steps = Steps()
    print()
    hub = Hub(base, exchange, blocked)
    try:
        with steps.step("the hub starts (deploy/jupyterhub_config.py, PAM, local processes)"):
            hub.wait_ready()

        with steps.step("4 users log in with their passwords (hub API, PAM)"):
            assert hub.login(f"{PREFIX}bob", "not-" + passwords[f"{PREFIX}bob"]) == 403, "a wrong password: expected 403"
            for name in USERS:
                assert hub.login(name, passwords[name]) == 201, f"{name}: expected to log in, got refused:\n{hub.log_tail()}"

        with steps.step("4 servers spawn, each as its user"):
            hub.start_servers(USERS)
            for name in USERS:
                mode = stat.S_IMODE(os.stat(users[name].pw_dir).st_mode)
                assert mode == 0o700, f"{name}'s home: expected mode 700 once the hub spawned the server, got {mode:o}"

        with steps.step("each role's tools"):
            for student in STUDENTS:
                assert hub.server(student, "GET", "formgrader").status_code == 404, f"{student}: expected no formgrader"
                assert hub.server(student, "GET", "formgrader/api/assignments").status_code == 404
            student_off, instructor_off = disabled_plugins(hub, f"{PREFIX}alice"), disabled_plugins(hub, INSTRUCTOR)
            assert set(INSTRUCTOR_PLUGINS) <= student_off and not set(STUDENT_PLUGINS) & student_off, \
                f"student lab: expected {INSTRUCTOR_PLUGINS} off and {STUDENT_PLUGINS} on, got off: {sorted(student_off)}"
            assert not set(INSTRUCTOR_PLUGINS + STUDENT_PLUGINS) & instructor_off, f"instructor lab: got off: {sorted(instructor_off)}"
            assert hub.server(INSTRUCTOR, "GET", "formgrader/api/assignments").status_code == 200, "instructor: expected the formgrader"
            print(f"           students: Assignment List and Validate, no formgrader (404); {INSTRUCTOR}: the formgrader (200)")

        with steps.step(f"instructor: generate and release {ASSIGNMENT} (formgrader)"):
            formgrader(hub, "assign")
            formgrader(hub, "release")
            assert (exchange / COURSE_ID / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()

        with steps.step("students: list and fetch (Assignment List)"):
            for student in STUDENTS:
                assert statuses(assignment_list(hub, student)) == ["released"], f"{student}: expected {ASSIGNMENT} released"
                assert statuses(assignment_list(hub, student, "fetch")) == ["fetched"], f"{student}: expected {ASSIGNMENT} fetched"
                fetched = hub.server(student, "GET", f"api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
                assert fetched.status_code == 200, f"{student}: expected the fetched notebook in the home folder"
                assert fetched.json()["content"]["cells"], f"{student}: expected the release's cells"

        with steps.step("students: save their work (contents API)"):
            # alice saves the source itself; carol, as a student would, the notebook she fetched with every
            # answer written, one of them wrong; bob leaves his untouched
            fetched = hub.server(f"{PREFIX}carol", "GET", f"api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb").json()["content"]
            answered = rebuild(source, fetched, ASSIGNMENT, check=False).notebook
            work = {f"{PREFIX}alice": source, f"{PREFIX}carol": apply_mistake(answered, mistake)}
            for student, notebook in work.items():
                saved = hub.server(student, "PUT", f"api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb",
                                   json={"type": "notebook", "format": "json", "content": notebook})
                assert saved.status_code == 200, f"{student}: expected the notebook saved, got {saved.status_code} {saved.text[:300]}"

        carol = f"{PREFIX}carol"
        with steps.step(f"{carol}: Validate before submitting (the course's grading kernel)"):
            reply = hub.server(carol, "POST", "assignments/validate", data={"path": f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"}, timeout=300)
            assert reply.status_code == 200 and reply.json().get("success"), f"Validate: expected results, got {reply.text[:1000]}"
            failed = reply.json()["value"].get("failed", [])
            texts = [f"{f.get('source', '')}\n{f.get('error', '')}" for f in failed]
            assert failed and all("softmax" in t.lower() and "Code policy" not in t for t in texts), (
                f"Validate of {MISTAKE}: expected the visible softmax tests to fail, and only them, got {len(failed)}: "
                + "\n---\n".join(t[-400:] for t in texts))
            print(f"           Validate: {len(failed)} failed cell(s), {texts[0].strip().splitlines()[-1][:150]!r}")

        with steps.step("students: submit (Assignment List)"):
            for student in STUDENTS:
                listing = assignment_list(hub, student, "submit")
                assert "submitted" in statuses(listing), f"{student}: expected a submission, got {statuses(listing)}"

        with steps.step("instructor: collect (formgrader)"):
            formgrader(hub, "collect")
            for student in STUDENTS:
                assert (course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file(), f"{student}: not collected"

        with steps.step("instructor: make autograde (sandboxed kernels, 2 workers)"):
            env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": os.environ.get("LANG", "C.UTF-8")}
            result = run_as(users[INSTRUCTOR], [sys.executable, "-m", "course_grader.autograde", ASSIGNMENT,
                                                "--course", str(course), "--jobs", "2"], course, env, timeout=400,
                            namespace=hub.namespace)
            assert result.returncode == 0, f"make autograde as the instructor: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
            for line in result.stdout.strip().splitlines():
                print(f"           {line[:160]}{' ...' if len(line) > 160 else ''}")
            report = recorded(course / "grading-report.csv")
            marks = {student: sum(cells[g] for g in points) for student, cells in read_marks(course, ASSIGNMENT).items()}
            assert marks == pytest.approx(expected), f"marks: expected {expected}, got {marks}"
            assert report[(f"{PREFIX}alice", ASSIGNMENT)]["status"] == "graded"
            assert {report[(s, ASSIGNMENT)]["status"] for s in (f"{PREFIX}bob", f"{PREFIX}carol")} == {"graded with errors"}
            assert report[(f"{PREFIX}carol", ASSIGNMENT)]["reason"].startswith("2 of "), report[(f"{PREFIX}carol", ASSIGNMENT)]

        with steps.step("instructor: generate and release feedback (formgrader)"):
            formgrader(hub, "generate_feedback")
            formgrader(hub, "release_feedback")

        found: dict[str, dict[str, str]] = {"submission": {}, "exchange feedback": {}, "home feedback": {}, "secret": {}}
        with steps.step("students: fetch their feedback"):
            for student in STUDENTS:
                listing = assignment_list(hub, student, "fetch_feedback")
                submitted = [a for a in listing if a["status"] == "submitted" and a["assignment_id"] == ASSIGNMENT]
                feedback = [s for a in submitted for s in a["submissions"] if s.get("has_local_feedback")]
                assert feedback, f"{student}: expected fetched feedback, got {json.dumps(submitted)[:1000]}"
                path = f"{feedback[0]['local_feedback_path']}/{ASSIGNMENT}.html"  # the folder of that submission's feedback
                page = hub.server(student, "GET", f"api/contents/{path}", params={"format": "text", "type": "file"})
                assert page.status_code == 200, f"{student}: expected to open their feedback {path}, got {page.status_code}"
                heading = f"{ASSIGNMENT} (Score: {expected[student]:.1f} / "
                assert heading in page.json()["content"], f"{student}: expected {heading!r} in their feedback"
                print(f"           {student} opens {path}: {heading}...")
                home = Path(users[student].pw_dir)
                found["home feedback"][student] = str(home / path)
                found["secret"][student] = next(str(p) for p in (home / ".local/share/jupyter/nbgrader_cache").rglob("submission_secret.txt"))
                found["submission"][student] = next(str(p) for p in (exchange / COURSE_ID / "inbound").glob(f"{student}+*/{ASSIGNMENT}.ipynb"))
            released = sorted((exchange / COURSE_ID / "feedback").glob("*.html"))
            assert len(released) == len(STUDENTS), f"expected one feedback page per student in the exchange, got {len(released)}"
            for student in STUDENTS:  # which page is whose: the one equal to the student's fetched copy
                mine = Path(found["home feedback"][student]).read_bytes()
                found["exchange feedback"][student] = next(str(p) for p in released if p.read_bytes() == mine)

        with steps.step("each student tries the others' work"):
            seen: dict[str, dict[str, str]] = {}
            for student in STUDENTS:
                others = [s for s in STUDENTS if s != student]
                targets = probe_targets(course, exchange, student, others, found)
                result = run_as(users[student], [sys.executable, "-c", PROBE, json.dumps(targets)], Path(users[student].pw_dir),
                                {"PATH": "/usr/bin:/bin"}, timeout=60, namespace=hub.namespace)
                assert result.returncode == 0, result.stderr
                seen[student] = json.loads(result.stdout)
                for other in others:  # and through the hub, with their own token
                    seen[student][f"open {other}'s server (hub)"] = str(hub.server(other, "GET", "api/contents", as_user=student).status_code)
                seen[student]["the instructor's formgrader (hub)"] = str(
                    hub.server(INSTRUCTOR, "GET", "formgrader/api/assignments", as_user=student).status_code)
            for student, answers in seen.items():
                print(f"           {student} ({STUDENTS[student]}):")
                for label, answer in answers.items():
                    print(f"             {label:<62} {answer}")
            for student, answers in seen.items():
                assert answers["read the release in outbound"] == "yes", f"{student}: expected to read the release"
                allowed = {"read the release in outbound"} | {k for k in answers if "feedback in the exchange (exact name)" in k}
                for label, answer in answers.items():
                    if label in allowed:
                        continue
                    assert answer.startswith("no") or answer in {"403", "404"}, f"{student}: {label}: expected refused, got {answer}"
    finally:
        hub.stop()
        total = sum(seconds for _, seconds in steps.times)
        print(f"  {total:6.1f} s  in all ({len(steps.times)} steps)")
