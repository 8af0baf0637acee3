"""The grading kernel: IPython with resource limits, so one submission cannot take the machine down.

nbgrader executes students' code with the grader's rights. This launcher caps the kernel's
memory (``RLIMIT_DATA``), CPU time and open files before it starts ipykernel, so a memory bomb
ends in a ``MemoryError`` and a runaway loop in a kill, each recorded as that student's outcome.
The per-cell wall-clock timeout is nbgrader's (``COURSE_CELL_TIMEOUT``). Limits come from:

- ``COURSE_KERNEL_MEMORY_MB`` (default 6144), ``COURSE_KERNEL_CPU_SECONDS`` (default 1800),
  ``COURSE_KERNEL_MAX_FILES`` (default 1024).

Kernel spec: ``course_grader/kernels/course-grading/kernel.json`` (nbgrader_config.py puts that
folder on ``JUPYTER_PATH``).
"""

from __future__ import annotations

import os
import resource

DEFAULTS = {"COURSE_KERNEL_MEMORY_MB": 6144, "COURSE_KERNEL_CPU_SECONDS": 1800, "COURSE_KERNEL_MAX_FILES": 1024}


def limit(name: str) -> int:
    """The limit ``name`` from the environment, else its default.

    Example:
        >>> limit("COURSE_KERNEL_MAX_FILES") > 0
        True
    """
    return int(os.environ.get(name, DEFAULTS[name]))


def apply_limits() -> None:
    """Cap this process's data segment (heap and anonymous mappings), CPU time and open files."""
    memory = limit("COURSE_KERNEL_MEMORY_MB") * 1024 * 1024
    cpu = limit("COURSE_KERNEL_CPU_SECONDS")
    files = limit("COURSE_KERNEL_MAX_FILES")
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))


def main() -> None:
    apply_limits()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()
