"""A synthetic class for ``make similarity``, and its timing on 300 submissions.

Students are built from the course's own material: each answer cell is the source's solution
or one of the correct alternatives and known mistakes of ``tests/submissions/<assignment>/``
that touch that cell, drawn per student and per cell. Students built this way would share
whole answers far more than a real class does (there are only a handful of variants per cell),
so each student also gets a *hand*: a seeded choice of small rewrites real students differ by
(``x.sum(1)`` or ``x.sum(dim=1)``, ``a += b`` or ``a = a + b``, ``x.size(0)`` or
``x.shape[0]``, a result named before it is returned, ...). Written answers are a few sentences
of the model answer, chosen and ordered per student. Then come the planted pairs:

- ``copier`` hands in ``original``'s notebook with every own name renamed, the functions of each
  cell in reverse order, other comments, and the answer cells in another order;
- ``borrower`` (an otherwise independent student) copied one exercise of ``lender`` (renamed);
- ``release-1``, ``release-2``, ... submitted the untouched release.

Example:
    >>> planted = synthetic_class("01_mlp", 8, seed=1)
    >>> sorted(planted.notebooks)[:3], planted.pairs[0][:2]
    (['borrower', 'copier', 'lender'], ('copier', 'original'))
"""

from __future__ import annotations

import ast
import copy
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from course_grader.answers import grade_id, role
from course_grader.course import REPO_ROOT, read_notebook, release_notebook, scratch_course, source_notebook
from course_grader.similarity import compare, notebook_names, tokens
from course_grader.submissions import apply_mistake, load_mistakes, submit

# (what a student may write differently, pattern, replacement): each keeps the code's meaning.
HAND = [
    ("positional dim", re.compile(r"\((dim=)(-?\d)"), r"(\2"),
    ("augmented assignment spelled out", re.compile(r"^(\s*)([\w.]+(?:\[[^\]\n]*\])?) ([-+*/])= (.+)$", re.M),
     r"\1\2 = \2 \3 (\4)"),
    ("result named before return", re.compile(r"^(\s*)return (?!None\b)(\S.*[(+\-*/].*)$", re.M),
     r"\1result = \2\n\1return result"),
    ("size() for shape[]", re.compile(r"\.shape\[(-?\d)\]"), r".size(\1)"),
    ("float literals", re.compile(r"(?<![\w.])([12]) ([-+*/]) "), r"\1.0 \2 "),
    ("squares as products", re.compile(r"\b([a-z_]\w*) \*\* 2\b"), r"\1 * \1"),
    ("t() for .T", re.compile(r"\.T\b"), r".t()"),
    ("float() for .item()", re.compile(r"(\b[\w.]+(?:\([^()\n]*\))?)\.item\(\)"), r"float(\1)"),
    ("no keepdim keyword", re.compile(r"keepdim=True"), r"True"),
    ("methods for torch functions", re.compile(r"\btorch\.(exp|log|sqrt|tanh|abs|sigmoid|relu)\(([\w.]+)\)"), r"\2.\1()"),
    ("mean as sum over count", re.compile(r"\b([a-z_]\w*)\.mean\(\)"), r"(\1.sum() / \1.numel())"),
    ("keyword Linear", re.compile(r"nn\.Linear\(([^,()=]+), ([^,()=]+)\)"), r"nn.Linear(in_features=\1, out_features=\2)"),
    ("reshape for view", re.compile(r"\.view\("), r".reshape("),
    ("torch.float for float32", re.compile(r"torch\.float32\b"), r"torch.float"),
    ("to() for .float()", re.compile(r"\.float\(\)"), r".to(torch.float32)"),
    ("range from 0", re.compile(r"\brange\((?!0, )([^,()]+)\)"), r"range(0, \1)"),
    ("matmul for @", re.compile(r"([\w.]+) @ ([\w.]+)"), r"torch.matmul(\1, \2)"),
    ("square root as power", re.compile(r"\b([a-z_]\w*)\.sqrt\(\)"), r"\1 ** 0.5"),
]
"""A student's *hand*: for each rewrite, how often they write it that way (drawn per student); each
place where a rewrite fits gets its own draw, as real students are not consistent either."""


@dataclass
class Planted:
    """The class: student -> notebook, and the planted pairs (student, student, what was done)."""

    notebooks: dict[str, dict]
    pairs: list[tuple[str, str, str]]
    releases: list[str]


def _text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def variants(assignment: str, root: Path = REPO_ROOT) -> dict[str, list[dict]]:
    """For each answer cell, the answer cells that the source and each known mistake or alternative give it."""
    return _variants(assignment, root)[0]


def _variants(assignment: str, root: Path) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """(answer grade_id -> its variant cells, the source's first; mistake name -> the cells it gave)."""
    source = read_notebook(source_notebook(assignment, root))
    answers = {grade_id(c): [c] for c in source["cells"] if role(c) == "answer"}
    by_mistake: dict[str, list[dict]] = {}
    for mistake in load_mistakes(assignment, root):
        for gid in sorted(set(mistake.cells) | set(mistake.edits)):
            one = replace(mistake, cells={g: t for g, t in mistake.cells.items() if g == gid},
                          edits={g: e for g, e in mistake.edits.items() if g == gid}, loses=frozenset())
            changed = apply_mistake(source, one)
            cell = next(c for c in changed["cells"] if grade_id(c) == gid)
            answers[gid].append(cell)
            by_mistake.setdefault(mistake.name, []).append(cell)
    return answers, by_mistake


def _written(model: str, rng: random.Random) -> str:
    """A student's written answer: a few sentences of the model answer (not its rubric), in their own order."""
    text = re.sub(r"#+ *(BEGIN|END) SOLUTION", "", model.split("**Rubric")[0]).replace("**Model answer.**", "")
    sentences = [s.strip() for s in re.split(r"(?<=[.;])\s+", " ".join(text.split())) if len(s.split()) > 3]
    chosen = rng.sample(sentences, k=min(len(sentences), rng.randint(2, 4)))
    return " ".join(chosen) + "\n"


def write_in_hand(code: str, hand: list[float], rng: random.Random) -> str:
    """``code`` with each rewrite of ``HAND`` applied at each place it fits with the hand's probability.

    Example:
        >>> write_in_hand("    total += x.sum(dim=1)", [1.0, 1.0] + [0.0] * (len(HAND) - 2), random.Random(0))
        '    total = total + (x.sum(1))'
    """
    for (_, pattern, replacement), probability in zip(HAND, hand):
        code = pattern.sub(lambda match: match.expand(replacement) if rng.random() < probability else match.group(0), code)
    return code


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
        {ast.unparse(n) for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def swap_independent_lines(code: str, rng: random.Random, probability: float = 0.5) -> str:
    """``code`` with pairs of adjacent one-line statements that do not touch each other's names
    swapped, each pair with ``probability``: the order a student happens to write things in.

    Example:
        >>> swap_independent_lines("a = x + 1\\nb = y * 2\\nc = a + b\\n", random.Random(1), probability=1.0)
        'b = y * 2\\na = x + 1\\nc = a + b\\n'
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    lines = code.splitlines(keepends=True)
    simple = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr)
    for body in [tree.body] + [n.body for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.For, ast.If, ast.With))]:
        index = 0
        while index + 1 < len(body):
            first, second = body[index], body[index + 1]
            if isinstance(first, simple) and isinstance(second, simple) and first.lineno == first.end_lineno \
                    and second.lineno == second.end_lineno == first.lineno + 1 \
                    and not (_names(first) & _names(second)) and rng.random() < probability:
                lines[first.lineno - 1], lines[second.lineno - 1] = lines[second.lineno - 1], lines[first.lineno - 1]
                index += 2
            else:
                index += 1
    return "".join(lines)


def disguise(code: str, kept: set[str], tag: str) -> str:
    """``code`` as a copier hands it in: own names renamed, top-level functions in reverse order,
    comments replaced.

    Example:
        >>> print(disguise("def f(a):\\n    return a  # ok\\n\\ndef g(b):\\n    return b\\n", {"f", "g"}, "q"))
        def g(q_b):
            return q_b
        <BLANKLINE>
        # rewritten
        def f(q_a):
            return q_a  # mine
        <BLANKLINE>
    """
    pieces, last = [], 0
    for tok in tokens(code, "code", kept):
        raw = code[tok.start:tok.end]
        keyword_argument = re.match(r"\s*=(?!=)", code[tok.end:]) and re.search(r"[(,]\s*$", code[:tok.start])
        method = re.search(r"\bdef\s+$", code[:tok.start]) and re.match(r"\s+def", code[:tok.start].rsplit("\n", 1)[-1])
        if tok.text == "V" and raw != "self" and not raw.startswith("__") and not keyword_argument and not method:
            pieces += [code[last:tok.start], f"{tag}_{raw}"]
            last = tok.end
    renamed = "".join(pieces) + code[last:]
    renamed = re.sub(r"#(?! *(BEGIN|END) SOLUTION).*", "# mine", renamed)
    try:
        body = ast.parse(renamed).body
    except SyntaxError:
        return renamed
    lines = renamed.splitlines(keepends=True)
    defs = [n for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    if len(defs) < 2 or len(defs) != len(body):
        return renamed
    blocks = ["".join(lines[(n.decorator_list[0].lineno if n.decorator_list else n.lineno) - 1:n.end_lineno])
              for n in defs]
    return "\n# rewritten\n".join(block.rstrip("\n") + "\n" for block in reversed(blocks))


def _student(release: dict, choices: dict[str, dict], hand: list[float], rng: random.Random) -> dict:
    notebook = copy.deepcopy(release)
    for cell in notebook["cells"]:
        gid = grade_id(cell)
        if role(cell) != "answer" or rng.random() < 0.04:  # some leave an exercise unanswered
            continue
        text = _text(choices[gid])
        cell["source"] = swap_independent_lines(write_in_hand(text, hand, rng), rng) if cell["cell_type"] == "code" \
            else _written(text, rng)
    return notebook


def synthetic_class(assignment: str, size: int, seed: int = 0, root: Path = REPO_ROOT, releases: int = 3) -> Planted:
    """``size`` submissions of ``assignment``: independent students, two planted pairs, untouched releases."""
    rng = random.Random(seed)
    release = read_notebook(release_notebook(assignment, root))
    kept = notebook_names(release)
    options, by_mistake = _variants(assignment, root)
    notebooks: dict[str, dict] = {f"release-{n + 1}": copy.deepcopy(release) for n in range(releases)}
    independent = size - releases - 1
    names = ["original", "lender", "borrower"] + [f"student-{n:03d}" for n in range(independent - 3)]
    # The lender alone wrote the longest correct alternative (no one else is dealt it), and the
    # borrower copies it: a real answer is the student's own, a synthetic one only where it is rare.
    alternatives = [cell for name, cells in by_mistake.items() if name.startswith("alt_") for cell in cells
                    if cell["cell_type"] == "code"]
    lent = max(alternatives, key=lambda cell: len(tokens(_text(cell), "code", kept)))
    lent_id = grade_id(lent)
    # Each variant of a cell goes to as many students as the others (dealt from a shuffled deck): a
    # variant that only two independent students share would look exactly like a copied answer.
    decks = {gid: rng.sample(deal * (len(names) // len(deal) + 1), len(names))
             for gid, found in options.items() for deal in [[c for c in found if c is not lent]]}
    decks[lent_id][names.index("lender")] = lent
    for number, name in enumerate(names):
        hand = [rng.random() for _ in HAND]
        notebooks[name] = _student(release, {gid: deck[number] for gid, deck in decks.items()}, hand, rng)
    copier = copy.deepcopy(notebooks["original"])
    answers = [i for i, c in enumerate(copier["cells"]) if role(c) == "answer"]
    for index in answers:
        if copier["cells"][index]["cell_type"] == "code":
            copier["cells"][index]["source"] = disguise(_text(copier["cells"][index]), kept, "my")
    first, second = answers[0], answers[len(answers) // 2]
    copier["cells"][first], copier["cells"][second] = copier["cells"][second], copier["cells"][first]
    notebooks["copier"] = copier
    lent_text = next(_text(c) for c in notebooks["lender"]["cells"] if grade_id(c) == lent_id)
    for cell in notebooks["borrower"]["cells"]:
        if grade_id(cell) == lent_id:
            cell["source"] = disguise(lent_text, kept, "b")
    return Planted(dict(sorted(notebooks.items())),
                   [("copier", "original", "whole notebook, renamed and reordered"),
                    ("borrower", "lender", f"one exercise ({lent_id}), renamed")],
                   sorted(n for n in notebooks if n.startswith("release-")))


def run(assignment: str = "01_mlp", size: int = 300, log=print) -> dict:
    """Synthesize ``size`` submissions in a scratch course and time ``python -m course_grader.similarity``
    on them in its own process: seconds, peak memory (MiB), and the planted pairs' ranks."""
    with tempfile.TemporaryDirectory() as folder:
        course = scratch_course(Path(folder) / "course")
        planted = synthetic_class(assignment, size, seed=0)
        for student, notebook in planted.notebooks.items():
            submit(course, student, assignment, notebook)
        log(f"  similarity: {size} synthetic submissions of {assignment} written")
        output = Path(folder) / "output.txt"
        start = time.perf_counter()
        with output.open("w") as stream:
            child = subprocess.Popen([sys.executable, "-m", "course_grader.similarity", assignment, "--course",
                                      str(course), "--top", "5"], stdout=stream, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
            # wait4 gives this one child's peak memory (ru_maxrss, KiB on Linux), not the largest of all children
            _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        printed = output.read_text()
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"make similarity failed on the synthetic class:\n{printed}")
        rows = (course / "similarity" / f"{assignment}.csv").read_text().splitlines()[1:]
        ranked = [tuple(sorted(row.split(",")[1:3])) for row in rows]
        ranks = {f"{a} & {b}": (ranked.index(tuple(sorted((a, b)))) + 1 if tuple(sorted((a, b))) in ranked else None)
                 for a, b, _ in planted.pairs}
    return {"size": size, "seconds": seconds, "peak_mib": usage.ru_maxrss / 1024, "ranks": ranks, "output": printed}
