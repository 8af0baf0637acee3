"""The course on JupyterHub: what the hub (``deploy/jupyterhub_config.py``) and nbgrader's exchange
need beyond nbgrader's defaults, so that on a machine shared by a class no student reads another's work.

- ``prepare_exchange``: the exchange's root like ``/tmp`` (everyone may create in it, nobody may
  rename or delete another's entries), and the course's folder in it created for its instructor
  before any student could take the name;
- ``private_home``: a user's home folder readable by that user only (Debian's ``useradd`` and
  ``adduser`` make it world-readable, which would show a student's fetched feedback, and the
  secret that names it in the exchange, to everyone);
- ``blocking_folder``: where a user other than the environment's owner is stopped on the way to
  its Python (a pyenv under ``/root``, mode 0700): every server runs that Python as its user;
- ``PrivateSubmit``: nbgrader's submit, but the copy in the exchange's ``inbound`` folder is
  readable by its student and the instructor's group only (nbgrader leaves it readable by every
  user who learns its name).
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
from pathlib import Path

from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import ignore_patterns

EXCHANGE_MODE = 0o1777
"""The exchange's root: nbgrader requires rwx for all; the sticky bit keeps each entry its owner's."""
COURSE_MODE = 0o755
"""The course's folder in the exchange, owned by its instructor (nbgrader's own mode for it)."""


def prepare_exchange(root: Path, course_id: str, instructor: str | None) -> Path:
    """Create the exchange's ``root`` (mode 1777) and ``root/course_id``, owned by ``instructor``.

    Run as root by the hub at its start. An existing course folder is left as it is, and none is
    made for an instructor who is not a local user. Returns the course folder.
    """
    root.mkdir(parents=True, exist_ok=True)
    if stat.S_IMODE(root.stat().st_mode) != EXCHANGE_MODE:
        root.chmod(EXCHANGE_MODE)
    course = root / course_id
    try:
        user = pwd.getpwnam(instructor) if instructor else None
    except KeyError:  # not a local user (yet): the first release creates the folder
        user = None
    if user is not None and not course.exists():
        course.mkdir(mode=COURSE_MODE)
        course.chmod(COURSE_MODE)
        os.chown(course, user.pw_uid, user.pw_gid)
    return course


def private_home(username: str, log=None) -> Path | None:
    """Make ``username``'s home folder mode 0700 if others may read or enter it; returns the folder
    (None when the user or the folder does not exist)."""
    try:
        home = Path(pwd.getpwnam(username).pw_dir)
    except KeyError:
        return None
    if not home.is_dir():
        return None
    mode = stat.S_IMODE(home.stat().st_mode)
    if mode & 0o077:
        home.chmod(mode & 0o700)
        if log is not None:
            log.info("home folder %s of %s: mode %o -> %o (private)", home, username, mode, mode & 0o700)
    return home


def blocking_folder(executable: Path) -> Path | None:
    """The first folder on the way to ``executable`` that other users may not enter (no ``o+x``),
    on its path as written or once its symbolic links are followed; None when every user can run it.

    Example:
        >>> blocking_folder(Path("/bin/sh")) is None
        True
    """
    for path in (executable.absolute(), executable.resolve()):
        for folder in reversed(path.parents):
            if not folder.stat().st_mode & stat.S_IXOTH:
                return folder
    return None


def group_is_private(gid: int) -> bool:
    """Whether the group ``gid`` is not one of this process's own groups (so it keeps this user out).

    Example:
        >>> group_is_private(os.getegid())
        False
    """
    return gid != os.getegid() and gid not in os.getgroups()


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit, then the submission in ``inbound`` is readable by its student and the
    instructor's group only (files 0640, folders 0770).

    nbgrader's ``inbound`` is mode 2733 (set-group-id, not listable) and owned by the instructor,
    so what a student creates in it gets the instructor's group, as long as each folder keeps the
    set-group-id bit. nbgrader copies with ``shutil.copytree``, whose last step copies the source
    folder's mode and so clears that bit (a student cannot set it again), and it leaves every file
    world-readable, hidden only by its unguessable name. Here the submission is copied without
    touching folder modes until everything is in place. Where the instructor's group is also the
    student's own (a shared primary group such as ``users``), group-readable would mean readable by
    every student: nbgrader's modes are kept and a warning says why.
    """

    def do_copy(self, src: str, dest: str) -> None:
        if Path(dest).parent != Path(self.inbound_path) or not group_is_private(Path(self.inbound_path).stat().st_gid):
            super().do_copy(src, dest)  # the student's own cache copy, or no private group to give it
            return
        size = self.get_size(src)
        if size > 1000 * self.coursedir.max_dir_size:
            self.log.error("Directory size is too big")
            raise RuntimeError(f"Directory size is too big. Size is {size}, maximum size is {1000 * self.coursedir.max_dir_size}")
        ignore = ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include,
                                 max_file_size=self.coursedir.max_file_size, log=self.log)
        _copy_keeping_group(Path(src), Path(dest), ignore)

    def copy_files(self) -> None:
        super().copy_files()
        dest = Path(self.inbound_path) / self.assignment_filename
        if not group_is_private(dest.stat().st_gid):
            self.log.warning("Submission %s keeps nbgrader's modes: its group (%d) is also the student's own, "
                             "so group-readable would not keep other students out", dest.name, dest.stat().st_gid)
            return
        for folder, _dirs, files in os.walk(dest):
            for name in files:
                os.chmod(os.path.join(folder, name), 0o640)
            os.chmod(folder, 0o770)  # the group is set already: clearing set-group-id now changes nothing


def _copy_keeping_group(src: Path, dest: Path, ignore) -> None:
    """Copy the folder ``src`` to ``dest`` (file contents only, no modes), so that each new folder
    keeps the set-group-id bit it inherits, and with it the group."""
    dest.mkdir(mode=0o770)
    names = os.listdir(src)
    ignored = ignore(str(src), names) if ignore else set()
    for name in names:
        if name in ignored:
            continue
        source = src / name
        if source.is_dir() and not source.is_symlink():
            _copy_keeping_group(source, dest / name, ignore)
        elif source.is_file():
            shutil.copyfile(source, dest / name)
