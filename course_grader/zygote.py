"""A kernel factory for the grading workers: fork each sandboxed kernel from a process that has
already imported PyTorch, instead of starting Python afresh for every submission.

Importing torch, torchvision, matplotlib and ipykernel takes 3 to 5 CPU seconds, a quarter of the
time a notebook takes in grading mode, and reading and verifying a data set 1 to 3 more. Each worker
of ``make autograde`` therefore starts one *zygote*: a Python process inside the sandbox
(``course_grader/kernel.py``: no network, the course hidden, resource limits) that imports those
packages and reads the data sets once (``course_utils.data.preload``), then, for each submission's
kernel:

1. forks, and the child moves into a mount and a process namespace of its own; its child
   (the kernel, process 1 of that namespace, so everything it starts dies with it) gets what a
   kernel started afresh by bubblewrap would see: its own submission folder (and no other) where
   nbgrader expects it, every other mount read-only, a new empty ``/tmp`` and ``/dev/shm``, its
   own ``/proc``, the zygote's control socket hidden; then it drops every capability for good;
2. runs ipykernel on the connection file nbgrader wrote, exactly as ``ipykernel_launcher`` does.

The zygote's sandbox is shared by every kernel it forks, so step 1 is what keeps one student's
kernel from leaving anything for the next: ``tests/test_sandbox.py`` has a first kernel write a
file wherever it can and checks that the second finds none.

nbgrader starts what it believes is the kernel: ``python -m course_grader.zygote launch``, a
small process that asks the zygote for a kernel over a Unix socket and lives as long as the
kernel does. Killing it (nbgrader's shutdown) makes the zygote kill the kernel and its namespace.

Used where it is as safe as a fresh sandbox: the sandbox on and running as root (bubblewrap then
keeps CAP_SYS_ADMIN for the zygote to build each kernel's namespaces); ``COURSE_KERNEL_ZYGOTE=0``
turns it off. Elsewhere, and for plain ``nbgrader autograde`` and ``make validate``, kernels
start afresh.

Example (what a worker does; the grading kernel manager reads ``COURSE_ZYGOTE_DIR``)::

    zygote = Zygote.start(course)          # imports in the background, a few seconds
    os.environ[RUNTIME_VARIABLE] = str(zygote.runtime)
    ...                                    # nbgrader's kernels are now forked by the zygote
    zygote.stop()
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

RUNTIME_VARIABLE = "COURSE_ZYGOTE_DIR"
SOCKET_NAME = "control/zygote.sock"
# Every sandbox hides this folder; a zygote's sandbox shows its own runtime folder in it, no other.
RUNTIME_BASE = Path("/var/tmp/course-grading-zygotes")
AUTOGRADED_ALIAS = Path("/run/course-autograded")  # where the zygote sees the course's autograded/
NOT_ISOLATED = 97  # a kernel's exit status: its isolation failed, before any student code ran
PRELOADED = ("numpy", "torch", "torchvision", "matplotlib", "matplotlib.pyplot", "ipykernel.kernelapp",
             "course_grader.guard")


def wanted() -> bool:
    """Whether workers fork their kernels from a zygote (see the module docstring)."""
    from course_grader.kernel import sandbox_enabled

    switch = os.environ.get("COURSE_KERNEL_ZYGOTE", "1").strip().lower() not in {"0", "false", "no", "off"}
    return switch and sandbox_enabled() and os.geteuid() == 0 and shutil.which("bwrap") is not None


@dataclass
class Zygote:
    """A running zygote (host side): its process and its runtime folder (control socket, kernel folders)."""

    process: subprocess.Popen
    runtime: Path

    @classmethod
    def start(cls, course: Path) -> "Zygote":
        """Start the zygote of a worker grading ``course`` (its imports go on in the background)."""
        # Not under /tmp: every kernel gets a fresh /tmp, and this folder must keep its path inside.
        RUNTIME_BASE.mkdir(mode=0o700, parents=True, exist_ok=True)
        runtime = Path(tempfile.mkdtemp(prefix="zygote-", dir=RUNTIME_BASE))
        (runtime / "control").mkdir()
        (runtime / "kernels").mkdir()
        autograded = (course / "autograded").resolve()
        autograded.mkdir(exist_ok=True)
        command = [sys.executable, "-m", "course_grader.kernel", "--zygote", str(runtime), str(autograded)]
        process = subprocess.Popen(command, cwd=runtime, stdin=subprocess.DEVNULL)
        (runtime / "zygote.pid").write_text(str(process.pid))  # for launchers waiting on it to start
        return cls(process, runtime)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.runtime, ignore_errors=True)


# --- the launcher: what nbgrader starts as its kernel ---------------------------------------------

def launch(runtime: Path, kernel_args: list[str]) -> int:
    """Ask the zygote for a kernel; forward nothing, wait for its end, exit with its status."""
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    deadline = time.monotonic() + 120  # the zygote may still be importing torch
    while True:
        try:
            client.connect(str(runtime / SOCKET_NAME))
            break
        except ConnectionRefusedError:  # the socket is there, nobody listens: the zygote died
            print(f"course-grading kernel: the zygote at {runtime} has stopped", file=sys.stderr)
            return 1
        except OSError:
            if not _running(int((runtime / "zygote.pid").read_text())):
                print(f"course-grading kernel: the zygote at {runtime} did not start", file=sys.stderr)
                return 1
            if time.monotonic() > deadline:
                print(f"course-grading kernel: no zygote answers at {runtime / SOCKET_NAME}", file=sys.stderr)
                return 1
            time.sleep(0.05)
    request = {"args": kernel_args, "cwd": os.getcwd(), "env": dict(os.environ)}
    client.sendall(json.dumps(request).encode() + b"\n")
    answer = b""
    while chunk := client.recv(4096):
        answer += chunk
    try:
        return int(json.loads(answer)["exit"])
    except (ValueError, KeyError):
        return 1


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except OSError:
        return False


# --- the zygote: inside the sandbox -----------------------------------------------------------------

def serve(runtime: Path, autograded: Path) -> None:
    """Import the heavy packages, then fork one kernel per request on the control socket."""
    # What ipykernel would set at start: matplotlib reads it when imported, i.e. here, now.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    import importlib

    from course_grader import _linux, kernel  # noqa: F401 (the kernels use them once this folder is hidden)

    for name in PRELOADED:
        importlib.import_module(name)
    from course_utils.data import preload

    preload()  # every kernel forked below finds the data sets read and verified (each copies what it loads)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(runtime / SOCKET_NAME))
    server.listen(4)
    while True:
        connection, _ = server.accept()
        with connection:
            try:
                request = json.loads(connection.makefile("rb").readline())
            except ValueError:  # a launcher killed before it asked: nothing to start
                continue
            child = os.fork()
            if child == 0:
                status = NOT_ISOLATED
                try:
                    server.close()
                    connection.close()
                    status = _kernel_namespace(request, runtime, autograded)
                except BaseException:  # noqa: BLE001 (a forked child never returns into the loop)
                    traceback.print_exc()
                finally:
                    os._exit(status)
            status = _watch(child, connection)
            try:
                connection.sendall(json.dumps({"exit": status}).encode())
            except OSError:
                pass
        if status == NOT_ISOLATED:
            # Never run a student's code less isolated than a fresh sandbox would: stop, and the
            # worker grades this submission again, and the rest, with kernels started afresh. (A
            # student's os._exit(97) lands here too: it costs that worker its zygote, nothing more.)
            print("course-grading zygote: a kernel could not be isolated (above); the zygote stops",
                  file=sys.stderr, flush=True)
            os._exit(1)


def _watch(child: int, connection: socket.socket) -> int:
    """Wait for the kernel's end, or kill it when the launcher goes away (nbgrader's shutdown)."""
    pidfd = os.pidfd_open(child)
    try:
        ready, _, _ = select.select([pidfd, connection], [], [])
        if pidfd not in ready:  # the launcher closed its end: it was killed
            os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        return os.waitstatus_to_exitcode(status)
    finally:
        os.close(pidfd)


def _kernel_namespace(request: dict, runtime: Path, autograded: Path) -> int:
    """In the forked child: new mount and pid namespaces; the kernel runs as their process 1."""
    from course_grader import _linux
    from course_grader import kernel as kernel_module

    _linux.set_parent_death_signal(signal.SIGKILL)
    # Limits of its own, as a kernel started afresh gets: the zygote's memory is not the student's.
    kernel_module.join_kernel_cgroups(f"kernel-{os.path.basename(runtime)}-{os.getpid()}")
    _linux.unshare(_linux.CLONE_NEWNS | _linux.CLONE_NEWPID)
    parent_alive, keep_alive = os.pipe()  # reads end-of-file once this process is gone
    kernel = os.fork()
    if kernel == 0:
        try:
            os.close(keep_alive)
            _linux.set_parent_death_signal(signal.SIGKILL)
            if select.select([parent_alive], [], [], 0)[0]:  # it died before the line above
                os._exit(1)
            os.close(parent_alive)
            try:
                _isolate(request, runtime, autograded)
            except BaseException:  # noqa: BLE001
                print("course-grading kernel: could not isolate the kernel", file=sys.__stderr__, flush=True)
                traceback.print_exc(file=sys.__stderr__)
                os._exit(NOT_ISOLATED)
            _run_ipykernel(request)
        except BaseException as error:  # noqa: BLE001 (report anything, then leave)
            # ipykernel sends sys.stderr to the notebook: the grader's log is sys.__stderr__.
            print(f"course-grading kernel: {type(error).__name__}: {error}", file=sys.__stderr__, flush=True)
            traceback.print_exc(file=sys.__stderr__)
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(kernel, 0)
    return os.waitstatus_to_exitcode(status)


def _isolate(request: dict, runtime: Path, autograded: Path) -> None:
    """Give the forked kernel what a kernel started afresh by bubblewrap would see, and no more.

    Every tmpfs of the zygote's sandbox (the empty folders that hide the course and the home
    folder, /tmp, /run, /dev) is shared by all the kernels it forks: whatever one kernel wrote
    there, the next would find. So here each kernel gets its own submission folder on a tmpfs of
    its own, every other mount becomes read-only, and /tmp and /dev/shm are new, empty tmpfs.
    Writable at the end: the submission folder, the folder of its connection files, /tmp, /dev/shm.
    """
    from course_grader import _linux
    from course_grader import kernel as kernel_module

    workdir = Path(request["cwd"])
    if not workdir.is_relative_to(autograded):
        raise PermissionError(f"{workdir} is not a submission folder under {autograded}")
    connections = kernel_module.connection_file_of(request["args"]).resolve().parent
    _linux.make_mounts_private()
    # The folder autograded/ was made empty in the zygote's sandbox (zygote_command's --dir).
    _linux.mount("tmpfs", autograded, "tmpfs", _linux.MS_NOSUID | _linux.MS_NODEV, "mode=0755")
    workdir.mkdir(parents=True)
    _linux.bind(AUTOGRADED_ALIAS / workdir.relative_to(autograded), workdir)
    _linux.unmount(AUTOGRADED_ALIAS)
    _linux.bind(connections, connections)  # a mount of its own: it stays writable below
    hidden = [runtime / "control", Path(__file__).resolve().parent]
    hidden += [group for group in (kernel_module.PIDS_CGROUP, kernel_module.MEMORY_CGROUP) if group.is_dir()]
    for folder in hidden:
        _linux.mount("tmpfs", str(folder), "tmpfs", _linux.MS_RDONLY | _linux.MS_NOSUID | _linux.MS_NODEV)
    writable = {workdir, connections}
    for point, options in _linux.mount_points():
        if point not in writable and "ro" not in options and not point.is_relative_to("/proc"):
            _linux.remount_read_only(point, options)
    for scratch in (Path("/tmp"), Path("/dev/shm")):
        _fresh_tmpfs(scratch)
    _linux.mount("proc", "/proc", "proc", _linux.MS_NOSUID | _linux.MS_NODEV | _linux.MS_NOEXEC)
    os.chdir(workdir)
    os.setsid()
    _linux.drop_all_capabilities()


def _fresh_tmpfs(folder: Path) -> None:
    """Mount an empty tmpfs on ``folder``, keeping what is mounted below it (the environment or the
    course may live under /tmp): a kernel finds it as a fresh sandbox would."""
    from course_grader import _linux

    below = {point for point, _ in _linux.mount_points() if point != folder and point.is_relative_to(folder)}
    outermost = sorted(p for p in below if not any(p != q and p.is_relative_to(q) for q in below))
    old = os.open(folder, os.O_PATH | os.O_DIRECTORY)  # the old folder, still reachable once covered
    try:
        _linux.mount("tmpfs", str(folder), "tmpfs", _linux.MS_NOSUID | _linux.MS_NODEV, "mode=1777")
        for point in outermost:  # each takes the mounts below it along
            point.mkdir(parents=True, exist_ok=True)
            _linux.move(f"/proc/self/fd/{old}/{point.relative_to(folder)}", point)
    finally:
        os.close(old)


def _run_ipykernel(request: dict) -> None:
    environment = dict(request["env"])
    environment.pop("JPY_PARENT_PID", None)  # its parent is not nbgrader (see kernel.py)
    environment.update({"HOME": "/tmp", "MPLCONFIGDIR": "/tmp/matplotlib"})
    environment.setdefault("MPLBACKEND", os.environ.get("MPLBACKEND", ""))
    os.environ.clear()
    os.environ.update(environment)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from course_grader.kernel import KERNEL_CLASS_ARGUMENT

    sys.argv = ["ipykernel_launcher", *request["args"], KERNEL_CLASS_ARGUMENT]
    sys.path = [p for p in sys.path if p not in ("", ".", str(Path.cwd()))]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) >= 2 and args[0] == "launch":
        return launch(Path(args[1]), args[2:])
    if len(args) == 3 and args[0] == "serve":
        serve(Path(args[1]), Path(args[2]))
        return 0
    print("usage: python -m course_grader.zygote launch RUNTIME -f CONNECTION_FILE | serve RUNTIME AUTOGRADED",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
