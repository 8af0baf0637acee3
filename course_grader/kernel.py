"""The grading kernel: IPython in a sandbox, so one submission cannot harm the grader or the class.

nbgrader executes students' code with the grader's rights (its FAQ says so). This launcher,
named by ``kernels/course-grading/kernel.json``, starts ipykernel:

- under resource limits: data segment (``RLIMIT_DATA``), CPU seconds, open files, and, where
  cgroup v1 is writable, a pids and a memory cgroup per kernel (fork and memory bombs);
- inside bubblewrap (``bwrap``): no network; the course folder, the repository and the home
  folder hidden behind empty folders, except what a notebook needs, read-only (the environment,
  ``course_utils``, the data) and the submission's own working folder, writable.

The kernel talks to nbgrader over ZeroMQ's ipc transport (files next to the connection file),
which works without a network. Settings (environment variables):

- ``COURSE_SANDBOX=0`` turns the sandbox off (resource limits stay);
- ``COURSE_KERNEL_MEMORY_MB`` (6144), ``COURSE_KERNEL_CPU_SECONDS`` (1800),
  ``COURSE_KERNEL_MAX_FILES`` (1024), ``COURSE_KERNEL_MAX_PROCESSES`` (256);
- ``COURSE_ROOT``: the course folder to hide (nbgrader_config.py sets it).
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

DEFAULTS = {
    "COURSE_KERNEL_MEMORY_MB": 6144,
    "COURSE_KERNEL_CPU_SECONDS": 1800,
    "COURSE_KERNEL_MAX_FILES": 1024,
    "COURSE_KERNEL_MAX_PROCESSES": 256,
}
REPO_ROOT = Path(__file__).resolve().parents[1]
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
        self._private_dir = Path(tempfile.mkdtemp(prefix="course-kernel-"))
        if not self.connection_file:
            self.connection_file = str(self._private_dir / "kernel.json")

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
    _join_cgroup(PIDS_CGROUP, {"pids.max": str(limit("COURSE_KERNEL_MAX_PROCESSES"))})
    _join_cgroup(MEMORY_CGROUP, {"memory.limit_in_bytes": str(memory), "memory.memsw.limit_in_bytes": str(memory)})


def _join_cgroup(parent: Path, settings: dict[str, str]) -> bool:
    # A cgroup counts every process of the kernel together, which rlimits (per process, and
    # RLIMIT_NPROC not at all for root) cannot do. Best effort: absent or read-only cgroups are skipped.
    if not parent.parent.is_dir() or not os.access(parent.parent, os.W_OK):
        return False
    try:
        parent.mkdir(exist_ok=True)
        for stale in parent.glob("kernel-*"):
            try:
                stale.rmdir()  # only succeeds for cgroups whose kernels have exited
            except OSError:
                pass
        group = parent / f"kernel-{os.getpid()}"
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


def sandbox_command(kernel_argv: list[str], connection_file: Path, workdir: Path) -> list[str]:
    """The bubblewrap command line that runs ``kernel_argv`` isolated (see the module docstring)."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SystemExit(
            "course-grading kernel: bubblewrap (bwrap) is not installed, so student code cannot be "
            "sandboxed. Install it (apt-get install bubblewrap) or set COURSE_SANDBOX=0 to grade "
            "without the sandbox."
        )
    home = Path.home().resolve()
    hidden = {home, REPO_ROOT}
    if os.environ.get("COURSE_ROOT"):
        hidden.add(Path(os.environ["COURSE_ROOT"]).resolve())
    # The environment and the Python it was made from (a venv links to it, e.g. under ~/.pyenv).
    readable = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), REPO_ROOT / "data"}
    if os.environ.get("COURSE_DATA_DIR"):
        readable.add(Path(os.environ["COURSE_DATA_DIR"]).resolve())
    package = _package_dir("course_utils")
    if package is not None:
        readable.add(package)
    command = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
               "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
               "--die-with-parent", "--new-session"]
    for folder in sorted(hidden, key=lambda p: len(p.parts)):  # outer folders first
        command += ["--tmpfs", str(folder)]
    for folder in sorted(readable, key=lambda p: len(p.parts)):
        if folder.exists() and any(folder.is_relative_to(h) for h in hidden):
            command += ["--ro-bind", str(folder), str(folder)]
    writable = {workdir.resolve(), connection_file.resolve().parent}
    connection = json.loads(connection_file.read_text())
    if connection.get("transport") == "ipc":
        writable.add(Path(connection["ip"]).resolve().parent)
    for folder in sorted(writable, key=lambda p: len(p.parts)):
        command += ["--bind", str(folder), str(folder)]
    # In its own pid namespace the kernel's parent is pid 1, so ipykernel's check of the
    # manager's pid (JPY_PARENT_PID) would shut it down; --die-with-parent does that job.
    command += ["--unsetenv", "JPY_PARENT_PID", "--setenv", "HOME", "/tmp", "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib",
                "--chdir", str(workdir.resolve()), "--", *kernel_argv]
    return command


def _connection_file(argv: list[str]) -> Path:
    if "-f" in argv and argv.index("-f") + 1 < len(argv):
        return Path(argv[argv.index("-f") + 1])
    raise SystemExit("course-grading kernel: started without -f <connection file>")


def main(argv: list[str] | None = None) -> None:
    """Apply the limits, then exec ipykernel, inside bubblewrap unless the sandbox is off."""
    args = sys.argv[1:] if argv is None else argv
    apply_limits()
    kernel_argv = [sys.executable, "-m", "ipykernel_launcher", *args]
    if sandbox_enabled():
        command = sandbox_command(kernel_argv, _connection_file(args), Path.cwd())
        os.execv(command[0], command)
    os.execv(sys.executable, kernel_argv)


if __name__ == "__main__":
    main()
