"""``make similarity``: which pairs of students share answers that nobody else in the class wrote.

Only the students' answers are compared: each answer cell (code, and the written answers of
manual questions) is matched by ``grade_id`` with the same cell of every other submission in
``submitted/<student>/<assignment>/``, graded or not. What the release already holds (the
stubs, signatures, docstrings, and every instructor cell) is boilerplate and never counts.

How an answer becomes comparable (``tokens``): code is read with Python's ``tokenize``;
comments, blank lines and docstrings are dropped, and every name the student chose (variables,
parameters, helpers, ``self.<attribute>``) becomes ``V``, while keywords, built-ins, the
notebook's imports and definitions, and library attributes (``.sum``, ``.exp``) stay as they
are. Renaming variables, reordering functions or cells, and rewriting comments change nothing.
Written answers are compared as lower-cased words. Each answer then becomes a set of
*fingerprints* by the robust winnowing of Schleimer et al. (the algorithm of MOSS), taken from
``copydetect``: hashes of k consecutive tokens, one per window, so that any match of
``k + window - 1`` tokens or more is seen.

How a pair is scored (``compare``), class-wide:

- a fingerprint counts for a pair by how few others share it (``_rarity``): 1 when only these two
  students have it, 0 when everyone does, and in between ``(log(N / m) / log(N / 2)) ** 3`` for m
  holders in a class of N: what the whole class writes alike counts for nothing, what a quarter
  of it writes alike for little;
- each exercise is weighed by its *freedom*, measured across the class: the length of its
  typical answer (median number of the students' own fingerprints), in full from
  ``FULL_FREEDOM`` fingerprints on; a one-line formula has little room to differ and weighs little;
- the score is the weighed sum of what the pair shares, over all exercises, divided by the
  weighed size of a typical submission (the class median, each student's fingerprints weighed
  the same way). On the synthetic classes of ``benchmarks/similarity.py`` (30 and 300 students,
  each assignment), a whole copied notebook scores 0.6 to 1.1, one exercise copied from a rare
  answer 0.37 to 7 (more in a larger class, whose typical submission holds less rare text), and
  99 % of the pairs who wrote alike on their own score under 0.25 to 0.47.

A high score is a reason to look at the two notebooks, not proof: a shared study group, a
common source, or a very constrained exercise also make answers alike.

Example:
    >>> release = {"cells": [{"cell_type": "code", "metadata": {"nbgrader": {"grade_id": "ex1", "solution": True}},
    ...                       "source": "def area(w, h):\\n    # YOUR CODE HERE\\n    raise NotImplementedError()"}]}
    >>> def answer(code):
    ...     return {"cells": [{"cell_type": "code", "metadata": {"nbgrader": {"grade_id": "ex1"}},
    ...                        "source": "def area(w, h):\\n" + code}]}
    >>> submissions = {"ann": answer("    width = abs(w)\\n    return width * abs(h) + 0 * max(w, h, 1)"),
    ...                "bob": answer("    # mine!\\n    x = abs(w)\\n    return x * abs(h) + 0 * max(w, h, 1)"),
    ...                "cid": answer("    return w * h")}
    >>> result = compare(submissions, release, Sizes(code_k=4, code_window=2))
    >>> [(pair.first, pair.second, round(pair.score, 2)) for pair in result.pairs[:2]]
    [('ann', 'bob', 1.0), ('ann', 'cid', 0.0)]
"""

from __future__ import annotations

import argparse
import ast
import builtins
import csv
import hashlib
import html
import io
import keyword
import re
import sys
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from copydetect.utils import get_copied_slices, highlight_overlap, winnow

from course_grader.answers import grade_id, role
from course_grader.course import REPO_ROOT, assignments, read_notebook, release_notebook

FULL_FREEDOM = 10
"""An exercise whose typical answer (the class median) has this many fingerprints of the student's
own (about 40 tokens, three lines) or more counts in full; a shorter one in proportion."""
RARITY_POWER = 3
"""How steeply a shared fingerprint loses weight as more of the class holds it (see ``_rarity``): with
3, text that a quarter of a class of 300 writes alike weighs 2 % of text only the pair shares. So
one exercise copied from a rare answer outweighs many common lines two students wrote alike, and a
whole copied notebook still scores about 1 however large the class (measured on the synthetic
classes of ``benchmarks/similarity.py``: 30 to 300 students)."""
DEFAULT_THRESHOLD = 0.35
"""Pairs scoring at least this go into the report (``make similarity THRESHOLD=...``): as much
rare shared text as a third of a typical submission's, what one copied exercise of some length
reaches (see the scores above)."""


@dataclass(frozen=True)
class Sizes:
    """Fingerprint sizes: hashes of ``k`` tokens, one kept per ``window``; any shared run of
    ``k + window - 1`` tokens is found. Code: 16 and 6 (21 tokens, a line and a half: a single
    changed token then makes 16 hashes differ, which keeps answers written apart apart); written
    answers: 6 and 3 words (8 words)."""

    code_k: int = 16
    code_window: int = 6
    text_k: int = 6
    text_window: int = 3

    def of(self, kind: str) -> tuple[int, int]:
        """(k, window) for ``kind`` (``code`` or ``markdown``)."""
        return (self.code_k, self.code_window) if kind == "code" else (self.text_k, self.text_window)

_SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
_STATEMENT_START = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, None}
_KEPT_NAMES = set(keyword.kwlist) | set(keyword.softkwlist) | set(dir(builtins))
_MARKER = re.compile(r"^[ \t]*#*[ \t]*(BEGIN|END) SOLUTION[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Token:
    """One token of an answer: its normalized text and where it stands in the original (characters)."""

    text: str
    start: int
    end: int


def notebook_names(notebook: dict) -> set[str]:
    """Names a student cannot rename: what the notebook's code imports or defines at top level.

    Example:
        >>> sorted(notebook_names({"cells": [{"cell_type": "code", "source": "import torch.nn as nn\\ndef relu(x): pass"}]}))
        ['nn', 'relu']
    """
    names: set[str] = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        try:
            tree = ast.parse(_text(cell))
        except SyntaxError:  # a stub or a magic that does not parse names nothing
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
    return names


def tokens(text: str, kind: str = "code", kept: frozenset[str] | set[str] = frozenset()) -> list[Token]:
    """The normalized tokens of an answer (``kind``: ``code`` or ``markdown``); names not in ``kept``
    (nor keywords or built-ins) become ``V``; code that does not tokenize is split into words and signs.

    Example:
        >>> [t.text for t in tokens('def f(a):\\n    "Doc."\\n    return len(a) + a.sum()  # why')]
        ['def', 'V', '(', 'V', ')', ':', '\\n', '>', 'return', 'len', '(', 'V', ')', '+', 'V', '.', 'sum', '(', ')', '\\n', '<']
    """
    text = _MARKER.sub(lambda m: " " * len(m.group(0)), text)
    if kind != "code":
        return [Token(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    lines = text.splitlines(keepends=True)
    offsets = np.cumsum([0] + [len(line) for line in lines]).tolist()
    try:
        raw = [t for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type not in _SKIPPED]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [Token(m.group(0) if m.group(0) in _KEPT_NAMES or not m.group(0)[0].isalpha() else "V",
                      m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    found: list[Token] = []
    dropped = False
    for index, tok in enumerate(raw):
        before = raw[index - 1] if index else None
        after = raw[index + 1] if index + 1 < len(raw) else None
        if tok.type == tokenize.STRING and (before is None or before.type in _STATEMENT_START) \
                and (after is None or after.type == tokenize.NEWLINE):
            dropped = True  # a docstring, or a string standing alone as a statement: it and its line end
            continue
        if dropped and tok.type == tokenize.NEWLINE:
            dropped = False
            continue
        if tok.type == tokenize.NAME:
            attribute = before is not None and before.string == "."
            own_attribute = attribute and index >= 2 and raw[index - 2].string == "self"
            keep = tok.string in _KEPT_NAMES or tok.string in kept or (attribute and not own_attribute)
            norm = tok.string if keep else "V"
        elif tok.type == tokenize.STRING:
            try:
                norm = repr(ast.literal_eval(tok.string))
            except (ValueError, SyntaxError):
                norm = tok.string
        elif tok.type == tokenize.INDENT:
            norm = ">"
        elif tok.type == tokenize.DEDENT:
            norm = "<"
        elif tok.type == tokenize.NEWLINE:
            norm = "\n"
        else:
            norm = tok.string
        start = offsets[tok.start[0] - 1] + tok.start[1] if tok.start[0] <= len(lines) else len(text)
        end = offsets[tok.end[0] - 1] + tok.end[1] if tok.end[0] <= len(lines) else len(text)
        found.append(Token(norm, start, end))
    return found


_TOKEN_IDS: dict[str, int] = {}


def kgram_hashes(found: list[Token], k: int) -> np.ndarray:
    """Stable 52-bit hashes of every run of ``k`` tokens (the same in every run: no ``hash()`` seed).

    Example:
        >>> a = kgram_hashes(tokens("x = y + 1"), 3); b = kgram_hashes(tokens("q = r + 1"), 3)
        >>> len(a), bool((a == b).all())
        (4, True)
    """
    if len(found) < k:
        return np.zeros(0, dtype=np.int64)
    ids = np.empty(len(found), dtype=np.uint64)
    for index, tok in enumerate(found):
        if (value := _TOKEN_IDS.get(tok.text)) is None:
            value = _TOKEN_IDS[tok.text] = int.from_bytes(hashlib.blake2b(tok.text.encode(), digest_size=8).digest(), "big")
        ids[index] = value
    combined = np.zeros(len(found) - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        for offset in range(k):
            combined = combined * np.uint64(1_000_003) + ids[offset:len(found) - k + 1 + offset]
    # 52 bits: copydetect's winnowing compares hashes as floats, exact below 2**53
    return (combined >> np.uint64(12)).astype(np.int64)


@dataclass
class Answer:
    """One student's answer to one exercise: its text, tokens, and fingerprints (hash -> token positions)."""

    text: str
    found: list[Token]
    prints: dict[int, list[int]]


def fingerprint(text: str, kind: str, kept: set[str], boilerplate: set[int], sizes: Sizes = Sizes()) -> Answer:
    """The winnowed fingerprints of an answer, without those of the boilerplate."""
    found = tokens(text, kind, kept)
    k, window = sizes.of(kind)
    hashes = kgram_hashes(found, k)
    prints: dict[int, list[int]] = {}
    if len(hashes):
        selected, positions = winnow(hashes, window, remove_duplicates=False)
        for value, position in zip(selected.tolist(), positions.tolist()):
            if value not in boilerplate:
                prints.setdefault(value, []).append(position)
    return Answer(text, found, prints)


@dataclass
class Exercise:
    """An answer cell of the assignment and how free its answers are across the class."""

    grade_id: str
    kind: str
    freedom: float = 0.0


@dataclass
class Pair:
    """Two students, their score, and each exercise's part of it (grade_id -> that exercise's score)."""

    first: str
    second: str
    score: float
    exercises: dict[str, float] = field(default_factory=dict)


@dataclass
class Comparison:
    """Everything ``compare`` found: the exercises, every pair (best first), the answers."""

    exercises: list[Exercise]
    pairs: list[Pair]
    answers: dict[str, dict[str, Answer]]
    typical_size: float
    sizes: Sizes = Sizes()


def _text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def answer_cells(notebook: dict, wanted: set[str]) -> dict[str, str]:
    """The text of each cell of ``notebook`` whose ``grade_id`` is in ``wanted`` (the first one, if repeated)."""
    found: dict[str, str] = {}
    for cell in notebook.get("cells", []):
        if (gid := grade_id(cell)) in wanted and gid not in found:
            found[gid] = _text(cell)
    return found


def _rarity(holders: np.ndarray, count: int) -> np.ndarray:
    """How much a fingerprint held by ``holders`` of ``count`` students says about a pair that shares
    it: 1 when only the two have it, 0 when everyone does; in between, the inverse document
    frequency of search engines (``log(count / holders)``, scaled to 1 for a pair) to the power
    ``RARITY_POWER``.

    Example:
        >>> _rarity(np.array([1, 2, 10, 100]), 100).round(2).tolist()
        [1.0, 1.0, 0.2, 0.0]
    """
    if count <= 2:
        return np.ones(len(holders))
    return np.clip(np.log(count / np.maximum(holders, 2)) / np.log(count / 2), 0.0, 1.0) ** RARITY_POWER


def compare(submissions: dict[str, dict], release: dict, sizes: Sizes = Sizes()) -> Comparison:
    """Score every pair of ``submissions`` (student -> notebook) against the ``release`` notebook."""
    exercises = [Exercise(gid, cell["cell_type"]) for cell in release["cells"]
                 if role(cell) == "answer" and (gid := grade_id(cell))]
    if not exercises:
        raise ValueError("the release has no answer cell (nbgrader solution cell with a grade_id): "
                         "is it the student version of the assignment?")
    kept = notebook_names(release)
    boilerplate: dict[str, set[int]] = {"code": set(), "markdown": set()}
    for cell in release["cells"]:  # every k-gram of the release, not only its fingerprints
        kind = "code" if cell["cell_type"] == "code" else "markdown"
        boilerplate[kind].update(kgram_hashes(tokens(_text(cell), kind, kept), sizes.of(kind)[0]).tolist())
    students = sorted(submissions)
    wanted = {e.grade_id for e in exercises}
    answers = {s: {} for s in students}
    for student in students:
        texts = answer_cells(submissions[student], wanted)
        for exercise in exercises:
            kind = "code" if exercise.kind == "code" else "markdown"
            answers[student][exercise.grade_id] = fingerprint(texts.get(exercise.grade_id, ""), kind, kept,
                                                                   boilerplate[kind], sizes)
    count = len(students)
    total = np.zeros((count, count))
    content = np.zeros(count)  # each student's own text, freedom-weighted
    per_exercise: dict[str, np.ndarray] = {}
    for exercise in exercises:
        sets = [np.fromiter(answers[s][exercise.grade_id].prints, dtype=np.int64) for s in students]
        every = np.concatenate(sets) if sets else np.zeros(0, dtype=np.int64)
        if len(every) == 0:
            continue
        distinct, holders = np.unique(every, return_counts=True)
        exercise.freedom = min(1.0, float(np.median([len(s) for s in sets])) / FULL_FREEDOM)
        rarity = _rarity(holders, count)
        for row, values in enumerate(sets):
            content[row] += exercise.freedom * float(rarity[np.searchsorted(distinct, values)].sum())
        shared_prints = distinct[holders >= 2]
        if len(shared_prints) == 0:
            continue
        weights = rarity[holders >= 2]
        member = np.zeros((count, len(shared_prints)), dtype=np.float32)
        for row, values in enumerate(sets):
            columns = np.searchsorted(shared_prints, values)
            hit = columns < len(shared_prints)
            hit[hit] = shared_prints[columns[hit]] == values[hit]
            member[row, columns[hit]] = 1.0
        shared = (member * weights.astype(np.float32)) @ member.T * exercise.freedom
        per_exercise[exercise.grade_id] = shared
        total += shared
    typical = float(np.median(content[content > 0])) if (content > 0).any() else 0.0
    pairs = []
    for i in range(count):
        for j in range(i + 1, count):
            score = total[i, j] / typical if typical else 0.0
            parts = {gid: float(m[i, j] / typical) for gid, m in per_exercise.items() if typical and m[i, j] > 0}
            pairs.append(Pair(students[i], students[j], float(score), dict(sorted(parts.items(), key=lambda p: -p[1]))))
    pairs.sort(key=lambda p: (-p.score, p.first, p.second))
    return Comparison(exercises, pairs, answers, typical, sizes)


def read_submissions(course: Path, assignment: str) -> tuple[dict[str, dict], list[str]]:
    """Each student's notebook of ``assignment`` in ``course/submitted/`` (``<assignment>.ipynb``, else
    the first ``*.ipynb``), and a line for each folder that holds none or an unreadable one."""
    folder = course / "submitted"
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no submitted/ folder. Collect the submissions first "
                                f"(make collect ZIP=... ASSIGNMENT={assignment}).")
    found: dict[str, dict] = {}
    problems: list[str] = []
    for student_folder in sorted(p for p in folder.glob(f"*/{assignment}") if p.is_dir()):
        student = student_folder.parent.name
        preferred = student_folder / f"{assignment}.ipynb"
        notebooks = [preferred] if preferred.is_file() else sorted(student_folder.glob("*.ipynb"))
        if not notebooks:
            problems.append(f"{student}: no notebook in {student_folder}")
            continue
        try:
            found[student] = read_notebook(notebooks[0])
        except (ValueError, UnicodeDecodeError) as error:
            problems.append(f"{student}: {notebooks[0].name} is not a readable notebook ({error})")
    return found, problems


def _highlighted(answer: Answer, shared: set[int], k: int) -> str:
    """The answer's text as HTML, the runs of tokens that ``shared`` fingerprints cover in <mark>."""
    positions = [p for value in shared for p in answer.prints.get(value, [])]
    if not positions:
        return html.escape(answer.text)
    runs = get_copied_slices(np.array(positions), k)
    last = len(answer.found) - 1
    chars = np.array([[answer.found[int(s)].start for s in runs[0]],
                      [answer.found[min(int(e) - 1, last)].end for e in runs[1]]])
    marked, _ = highlight_overlap(answer.text, chars, "<mark>", "</mark>", escape_html=True)
    return marked


def report(comparison: Comparison, assignment: str, threshold: float, folder: Path) -> tuple[Path, Path]:
    """Write ``folder/<assignment>.html`` and ``.csv``: every pair scoring at least ``threshold``."""
    folder.mkdir(parents=True, exist_ok=True)
    flagged = [p for p in comparison.pairs if p.score >= threshold]
    kinds = {e.grade_id: e.kind for e in comparison.exercises}
    csv_path = folder / f"{assignment}.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as output:
        writer = csv.writer(output)
        writer.writerow(["rank", "student_a", "student_b", "score", "matching_exercises"])
        for rank, pair in enumerate(flagged, 1):
            writer.writerow([rank, pair.first, pair.second, f"{pair.score:.3f}", _exercise_list(pair)])
    rows, details = [], []
    for rank, pair in enumerate(flagged, 1):
        rows.append(f"<tr><td>{rank}</td><td><a href='#pair{rank}'>{html.escape(pair.first)} &amp; "
                    f"{html.escape(pair.second)}</a></td><td>{pair.score:.3f}</td>"
                    f"<td>{html.escape(_exercise_list(pair))}</td></tr>")
        blocks = []
        for gid in _matching(pair):
            a, b = comparison.answers[pair.first][gid], comparison.answers[pair.second][gid]
            shared = set(a.prints) & set(b.prints)
            k = comparison.sizes.of(kinds[gid])[0]
            blocks.append(f"<h4>{html.escape(gid)} ({pair.exercises[gid]:.3f} of the score)</h4><div class='side'>"
                          f"<pre>{_highlighted(a, shared, k)}</pre><pre>{_highlighted(b, shared, k)}</pre></div>")
        details.append(f"<h3 id='pair{rank}'>{rank}. {html.escape(pair.first)} &amp; {html.escape(pair.second)}: "
                       f"{pair.score:.3f}</h3><div class='side'><b>{html.escape(pair.first)}</b>"
                       f"<b>{html.escape(pair.second)}</b></div>{''.join(blocks)}")
    freedom = "".join(f"<tr><td>{html.escape(e.grade_id)}</td><td>{e.kind}</td><td>{e.freedom:.2f}</td></tr>"
                      for e in comparison.exercises)
    students = len(comparison.answers)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Similarity: {assignment}</title><style>
body {{font-family: sans-serif; margin: 2em; max-width: 110em}} table {{border-collapse: collapse}}
td, th {{border: 1px solid #ccc; padding: .2em .6em; text-align: left}} mark {{background: #fd6}}
.side {{display: grid; grid-template-columns: 1fr 1fr; gap: 1em}} pre {{background: #f6f6f6; padding: .5em; overflow-x: auto}}
</style></head><body><h1>Similar answers in {assignment}</h1>
<p>{students} submissions, {students * (students - 1) // 2} pairs compared; {len(flagged)} score at least
{threshold} (<code>make similarity THRESHOLD=...</code>).</p>
<p><b>What a score means.</b> Only answer cells are compared, each with the same cell (by grade_id) of the
other notebook; the release's stubs and the instructor's cells never count. Names the student chose,
comments, docstrings and the order of functions and cells make no difference. A shared piece of code or text
counts fully when no one else in the class has it, and less the more students have it (nothing when everyone
does), so what the class writes alike counts for little; each exercise is weighed by its freedom (the length of
its typical answer, in full from {FULL_FREEDOM} fingerprints on). The score is what the two share divided by what a
typical submission holds, weighed the same way. On synthetic classes built from the course's own answers, a
whole copied notebook scores 0.6 to 1.1, one copied exercise 0.37 or more, and 99 % of the pairs who wrote alike
on their own under 0.25 to 0.47.</p>
<p><b>A match is a reason to look at both notebooks, not proof of copying.</b> Students who worked together,
used the same source, or answered a narrow exercise the same way also match.</p>
<h2>Pairs</h2><table><tr><th>rank</th><th>students</th><th>score</th><th>matching exercises (part of the score)</th></tr>
{''.join(rows) or '<tr><td colspan=4>no pair above the threshold</td></tr>'}</table>
<h2>Side by side</h2><p>Highlighted: the runs both answers share (after normalization).</p>{''.join(details)}
<h2>Freedom of each exercise</h2><table><tr><th>exercise</th><th>cell</th><th>freedom</th></tr>{freedom}</table>
</body></html>
"""
    html_path = folder / f"{assignment}.html"
    html_path.write_text(page, encoding="utf-8")
    return html_path, csv_path


def _matching(pair: Pair) -> list[str]:
    """The exercises that make up most of a pair's score (each at least 5 % of it)."""
    return [gid for gid, part in pair.exercises.items() if part >= 0.05 * pair.score and part > 0]


def _exercise_list(pair: Pair) -> str:
    return ", ".join(f"{gid} {pair.exercises[gid]:.3f}" for gid in _matching(pair))


def run(course: Path, assignment: str, threshold: float = DEFAULT_THRESHOLD, top: int = 10,
        log=print) -> Comparison:
    """Compare the submissions of ``assignment`` in ``course``, write the report, print the top pairs."""
    known = assignments(course) if (course / "solutions").is_dir() else []
    if assignment not in known:
        raise ValueError(f"unknown assignment {assignment!r}: expected one of {', '.join(known)}")
    submissions, problems = read_submissions(course, assignment)
    for problem in problems:
        log(f"  skipped {problem}")
    if len(submissions) < 2:
        log(f"{assignment}: {len(submissions)} submission(s) in {course / 'submitted'}; nothing to compare")
        return Comparison([], [], {}, 0.0)
    comparison = compare(submissions, read_notebook(release_notebook(assignment, course)))
    html_path, csv_path = report(comparison, assignment, threshold, course / "similarity")
    flagged = [p for p in comparison.pairs if p.score >= threshold]
    log(f"{assignment}: {len(submissions)} submissions, {len(flagged)} pairs score >= {threshold}; "
        f"report {html_path.relative_to(course) if html_path.is_relative_to(course) else html_path}, {csv_path.name}")
    for pair in comparison.pairs[:top]:
        log(f"  {pair.score:6.3f}  {pair.first} & {pair.second}: {_exercise_list(pair) or '-'}")
    return comparison


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_grader.similarity", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignment", nargs="*", help="assignment ids (default: every assignment)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="report pairs scoring at least this")
    parser.add_argument("--top", type=int, default=10, help="print this many of the best pairs")
    parser.add_argument("--course", type=Path, default=REPO_ROOT)
    args = parser.parse_args(argv)
    course = args.course.resolve()
    try:
        for assignment in args.assignment or assignments(course):
            run(course, assignment, args.threshold, args.top)
    except (ValueError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
