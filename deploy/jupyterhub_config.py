"""JupyterHub for the course on one machine: local users, each user's server in the course environment.

Start it with ``make hub`` (or ``jupyterhub -f deploy/jupyterhub_config.py``), as root for a
class: every user is a local Unix user, logs in with their Unix password (PAM), and their server
runs as them, so file permissions keep students apart. Run by another user, it is a trial: one
shared password, every server runs as that user (``SimpleLocalProcessSpawner``), nothing is kept
apart. See deploy/README.md.

Settings (environment variables):

- ``COURSE_HUB_INSTRUCTORS``, ``COURSE_HUB_STUDENTS``: user names (spaces or commas). Instructors
  get the formgrader and the course folder ``~/nn-course``; students the *Assignment List* and
  *Validate* only. ``COURSE_HUB_UNIX_GROUP``: members of this Unix group may log in too (students).
  ``COURSE_HUB_ADMINS``: the hub's administrators (none by default).
- ``COURSE_HUB_URL`` (``http://127.0.0.1:8000``): where the hub listens; put TLS in front
  (a reverse proxy) before opening it beyond the machine. ``COURSE_HUB_INTERNAL_URL``
  (``http://127.0.0.1:8081``) and ``COURSE_HUB_PROXY_API_URL`` (``http://127.0.0.1:8001``): the hub's
  and the proxy's own ports, on loopback.
- ``COURSE_HUB_EXCHANGE``: nbgrader's exchange (``/srv/nbgrader/exchange``; a trial: ``.hub/exchange``).
- ``COURSE_HUB_STATE``: the hub's database, cookie secret and proxy pid (``.hub/`` in the repository).
- ``COURSE_HUB_ENV``: the course environment every server runs in (the one running the hub).
- ``COURSE_HUB_AUTH``: ``pam`` (the default as root) or ``shared-password`` (the trial's;
  ``COURSE_HUB_PASSWORD``, else one is generated and written to ``.hub/trial-password``).
"""

import os
import secrets
import sys
from pathlib import Path

from course_grader.course import COURSE_ID
from course_grader.hub import blocking_folder, prepare_exchange, private_home

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
AS_ROOT = os.geteuid() == 0
INSTRUCTORS_GROUP = f"formgrade-{COURSE_ID}"  # nbgrader's names for a course's JupyterHub groups
STUDENTS_GROUP = f"nbgrader-{COURSE_ID}"


def names(variable: str) -> list[str]:
    """The user names listed in an environment variable (separated by spaces or commas)."""
    return sorted(set(os.environ.get(variable, "").replace(",", " ").split()))


INSTRUCTORS = names("COURSE_HUB_INSTRUCTORS")
STUDENTS = names("COURSE_HUB_STUDENTS")
ADMINS = names("COURSE_HUB_ADMINS")
UNIX_GROUP = os.environ.get("COURSE_HUB_UNIX_GROUP", "")
ENV = Path(os.environ.get("COURSE_HUB_ENV", sys.prefix))
STATE = Path(os.environ.get("COURSE_HUB_STATE", REPO / ".hub"))
EXCHANGE = Path(os.environ.get("COURSE_HUB_EXCHANGE", "/srv/nbgrader/exchange" if AS_ROOT else STATE / "exchange"))
AUTH = os.environ.get("COURSE_HUB_AUTH", "pam" if AS_ROOT else "shared-password")

# --- the hub and its proxy, on loopback by default -------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = os.environ.get("COURSE_HUB_INTERNAL_URL", "http://127.0.0.1:8081")
c.ConfigurableHTTPProxy.api_url = os.environ.get("COURSE_HUB_PROXY_API_URL", "http://127.0.0.1:8001")
STATE.mkdir(mode=0o700, parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# configurable-http-proxy from npm: deploy/node_modules (npm install --prefix deploy), else on PATH.
LOCAL_PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
if LOCAL_PROXY.exists():
    c.ConfigurableHTTPProxy.command = [str(LOCAL_PROXY)]

# --- who may log in ---------------------------------------------------------------------------------
if AUTH == "pam":
    c.JupyterHub.authenticator_class = "pam"
    if UNIX_GROUP:
        c.PAMAuthenticator.allowed_groups = {UNIX_GROUP}
elif AUTH == "shared-password":
    c.JupyterHub.authenticator_class = "shared-password"
    password = os.environ.get("COURSE_HUB_PASSWORD", "")
    if not password:
        saved = STATE / "trial-password"
        if not saved.exists():
            saved.write_text(secrets.token_urlsafe(12) + "\n")
            saved.chmod(0o600)
        password = saved.read_text().strip()
    c.SharedPasswordAuthenticator.user_password = password
    print(f"[course hub] trial: every user logs in with the password in {STATE / 'trial-password'}"
          if "COURSE_HUB_PASSWORD" not in os.environ else "[course hub] trial: the password is $COURSE_HUB_PASSWORD")
else:
    raise SystemExit(f"COURSE_HUB_AUTH={AUTH!r}: expected 'pam' or 'shared-password'")
c.Authenticator.allowed_users = set(INSTRUCTORS) | set(STUDENTS)
c.Authenticator.admin_users = set(ADMINS)
if AUTH == "shared-password" and not (INSTRUCTORS or STUDENTS):
    c.Authenticator.allow_all = True  # a trial: any name with the password
c.JupyterHub.load_groups = {INSTRUCTORS_GROUP: {"users": INSTRUCTORS}, STUDENTS_GROUP: {"users": STUDENTS}}


def is_instructor(spawner) -> bool:
    """An instructor is listed in COURSE_HUB_INSTRUCTORS or a member of the hub's formgrade-nn-course group."""
    return spawner.user.name in INSTRUCTORS or any(g.name == INSTRUCTORS_GROUP for g in spawner.user.groups)


def role_config(spawner) -> str:
    """The Jupyter configuration path of the user's role. Instructors: deploy/jupyter/instructor (the
    hub's nbgrader config), then the course's jupyter/instructor (the formgrader's extensions, as in
    `make formgrader`). Students: deploy/jupyter/student, whose extensions differ from `make lab`'s
    (the Assignment List is on: the hub has an exchange)."""
    if is_instructor(spawner):
        return f"{HERE / 'jupyter' / 'instructor'}:{REPO / 'jupyter' / 'instructor'}"
    return str(HERE / "jupyter" / "student")


# --- each user's server: the course environment, the role's nbgrader tools -------------------------
if AS_ROOT:
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"  # each server runs as its user
else:
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [str(ENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    "PATH": f"{ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    "JUPYTER_CONFIG_PATH": role_config,
    "COURSE_EXCHANGE": str(EXCHANGE),
    "COURSE_CONFIG": str(REPO / "nbgrader_config.py"),  # students' Validate runs as grading does
}
c.Spawner.start_timeout = 120  # a loaded machine takes a while to import JupyterLab
c.Spawner.http_timeout = 120


def before_spawn(spawner) -> None:
    """As root: the user's home folder is theirs alone before their server starts."""
    if AS_ROOT:
        private_home(spawner.user.name, spawner.log)


c.Spawner.pre_spawn_hook = before_spawn

if AS_ROOT:
    blocked = blocking_folder(ENV / "bin" / "python")
    if blocked is not None:
        raise SystemExit(
            f"[course hub] every user's server runs {ENV / 'bin' / 'python'}, but other users cannot enter {blocked} "
            f"(mode {blocked.stat().st_mode & 0o777:o}) on the way to it (a pyenv under /root?). Make the course "
            "environment from a Python every user can run (in a checkout under /opt: make setup PYTHON=/usr/bin/python3.11) "
            "and start the hub from it, or point COURSE_HUB_ENV at one (deploy/README.md).")
    prepare_exchange(EXCHANGE, COURSE_ID, INSTRUCTORS[0] if INSTRUCTORS else None)
else:
    EXCHANGE.mkdir(parents=True, exist_ok=True)
