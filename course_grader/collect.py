"""``make collect ZIP=... ASSIGNMENT=...``: unpack an LMS download into ``submitted/``.

nbgrader's ``zip_collect`` does the work: the zip is copied to ``downloaded/<assignment>/``,
extracted, and each notebook is filed as ``submitted/<student>/<assignment>/<assignment>.ipynb``.
File names must start with the student id, then ``_``; a Moodle-style middle part
(``..._assignsubmission_file_``) is skipped: ``alice_01_mlp.ipynb`` and
``alice_123_assignsubmission_file_01_mlp.ipynb`` both belong to ``alice``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from course_grader.course import REPO_ROOT
from course_grader.gradebook import nbgrader

def collect(course: Path, assignment: str, archive: Path) -> str:
    """File the notebooks of ``archive`` as submissions of ``assignment``; returns nbgrader's log."""
    if not archive.is_file():
        raise FileNotFoundError(f"{archive}: no such zip file (make collect ZIP=path/to/download.zip)")
    target = course / "downloaded" / assignment / "archive"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(archive, target / archive.name)
    # The file-name pattern is FileNameCollectorPlugin.named_regexp in nbgrader_config.py.
    result = nbgrader(course, "zip_collect", assignment, "--force")
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader zip_collect failed:\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_grader.collect", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", type=Path)
    parser.add_argument("assignment")
    parser.add_argument("--course", type=Path, default=REPO_ROOT)
    args = parser.parse_args(argv)
    log = collect(args.course.resolve(), args.assignment, args.archive.resolve())
    print("\n".join(line for line in log.splitlines() if "WARNING" in line or "ERROR" in line))
    students = sorted(p.parent.name for p in (args.course / "submitted").glob(f"*/{args.assignment}"))
    print(f"{len(students)} submissions of {args.assignment} in {args.course / 'submitted'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
