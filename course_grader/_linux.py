"""The few Linux system calls the zygote needs that Python 3.11's ``os`` lacks (namespaces, mounts,
capabilities), through ctypes. Each raises ``OSError`` with the C library's error on failure.

Example:
    >>> CLONE_NEWNS, CLONE_NEWPID
    (131072, 536870912)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_MOVE, MS_REC = 1024, 2048, 4096, 8192, 16384
MS_PRIVATE, MS_RELATIME = 1 << 18, 1 << 21
# Per-mount options of /proc/self/mountinfo that a read-only remount must keep.
_MOUNT_OPTIONS = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC, "noatime": MS_NOATIME,
                  "nodiratime": MS_NODIRATIME, "relatime": MS_RELATIME}
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 1, 24, 38, 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
_CAPABILITY_VERSION_3 = 0x20080522

_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def unshare(flags: int) -> None:
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


def mount(source: str, target: str, fstype: str | None, flags: int = 0, data: str | None = None) -> None:
    _check(_libc.mount(source.encode(), str(target).encode(), fstype.encode() if fstype else None,
                       ctypes.c_ulong(flags), data.encode() if data else None), f"mount {target}")


def bind(source: Path, target: Path) -> None:
    """Make ``target`` show ``source`` (both must exist)."""
    mount(str(source), str(target), None, MS_BIND | MS_REC)


def make_mounts_private() -> None:
    """Mounts made from now on stay in this mount namespace (and nothing from outside comes in)."""
    _check(_libc.mount(b"none", b"/", None, ctypes.c_ulong(MS_REC | MS_PRIVATE), None), "mount --make-rprivate /")


def move(source: str | Path, target: Path) -> None:
    """Move the mount at ``source`` (with everything mounted below it) to ``target``."""
    mount(str(source), str(target), None, MS_MOVE)


def mount_points() -> list[tuple[Path, set[str]]]:
    """This process's visible mounts: (mount point, per-mount options), outer ones first.

    A mount covered by a later one (on its folder or a folder above) is left out: /proc/self/mountinfo
    lists it, but its path leads to the mount on top. Each mount is checked by opening its path and
    reading the mount id the kernel gives for it (``/proc/self/fdinfo``).
    """
    mounts = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields = line.split()
        point = Path(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[4]))  # a space is \\040 there
        if _mount_id(point) == int(fields[0]):
            mounts.append((point, set(fields[5].split(","))))
    return sorted(mounts, key=lambda mount: len(mount[0].parts))


def _mount_id(path: Path) -> int | None:
    try:
        handle = os.open(path, os.O_PATH | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        for line in Path(f"/proc/self/fdinfo/{handle}").read_text().splitlines():
            if line.startswith("mnt_id:"):
                return int(line.split()[1])
        return None
    finally:
        os.close(handle)


def remount_read_only(target: Path, options: set[str]) -> None:
    """Make the mount at ``target`` read-only, for this mount only (``options``: its current ones, kept)."""
    flags = MS_REMOUNT | MS_BIND | MS_RDONLY
    for option in options:
        flags |= _MOUNT_OPTIONS.get(option, 0)
    mount("none", str(target), None, flags)


def unmount(target: Path) -> None:
    _check(_libc.umount2(str(target).encode(), ctypes.c_int(MNT_DETACH)), f"umount {target}")


def _prctl(option: int, argument: int = 0, argument3: int = 0) -> int:
    return _libc.prctl(ctypes.c_int(option), ctypes.c_ulong(argument), ctypes.c_ulong(argument3),
                       ctypes.c_ulong(0), ctypes.c_ulong(0))


def set_parent_death_signal(signal_number: int) -> None:
    """Receive ``signal_number`` when the parent process dies."""
    _check(_prctl(PR_SET_PDEATHSIG, signal_number), "prctl(PR_SET_PDEATHSIG)")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_all_capabilities() -> None:
    """Give up every capability for good (bounding, ambient, effective, permitted, inheritable sets);
    forbid gaining privileges back (no_new_privs). Checks the result and raises if any is left."""
    for capability in range(64):
        if _prctl(PR_CAPBSET_DROP, capability) != 0 and ctypes.get_errno() != 22:  # EINVAL: no such capability
            _check(-1, f"prctl(PR_CAPBSET_DROP, {capability})")
    _prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    header = _CapHeader(_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")
    _check(_prctl(PR_SET_NO_NEW_PRIVS, 1), "prctl(PR_SET_NO_NEW_PRIVS)")
    status = Path("/proc/self/status").read_text()
    left = [line for line in status.splitlines() if line.startswith(("CapEff", "CapPrm", "CapBnd"))
            and int(line.split()[1], 16) != 0]
    if left:
        raise PermissionError(f"capabilities left after dropping them: {left}")
