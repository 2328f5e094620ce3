"""Benchmark of ``grader similarity``: a drawn class with planted copies.

Run by ``make bench-similarity``.

Why a class of its own: the sample class has no copies, and the drawn class
(:mod:`grader.classes.drawn`) answers every exercise with one of a few texts (solution,
catalogued mistake, blank), so independent students are far more alike than real ones.
Here the drawn class's answers are written as notebooks, and each non-blank code answer
gets, with probability ``TOUCH``, one of the small personal touches real students leave
(an intermediate ``result`` variable, a number written another way, a trailing print):
an assumption stated in the report. Then ``SHARE`` of the class are copiers: each copies
another student's answers in one of ``KINDS`` ways. Independent students who both reach
the reference solution are the hard negatives; every pair that is not planted and is
flagged is a false flag.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import random
import re
import shutil
import tempfile
import textwrap
import time
import tokenize
from collections import Counter, defaultdict
from pathlib import Path

import nbformat

from grader.analysis.similarity import (
    MARKERS,
    THRESHOLD,
    compare,
    load_submissions,
    reference_prints,
)
from grader.authoring.exercises import load_mistakes
from grader.classes.drawn import drawn_class
from grader.languages import CODE_STUB, LANGS, TEXT_STUB
from grader.lessons import Lesson

KINDS = ("exact", "renamed", "reordered", "translated", "wrong", "partial")
TOUCH = 0.4
SHARE = 0.05
LESSON = "04_dropout"
_MODULES = {"np", "keras", "tf", "layers", "ops", "plt", "math"}


def _stub(cell: nbformat.NotebookNode, lang: str) -> str:
    """What nbgrader releases for an answer cell: the solution replaced by the stub."""
    if cell.cell_type == "markdown":
        return TEXT_STUB[lang]
    out, inside = [], False
    for line in cell.source.splitlines():
        if line.strip() == MARKERS[0]:
            indent = line[: len(line) - len(line.lstrip())]
            out += [indent + s for s in CODE_STUB[lang].splitlines()]
            inside = True
        elif line.strip() == MARKERS[1]:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


class Sources:
    """The lesson's instructor notebook, stubs, solutions and mistakes, per language."""

    def __init__(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.nb, self.solution, self.stub, self.mistakes = {}, {}, {}, {}
        for lang in LANGS:
            nb = nbformat.read(lesson.notebook(lang), as_version=4)
            for cell in nb.cells:
                cell.pop("outputs", None) if cell.cell_type != "code" else None
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            self.nb[lang] = nb
            cells = {
                c.metadata["nbgrader"]["grade_id"]: c
                for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("solution")
            }
            self.kind = {g: c.cell_type for g, c in cells.items()}
            self.solution[lang] = {
                g: "\n".join(x for x in c.source.splitlines() if x.strip() not in MARKERS)
                for g, c in cells.items()
            }
            self.stub[lang] = {g: _stub(c, lang) for g, c in cells.items()}
            self.mistakes[lang] = load_mistakes(lesson, lang)

    def text(self, gid: str, choice: str, lang: str) -> str:
        if choice == "solution":
            return self.solution[lang][gid]
        if choice.startswith("mistake:") and gid in self.mistakes[lang]:
            return self.mistakes[lang][gid][choice.split(":", 1)[1]]["code"].strip()
        return self.stub[lang][gid]

    def write_release(self, root: Path) -> None:
        for lang in LANGS:
            nb = _filled(self.nb[lang], self.stub[lang])
            _write(
                nb, root / "release" / self.lesson.assignment(lang) / f"{self.lesson.stem}.ipynb"
            )


def _filled(nb: nbformat.NotebookNode, texts: dict[str, str]) -> nbformat.NotebookNode:
    out = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in out.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in texts and cell.metadata["nbgrader"].get("solution"):
            cell.source = texts[gid]
    return out


def _write(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


# --- a student's personal touch, and the copiers' transformations ----------------------


def touch(text: str, rng: random.Random) -> str:
    """One small personal touch that changes the normalized code (see the docstring)."""
    lines = text.splitlines()
    how = rng.choice(("result", "number", "print"))
    if how == "result":
        for i, line in enumerate(lines):
            m = re.match(r"^(\s*)return (.+)$", line)
            if m and _parses(m.group(2)):
                lines[i : i + 1] = [f"{m[1]}result = {m[2]}", f"{m[1]}return result"]
                return "\n".join(lines)
    if how in ("result", "number"):
        numbers = [
            (i, m) for i, line in enumerate(lines) for m in re.finditer(r"\b\d+\.?\d*", line)
        ]
        numbers = [(i, m) for i, m in numbers if "#" not in lines[i][: m.start()]]
        if numbers:
            i, m = rng.choice(numbers)
            value = m.group(0)
            new = f"{value}.0" if "." not in value else f"{float(value):.3e}"
            lines[i] = lines[i][: m.start()] + new + lines[i][m.end() :]
            return "\n".join(lines)
    names = re.findall(r"^def (\w+)", text, re.M) or ["None"]
    return text + f"\nprint({rng.choice(names)})"


def _parses(expr: str) -> bool:
    try:
        ast.parse(expr, mode="eval")
    except SyntaxError:
        return False
    return True


def rename(text: str, rng: random.Random) -> str:
    """Local names (assigned, parameters) renamed consistently, as a copier hides a copy."""
    try:
        tree = ast.parse(textwrap.dedent(text))
    except SyntaxError:
        return text
    names = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    names |= {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
    names -= _MODULES
    mapping = {
        n: f"{rng.choice(('my', 'the', 'new', 'tmp'))}_{n}{rng.randint(1, 9)}" for n in names
    }
    out, last = [], (1, 0)
    src_lines = text.splitlines(keepends=True)
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError):
        return text
    offsets = [0]
    for line in src_lines:
        offsets.append(offsets[-1] + len(line))
    pos = lambda rc: offsets[rc[0] - 1] + rc[1]  # noqa: E731
    for tok in toks:
        if tok.type == tokenize.NAME and tok.string in mapping:
            out.append(text[pos(last) : pos(tok.start)] + mapping[tok.string])
            last = tok.end
    out.append(text[pos(last) :])
    return "".join(out)


def reorder(text: str) -> str:
    """Two adjacent independent one-line statements swapped (none: unchanged)."""
    try:
        tree = ast.parse(textwrap.dedent(text))
    except SyntaxError:
        return text
    lines = text.splitlines()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for s1, s2 in zip(body, body[1:], strict=False):
            simple = (ast.Assign, ast.AugAssign, ast.Expr, ast.AnnAssign)
            if not (isinstance(s1, simple) and isinstance(s2, simple)):
                continue
            if s1.lineno != s1.end_lineno or s2.lineno != s2.end_lineno:
                continue
            if isinstance(s1, ast.Expr) and isinstance(s1.value, ast.Constant):
                continue  # a docstring stays first
            w1, r1 = _names(s1)
            w2, r2 = _names(s2)
            if w1 & (r2 | w2) or w2 & r1:
                continue
            i, j = s1.lineno - 1, s2.lineno - 1
            lines[i], lines[j] = lines[j], lines[i]
            return "\n".join(lines)
    return text


def _names(stmt: ast.stmt) -> tuple[set[str], set[str]]:
    stored, read = set(), set()
    for n in ast.walk(stmt):
        if isinstance(n, ast.Name):
            (stored if isinstance(n.ctx, ast.Store) else read).add(n.id)
    if isinstance(stmt, ast.AugAssign):
        read |= stored
    return stored, read


# --- the class -------------------------------------------------------------------------


def build_class(
    students: int, root: Path, seed: int = 0, share: float = SHARE, lesson: str = LESSON
) -> list[tuple[str, str, str]]:
    """Write a drawn class with planted copies under ``root`` (release/ and submitted/).

    Returns the planted copies as (copier, source, kind), kinds in turn.
    """
    src = Sources(Lesson(lesson))
    src.write_release(root)
    spec = drawn_class(students, seed, {"due": "2026-11-20 23:59:00", "students": {}},
                       [src.lesson])  # fmt: skip
    rng = random.Random(f"similarity/{seed}")
    records: dict[str, dict] = {}  # student -> lang, choices, touch seeds, texts, damage
    for student, info in spec["students"].items():
        if lesson not in info["lessons"]:
            continue
        lang, choices, touches = info["lang"], {}, {}
        for gid in src.kind:
            choice = info["answers"].get(gid, "blank")
            choices[gid] = choice
            touches[gid] = rng.random() < TOUCH and src.kind[gid] == "code" and choice != "blank"
        records[student] = {"lang": lang, "choices": choices, "touches": touches,
                            "damage": info.get("damage", {}).get(lesson)}  # fmt: skip
        records[student]["texts"] = _texts(src, student, records[student], lang)
    names = sorted(records)
    rng.shuffle(names)
    copies = int(round(len(names) * share))
    planted = []
    useful = [n for n in names if any(c != "blank" for c in records[n]["choices"].values())]
    for i in range(copies):
        kind = KINDS[i % len(KINDS)]
        copier = names[i]
        pool = [n for n in useful if n not in names[:copies] and n not in {p[1] for p in planted}]
        if kind == "wrong":
            pool = [n for n in pool if _wrong(records[n])] or pool
        source = rng.choice(pool)
        records[copier] = _copy(src, records[source], records[copier], source, kind, rng)
        planted.append((copier, source, kind))
    for student, rec in records.items():
        nb = _filled(src.nb[rec["lang"]], rec["texts"])
        path = root / "submitted" / student / src.lesson.assignment(rec["lang"])
        path = path / f"{lesson}.ipynb"
        _write(nb, path)
        if rec.get("damage") in ("broken", "empty"):
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2] if rec["damage"] == "broken" else b"")
    return planted


def _texts(src: Sources, student: str, rec: dict, lang: str) -> dict[str, str]:
    texts = {}
    for gid, choice in rec["choices"].items():
        text = src.text(gid, choice, lang)
        if rec["touches"][gid]:
            text = touch(text, random.Random(f"{student}/{gid}"))
        texts[gid] = text
    return texts


def _wrong(rec: dict) -> bool:
    return any(c.startswith("mistake:") for c in rec["choices"].values())


def _copy(src: Sources, source: dict, copier: dict, name: str, kind: str, rng) -> dict:
    rec = {**copier, "damage": None}
    texts = dict(copier["texts"])
    theirs = source["texts"]
    done = [g for g, c in source["choices"].items() if c != "blank"]
    if kind == "translated":
        lang = "fr" if source["lang"] == "en" else "en"
        rec["lang"] = lang
        texts = _texts(src, name, source, lang)  # the same answers, comments in the other
    elif kind == "wrong":
        wrong = [g for g in done if source["choices"][g].startswith("mistake:")] or done
        texts.update({g: theirs[g] for g in wrong})
    elif kind == "partial":
        chosen = rng.sample(done, max(1, len(done) // 2))
        texts.update({g: theirs[g] for g in chosen})
    else:
        texts.update(theirs)
        if kind == "renamed":
            texts = {g: rename(t, rng) if src.kind[g] == "code" else t for g, t in texts.items()}
        elif kind == "reordered":
            texts = {g: reorder(t) if src.kind[g] == "code" else t for g, t in texts.items()}
    if kind != "translated" and rec["lang"] != source["lang"]:
        # a copy in the other language's notebook: the copier's stubs are replaced anyway
        pass
    rec["texts"] = texts
    return rec


def measure(students: int, seed: int = 0, threshold: float = THRESHOLD) -> dict:
    """Recall per kind, false flags among independent pairs, and the time to compare."""
    with tempfile.TemporaryDirectory(prefix="simbench-") as tmp:
        root = Path(tmp)
        planted = build_class(students, root, seed)
        lesson = Lesson(LESSON)
        start = time.perf_counter()
        reference = reference_prints(lesson, root)
        subs, notes = load_submissions(lesson, root, reference)
        result = compare(subs, reference, LESSON, notes, threshold)
        seconds = time.perf_counter() - start
    flagged = {frozenset((p.a, p.b)): p.score for p in result.flagged}
    found, total = Counter(), Counter()
    truth = set()
    for copier, source, kind in planted:
        total[kind] += 1
        truth.add(frozenset((copier, source)))
        found[kind] += frozenset((copier, source)) in flagged
    false = [pair for pair in flagged if pair not in truth]
    scores = defaultdict(list)
    pair_score = {frozenset((p.a, p.b)): p.score for p in result.pairs}
    for copier, source, kind in planted:
        scores[kind].append(pair_score.get(frozenset((copier, source)), 0.0))
    independent = sorted((s for k, s in pair_score.items() if k not in truth), reverse=True)
    return {
        "students": students,
        "compared": result.students,
        "seconds": seconds,
        "recall": {k: (found[k], total[k]) for k in KINDS},
        "false_flags": len(false),
        "copy_scores": dict(scores),
        "top_independent": independent[:5],
        "candidates": len(result.pairs),
        "notes": len(result.notes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--times", type=int, nargs="*", default=[200, 1000, 5000])
    args = parser.parse_args()
    m = measure(args.students, args.seed)
    print(f"class of {m['students']} ({m['compared']} compared), {SHARE:.0%} planted, "
          f"threshold {THRESHOLD}, touch rate {TOUCH:.0%}")  # fmt: skip
    for kind, (hit, n) in m["recall"].items():
        print(f"  recall {kind:<11} {hit}/{n}  scores {sorted(m['copy_scores'][kind])}")
    print(f"  false flags among independent pairs: {m['false_flags']}")
    print(f"  best independent scores: {m['top_independent']}")
    for n in args.times:
        t = measure(n, args.seed)
        print(f"  {n} students: {t['seconds']:.1f} s to read and compare "
              f"({t['candidates']} candidate pairs scored)")  # fmt: skip
    shutil.rmtree(Path(tempfile.gettempdir()) / "simbench-none", ignore_errors=True)


if __name__ == "__main__":
    main()
