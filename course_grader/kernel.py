"""The grading kernel: IPython in a sandbox, so one submission cannot harm the grader or the class.

nbgrader executes students' code with the grader's rights (its FAQ says so). This launcher,
named by ``kernels/course-grading/kernel.json``, starts ipykernel:

- under resource limits: data segment (``RLIMIT_DATA``), CPU seconds, open files, and, where
  cgroup v1 is writable, a pids and a memory cgroup per kernel (fork and memory bombs);
- inside bubblewrap (``bwrap``): no network; the course folder, the repository and the home
  folder hidden behind empty folders, except what a notebook needs, read-only (the environment,
  ``course_utils``, the data) and the submission's own working folder, writable.

A grading worker's (``make autograde``) kernel is instead forked, in the same sandbox, from the
worker's zygote, which has PyTorch imported already (``course_grader/zygote.py``), where it can be.

The kernel talks to nbgrader over ZeroMQ's ipc transport (files next to the connection file),
which works without a network. Settings (environment variables):

- ``COURSE_SANDBOX=0`` turns the sandbox off (resource limits stay);
- ``COURSE_KERNEL_MEMORY_MB`` (6144), ``COURSE_KERNEL_CPU_SECONDS`` (1800),
  ``COURSE_KERNEL_MAX_FILES`` (1024), ``COURSE_KERNEL_MAX_PROCESSES`` (256);
- ``COURSE_ROOT``: the course folder to hide (nbgrader_config.py sets it);
- ``COURSE_KERNEL_ZYGOTE=0``: grading workers start each kernel afresh instead of forking it
  from their zygote (on by default, used as root with the sandbox on).
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode

from course_grader import zygote

DEFAULTS = {
    "COURSE_KERNEL_MEMORY_MB": 6144,
    "COURSE_KERNEL_CPU_SECONDS": 1800,
    "COURSE_KERNEL_MAX_FILES": 1024,
    "COURSE_KERNEL_MAX_PROCESSES": 256,
}
REPO_ROOT = Path(__file__).resolve().parents[1]
# ipykernel's kernel with the grader's guard of test cells (course_grader/guard.py).
KERNEL_CLASS_ARGUMENT = "--IPKernelApp.kernel_class=course_grader.guard.GuardedKernel"
KERNELS_DIR = Path(__file__).resolve().parent / "kernels"
PIDS_CGROUP = Path("/sys/fs/cgroup/pids/course-grading")
MEMORY_CGROUP = Path("/sys/fs/cgroup/memory/course-grading")


class GradingKernelManager(AsyncKernelManager):
    """nbgrader's kernel manager: ipc transport, and a private folder for the connection files.

    ZeroMQ's ipc transport needs no network inside the sandbox. The connection file and the
    sockets live in a folder of their own (jupyter's default puts the connection file straight
    in /tmp, which the sandbox would then have to expose whole); its absolute path also keeps
    the grader and the kernel agreeing on where the sockets are.
    """

    transport = Unicode("ipc", config=True, help="ZeroMQ transport to the kernel")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # In a grading worker, kernels are forked by its zygote (course_grader/zygote.py), whose
        # sandbox sees only its runtime folder, not /tmp.
        self._zygote = os.environ.get(zygote.RUNTIME_VARIABLE)
        parent = Path(self._zygote) / "kernels" if self._zygote else None
        self._private_dir = Path(tempfile.mkdtemp(prefix="course-kernel-", dir=parent))
        if not self.connection_file:
            self.connection_file = str(self._private_dir / "kernel.json")

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        if self._zygote:
            return [sys.executable, "-m", "course_grader.zygote", "launch", self._zygote, "-f", self.connection_file]
        return super().format_kernel_cmd(extra_arguments)

    def _kernel_spec_manager_default(self) -> KernelSpecManager:
        # The grading kernel's spec ships with this package: nothing to register, and it
        # never shows in a student's JupyterLab.
        manager = KernelSpecManager(data_dir=self.data_dir)
        manager.kernel_dirs = [str(KERNELS_DIR), *manager.kernel_dirs]
        return manager

    def _ip_default(self) -> str:
        if self.transport == "ipc":
            return str(self._private_dir / "kernel-ipc")
        return super()._ip_default()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._private_dir, ignore_errors=True)


def limit(name: str) -> int:
    """The limit ``name`` from the environment, else its default.

    Example:
        >>> limit("COURSE_KERNEL_MAX_FILES") > 0
        True
    """
    return int(os.environ.get(name, DEFAULTS[name]))


def sandbox_enabled() -> bool:
    """Whether kernels run inside bubblewrap (``COURSE_SANDBOX``, on unless set to 0)."""
    return os.environ.get("COURSE_SANDBOX", "1").strip().lower() not in {"0", "false", "no", "off"}


def apply_limits() -> None:
    """Cap this process and its children: memory, CPU time, open files, process count."""
    memory = limit("COURSE_KERNEL_MEMORY_MB") * 1024 * 1024
    cpu = limit("COURSE_KERNEL_CPU_SECONDS")
    files = limit("COURSE_KERNEL_MAX_FILES")
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))
    join_kernel_cgroups(f"kernel-{os.getpid()}")


def join_kernel_cgroups(name: str) -> None:
    """Move this process into a pids and a memory cgroup of its own, named ``name``, where writable."""
    memory = limit("COURSE_KERNEL_MEMORY_MB") * 1024 * 1024
    _join_cgroup(PIDS_CGROUP, {"pids.max": str(limit("COURSE_KERNEL_MAX_PROCESSES"))}, name)
    _join_cgroup(MEMORY_CGROUP, {"memory.limit_in_bytes": str(memory), "memory.memsw.limit_in_bytes": str(memory)}, name)


def _join_cgroup(parent: Path, settings: dict[str, str], name: str | None = None) -> bool:
    # A cgroup counts every process of the kernel together, which rlimits (per process, and
    # RLIMIT_NPROC not at all for root) cannot do. Best effort: absent or read-only cgroups are skipped.
    # A zygote's sandbox can write ``parent`` only (its kernels' groups go there), not the hierarchy.
    where = parent if parent.is_dir() else parent.parent
    if not where.is_dir() or not os.access(where, os.W_OK):
        return False
    try:
        parent.mkdir(exist_ok=True)
        for stale in parent.glob("kernel-*"):
            try:
                stale.rmdir()  # only succeeds for cgroups whose kernels have exited
            except OSError:
                pass
        group = parent / (name or f"kernel-{os.getpid()}")
        group.mkdir(exist_ok=True)
        for name, value in settings.items():
            if (group / name).exists():
                try:
                    (group / name).write_text(value)
                except OSError:
                    pass
        (group / "cgroup.procs").write_text(str(os.getpid()))
        return True
    except OSError:
        return False


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def kernel_folders(connection_file: Path, workdir: Path) -> set[Path]:
    """The folders a kernel writes: its working folder and its connection files' folder."""
    writable = {workdir.resolve(), connection_file.resolve().parent}
    connection = json.loads(connection_file.read_text())
    if connection.get("transport") == "ipc":
        writable.add(Path(connection["ip"]).resolve().parent)
    return writable


def sandbox_command(kernel_argv: list[str], writable: set[Path], workdir: Path, extra: list[str] = ()) -> list[str]:
    """The bubblewrap command line that runs ``kernel_argv`` isolated (see the module docstring),
    able to write only in the ``writable`` folders; ``extra``: more bubblewrap options."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SystemExit(
            "course-grading kernel: bubblewrap (bwrap) is not installed, so student code cannot be "
            "sandboxed. Install it (apt-get install bubblewrap) or set COURSE_SANDBOX=0 to grade "
            "without the sandbox."
        )
    home = Path.home().resolve()
    hidden = {home, REPO_ROOT}
    if zygote.RUNTIME_BASE.is_dir():  # the workers' zygotes and their sockets
        hidden.add(zygote.RUNTIME_BASE)
    if os.environ.get("COURSE_ROOT"):
        hidden.add(Path(os.environ["COURSE_ROOT"]).resolve())
    # The environment and the Python it was made from (a venv links to it, e.g. under ~/.pyenv).
    readable = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), REPO_ROOT / "data"}
    if os.environ.get("COURSE_DATA_DIR"):
        readable.add(Path(os.environ["COURSE_DATA_DIR"]).resolve())
    for name in ("course_utils", "course_grader"):  # the notebooks' helpers; the kernel's guard
        package = _package_dir(name)
        if package is not None:
            readable.add(package)
    command = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
               "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
               "--die-with-parent", "--new-session",
               # Run as root, bubblewrap would leave the kernel its capabilities (CAP_SYS_ADMIN
               # could unmount what hides the course): the student's code gets none.
               "--cap-drop", "ALL"]
    for folder in sorted(hidden, key=lambda p: len(p.parts)):  # outer folders first
        command += ["--tmpfs", str(folder)]
    for folder in sorted(readable, key=lambda p: len(p.parts)):
        if folder.exists() and any(folder.is_relative_to(h) for h in hidden):
            command += ["--ro-bind", str(folder), str(folder)]
    for folder in sorted(writable, key=lambda p: len(p.parts)):
        command += ["--bind", str(folder), str(folder)]
    # In its own pid namespace the kernel's parent is pid 1, so ipykernel's check of the
    # manager's pid (JPY_PARENT_PID) would shut it down; --die-with-parent does that job.
    command += [*extra, "--unsetenv", "JPY_PARENT_PID", "--setenv", "HOME", "/tmp", "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib",
                "--chdir", str(workdir.resolve()), "--", *kernel_argv]
    return command


def connection_file_of(argv: list[str]) -> Path:
    """The connection file a kernel's command line names (``-f FILE``).

    Example:
        >>> connection_file_of(["-m", "ipykernel_launcher", "-f", "/run/k/kernel.json"])
        PosixPath('/run/k/kernel.json')
    """
    if "-f" in argv and argv.index("-f") + 1 < len(argv):
        return Path(argv[argv.index("-f") + 1])
    raise SystemExit("course-grading kernel: started without -f <connection file>")


def zygote_command(runtime: Path, autograded: Path) -> list[str]:
    """The sandbox of a worker's zygote: a kernel's, but it writes only its runtime folder, sees the
    course's ``autograded/`` folder (and nothing else of the course) at ``/run/course-autograded``,
    and keeps CAP_SYS_ADMIN (and CAP_SETPCAP) to give each kernel it forks a namespace of its own,
    after which the kernel drops both."""
    argv = [sys.executable, "-m", "course_grader.zygote", "serve", str(runtime), str(autograded)]
    grader = Path(zygote.__file__).resolve().parent  # the zygote's own code; its kernels no longer see it
    # --dir: where each kernel mounts a folder of its own (the course is hidden behind an empty one).
    extra = ["--dir", str(autograded),
             "--tmpfs", str(zygote.AUTOGRADED_ALIAS.parent), "--bind", str(autograded), str(zygote.AUTOGRADED_ALIAS),
             "--ro-bind", str(grader), str(grader), "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP"]  # SETPCAP: to empty the bounding set
    for cgroups in (PIDS_CGROUP, MEMORY_CGROUP):  # where each forked kernel gets groups of its own
        if cgroups.is_dir() and os.access(cgroups, os.W_OK):
            extra += ["--bind", str(cgroups), str(cgroups)]
    return sandbox_command(argv, {runtime.resolve()}, runtime, extra)


def main(argv: list[str] | None = None) -> None:
    """Apply the limits, then exec ipykernel, inside bubblewrap unless the sandbox is off.

    ``--zygote RUNTIME AUTOGRADED``: exec a worker's zygote in its sandbox instead (course_grader/zygote.py).
    """
    args = sys.argv[1:] if argv is None else argv
    apply_limits()
    if args[:1] == ["--zygote"] and len(args) == 3:
        command = zygote_command(Path(args[1]), Path(args[2]))
        os.execv(command[0], command)
    kernel_argv = [sys.executable, "-m", "ipykernel_launcher", *args, KERNEL_CLASS_ARGUMENT]
    if sandbox_enabled():
        connection_file = connection_file_of(args)
        command = sandbox_command(kernel_argv, kernel_folders(connection_file, Path.cwd()), Path.cwd())
        os.execv(command[0], command)
    os.execv(sys.executable, kernel_argv)


if __name__ == "__main__":
    main()
