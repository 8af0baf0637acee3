"""``make bench``: measure the course on this machine and write BENCHMARKS.md.

    python -m benchmarks [--quick] [--only SECTION] [--output BENCHMARKS.md]

``--quick`` skips the full-mode notebook runs (each trains for minutes). ``--only notebooks``
(``make bench ONLY=notebooks``) re-measures one section and rewrites just that section of
BENCHMARKS.md (and its rows of the goals table), saying when it was measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

from benchmarks import data_path, grading, notebooks, similarity
from course_grader import selftest
from course_grader.course import REPO_ROOT, assignments

REFERENCES = {
    "01_mlp": "Fashion-MNIST benchmark table: MLP 256-128-64, 0.900",
    "02_lenet": "Fashion-MNIST benchmark table: two-conv nets under 100k parameters, 0.925",
    "03_rnn_sentiment": "IMDB from scratch: BiLSTM 0.815, CNN-LSTM 0.850",
}


def log(message: str) -> None:
    print(message, flush=True)


def venv_size() -> str:
    result = subprocess.run(["du", "-sh", sys.prefix], capture_output=True, text=True)
    return result.stdout.split()[0] if result.returncode == 0 else "?"


def fresh_clone_test(log_file: Path = REPO_ROOT / ".scratch" / "bench-fresh-clone.log") -> tuple[float, bool]:
    """Seconds for `make test` in a fresh clone of this repository, and whether it passed; what it
    printed goes to ``log_file``."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)  # as a clone's folder usually is: the hub test runs it as other users
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "-q", str(REPO_ROOT), str(clone)], check=True)
        start = time.perf_counter()
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("w") as output:
            result = subprocess.run(["make", "test"], cwd=clone, stdout=output, stderr=subprocess.STDOUT)
        return time.perf_counter() - start, result.returncode == 0


Goal = tuple[str, str, bool]
"""(what the goal is, what was measured, whether it is met)."""


def data_path_section(args: argparse.Namespace) -> tuple[list[str], list[Goal]]:
    log("data path: one training epoch over 60,000 Fashion-MNIST images (median of 3)")
    data = data_path.run(log=log)
    lines = ["## Data path: one training epoch over the 60,000 Fashion-MNIST images", "",
             "Adam, batch 128, median of 3 epochs each.", "",
             "| model | loader | seconds per epoch | x course_utils |", "| --- | --- | --- | --- |"]
    for (model, loader), seconds in data["epochs"].items():
        ratio = seconds / data["epochs"][(model, data_path.COURSE_UTILS)]
        lines.append(f"| {model} | {loader} | {seconds:.2f} | {ratio:.2f} |")
    lines += ["", f"Machine peak (fp32 `torch.mm` 2048x2048, median of 5): {data['peak_gflops']:.1f} GFLOP/s.", "",
              "| model | training FLOPs per epoch (3x forward) | achieved GFLOP/s | share of peak |",
              "| --- | --- | --- | --- |"]
    for model, (flops, rate) in data["flops"].items():
        lines.append(f"| {model} | {flops / 1e9:.1f} G | {rate:.1f} | {100 * rate / data['peak_gflops']:.0f} % |")
    lenet = data["epochs"]
    share = data["flops"][data_path.LENET][1] / data["peak_gflops"]
    goals = [("LeNet-5 training reaches >= 30 % of the fp32 peak", f"{100 * share:.0f} %", share >= 0.30)]
    for workers in (0, 2):
        ratio = (lenet[(data_path.LENET, data_path.COURSE_UTILS)]
                 / lenet[(data_path.LENET, f"torchvision DataLoader, {workers} workers")])
        floor = (lenet[(data_path.LENET, data_path.NO_LOADER)]
                 / lenet[(data_path.LENET, f"torchvision DataLoader, {workers} workers")])
        goals.append((f"LeNet-5 epoch with course_utils <= 0.4x torchvision's ({workers} workers)",
                      f"{ratio:.2f}x (with no loader at all: {floor:.2f}x)", ratio <= 0.4))
    return lines, goals


def notebooks_section(args: argparse.Namespace) -> tuple[list[str], list[Goal]]:
    log("solution notebooks in grading mode" + ("" if args.quick else " and in full mode"))
    lines = ["## Solution notebooks", "",
             "What each full-mode run printed is in `benchmarks/printed/<assignment>.txt`: the figures "
             "the notebooks' text quotes come from there (`tests/test_figures.py` checks them).", "",
             "| assignment | grading mode (s) | full mode (s) | test accuracy printed (full mode) | reference |",
             "| --- | --- | --- | --- | --- |"]
    goals = []
    for assignment in assignments():
        fast_seconds, _ = notebooks.execute(assignment, fast=True)
        full = "skipped (QUICK=1)"
        accuracy = ""
        if not args.quick:
            log(f"  {assignment}: full mode (minutes)")
            full_seconds, accuracy_lines = notebooks.execute(assignment, fast=False)
            full, accuracy = f"{full_seconds:.0f}", "<br>".join(accuracy_lines)
        log(f"  {assignment}: grading mode {fast_seconds:.1f} s, full mode {full}")
        lines.append(f"| {assignment} | {fast_seconds:.1f} | {full} | {accuracy} | {REFERENCES.get(assignment, '')} |")
        goals.append((f"{assignment}: the whole notebook in grading mode in under 60 s",
                      f"{fast_seconds:.1f} s", fast_seconds < 60))
    return lines, goals


def grading_section(args: argparse.Namespace) -> tuple[list[str], list[Goal]]:
    log("grading: the self-test batch of each assignment")
    lines = ["## Grading the self-test set (`make autograde`'s workers, one per core)", "",
             "| assignment | submissions | batch seconds | seconds per submission |", "| --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as scratch:
        for assignment in assignments():
            result = selftest.run(assignment, scratch=Path(scratch))
            count = len(result.outcomes)
            lines.append(f"| {assignment} | {count} | {result.seconds:.0f} | {result.seconds / count:.1f} |")
            log(f"  {assignment}: {count} submissions in {result.seconds:.0f} s")

        log("  throughput: 20 submissions, plain serial nbgrader vs JOBS=2 (zygote, fresh kernels)")
        speed = grading.throughput(Path(scratch) / "throughput", assignments()[0])
        overhead = grading.sandbox_overhead(Path(scratch) / "overhead", assignments()[0])
    runs = speed["runs"]
    zygote_ratio, fresh_ratio = speed["serial"] / speed["zygote"], speed["serial"] / speed["fresh"]
    per_submission = {name: speed[name] / speed["size"] for name in runs}
    zygote_note = "" if speed["zygote_used"] else " (this machine cannot use the zygote: not root, or no bubblewrap)"
    lines += ["", f"Throughput on {speed['size']} submissions of {assignments()[0]} (the self-test set, repeated), "
              "timed serial, zygote, fresh, fresh, zygote, serial, compared on the sums:", "",
              "| grader | runs (s) | seconds per submission | speed-up over plain serial nbgrader |",
              "| --- | --- | --- | --- |",
              f"| plain serial nbgrader | {runs['serial'][0]:.0f}, {runs['serial'][1]:.0f} | {per_submission['serial']:.1f} | 1.00x |",
              f"| `make autograde JOBS=2` (default: kernels forked from a zygote{zygote_note}) | "
              f"{runs['zygote'][0]:.0f}, {runs['zygote'][1]:.0f} | {per_submission['zygote']:.1f} | {zygote_ratio:.2f}x |",
              f"| `make autograde JOBS=2 COURSE_KERNEL_ZYGOTE=0` (kernels started afresh) | "
              f"{runs['fresh'][0]:.0f}, {runs['fresh'][1]:.0f} | {per_submission['fresh']:.1f} | {fresh_ratio:.2f}x |",
              "", f"Identical marks from all three: {speed['same_marks']}.", "",
              f"Sandbox cost per submission (untouched notebook, batch of 5): {overhead['on']:.1f} s with the sandbox, "
              f"{overhead['off']:.1f} s without ({overhead['on'] - overhead['off']:+.1f} s)."]
    goals = [("`make autograde JOBS=2` >= 1.8x plain serial nbgrader on two cores",
              f"{zygote_ratio:.2f}x by default ({fresh_ratio:.2f}x with kernels started afresh)",
              zygote_ratio >= 1.8 and speed["same_marks"])]
    return lines, goals


def similarity_section(args: argparse.Namespace) -> tuple[list[str], list[Goal]]:
    log("similarity: make similarity on 300 synthetic submissions of 01_mlp")
    found = similarity.run("01_mlp", 300, log=log)
    ranks = ", ".join(f"{pair} ranked {rank}" for pair, rank in found["ranks"].items())
    lines = ["## Similarity report (`make similarity`)", "",
             f"{found['size']} synthetic submissions of 01_mlp (`benchmarks/similarity.py`: the course's answers, "
             "alternatives and known mistakes mixed per student, each in their own hand, two planted copies, "
             f"three untouched releases): {found['seconds']:.1f} s, peak memory {found['peak_mib']:.0f} MiB; "
             f"planted pairs: {ranks}."]
    goals = [("`make similarity` on 300 submissions of 01_mlp in under a minute",
              f"{found['seconds']:.1f} s", found["seconds"] < 60)]
    return lines, goals


def setup_section(args: argparse.Namespace) -> tuple[list[str], list[Goal]]:
    log("setup")
    lines = ["## Setup", "", f"- Virtual environment size: {venv_size()} (`du -sh {sys.prefix}`)."]
    if args.fresh_clone:
        log("  fresh clone: git clone, then make test (venv, data, every test)")
        seconds, passed = fresh_clone_test()
        log(f"  fresh clone: {'passed' if passed else 'FAILED'} in {seconds / 60:.1f} min (output in .scratch/bench-fresh-clone.log)")
        lines.append(f"- Fresh-clone `make test` (venv created and installed from the local wheels, data "
                     f"prepared, all tests): {seconds / 60:.1f} minutes, {'passed' if passed else 'FAILED'}.")
    else:
        lines.append("- Fresh-clone `make test`: not measured in this run (`make bench FRESH=1`).")
    return lines, []


SECTIONS = {"data": data_path_section, "notebooks": notebooks_section, "grading": grading_section,
            "similarity": similarity_section, "setup": setup_section}
"""The sections of BENCHMARKS.md, in order, by the name ``--only`` takes."""
GOALS_HEADING = "## Goals"


def machine() -> str:
    return (f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} torch threads, "
            f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
            f"torch {torch.__version__}, Python {platform.python_version()}")


def split_sections(text: str) -> dict[str, list[str]]:
    """BENCHMARKS.md cut at its ``## `` headings: the heading (``""`` for the title part) -> its lines.

    Example:
        >>> split_sections("# B\n\nintro\n## One\n\nx\n")["## One"]
        ['## One', '', 'x']
    """
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        if line.startswith("## "):
            current = line
            sections[current] = []
        sections[current].append(line)
    return sections


def goal_rows(goals: list[Goal]) -> list[str]:
    return [f"| {goal} | {value} | {'yes' if met else 'no'} |" for goal, value, met in goals]


def rewrite_one_section(output: Path, name: str, lines: list[str], goals: list[Goal]) -> None:
    """Put a section measured alone into ``output`` in place of its old text, with the date it was
    measured; its goals replace their rows in the goals table, the other rows stay."""
    if not output.exists():
        raise SystemExit(f"{output} does not exist: run the whole `make bench` once before `make bench ONLY={name}`.")
    sections = split_sections(output.read_text())
    heading = lines[0]
    stamp = f"Measured alone by `make bench ONLY={name}` on {dt.date.today()}: {machine()}."
    sections[heading] = [heading, "", stamp, *lines[1:], ""]
    if GOALS_HEADING in sections:
        names = {goal for goal, _, _ in goals}
        kept = [row for row in sections[GOALS_HEADING][4:]
                if row.startswith("| ") and row.split(" | ")[0][2:] not in names]
        sections[GOALS_HEADING] = [GOALS_HEADING, "", "| goal | measured | met |", "| --- | --- | --- |",
                                   *kept, *goal_rows(goals), ""]
        sections[GOALS_HEADING + " "] = sections.pop(GOALS_HEADING)  # keep the goals last
    title = sections.pop("")
    title = [line.replace("Every figure comes from this one run.",
                          "Every figure comes from this one run, except in a section that says it was measured alone.")
             for line in title]
    body = [line for part in sections.values() for line in part]
    output.write_text("\n".join([*title, *body]).rstrip("\n") + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the full-mode notebook runs")
    parser.add_argument("--fresh-clone", action="store_true",
                        help="also time `make test` in a fresh clone (about 25 minutes more)")
    parser.add_argument("--only", choices=sorted(SECTIONS), help="re-measure this section alone")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    if args.only:
        lines, goals = SECTIONS[args.only](args)
        rewrite_one_section(args.output, args.only, lines, goals)
        log(f"rewrote the {args.only} section of {args.output}")
        return 0
    lines = ["# Benchmarks", "",
             f"Written by `make bench{' QUICK=1' if args.quick else ''}` on {dt.date.today()}: {machine()}. "
             "Every figure comes from this one run.", ""]
    goals: list[Goal] = []
    for number, section in enumerate(SECTIONS.values(), start=1):
        log(f"{number}/{len(SECTIONS)}")
        section_lines, section_goals = section(args)
        lines += [*section_lines, ""]
        goals += section_goals
    lines += [GOALS_HEADING, "", "| goal | measured | met |", "| --- | --- | --- |", *goal_rows(goals), ""]
    args.output.write_text("\n".join(lines))
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
