"""Benchmark of ``grader similarity``: a drawn class with planted copies.

Run by ``make bench-similarity``.

The class is ``grader sample-class --students N --plant 0.05``'s (the same code:
:func:`grader.classes.drawn.drawn_class` with ``vary`` and ``plant``, written by
:func:`grader.classes.sample.answer_notebook`), for lesson 4 only, its notebooks written
straight into a course root instead of a zip (collecting 5,000 notebooks would time the
intake, not the comparison). Every drawn student writes in a personal style
(:mod:`grader.analysis.variation`: equivalent formulations of the solution and of the catalogued
mistakes): the assumption about real classes that the result rests on. ``SHARE`` of
the class copy another student in one of :data:`grader.classes.copies.KINDS` ways; independent
students who both reach the reference solution are the hard negatives; every flagged
pair that is not planted is a false flag. Wrong answers are known as the gradebook
would know them (a catalogued mistake fails its tests: ``grader validate``).

The threshold is calibrated with ``--calibrate`` on a class of another seed (1) than
the benchmark's (0): the smallest threshold above every independent pair's score there,
rounded up.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import nbformat

from grader.analysis.similarity import (
    MARKERS,
    THRESHOLD,
    Index,
    compare,
    load_submissions,
    reference_prints,
    score_pair,
)
from grader.authoring.answers import Sources
from grader.classes.copies import KINDS
from grader.classes.drawn import drawn_class
from grader.classes.sample import answer_notebook, copier_texts
from grader.languages import CODE_STUB, LANGS, TEXT_STUB
from grader.lessons import Lesson

SHARE = 0.05
LESSON = "04_dropout"
BENCH_SEED, CALIBRATION_SEED = 0, 1


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


def write_release(lesson: Lesson, root: Path) -> None:
    """The lesson's release as nbgrader writes it: answer cells stubbed, no outputs."""
    for lang in LANGS:
        nb = nbformat.read(lesson.notebook(lang), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            if cell.metadata.get("nbgrader", {}).get("solution"):
                cell.source = _stub(cell, lang)
        _write(nb, root / "release" / lesson.assignment(lang) / f"{lesson.stem}.ipynb")


def _write(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def build_class(students: int, root: Path, seed: int = BENCH_SEED, share: float = SHARE,
                lesson: str = LESSON) -> dict:  # fmt: skip
    """Write a drawn class with planted copies under ``root`` (release/ and submitted/).

    Returns the class (``spec["copies"]``: who copied whom, and how).
    """
    chosen = Lesson(lesson)
    write_release(chosen, root)
    base = {"due": "2026-11-20 23:59:00", "students": {}}
    spec = drawn_class(students, seed, base, [chosen], vary=True, plant=share)
    sources = Sources(root)
    for student, info in spec["students"].items():
        if lesson not in info["lessons"]:
            continue
        texts = copier_texts(chosen, info, spec, sources) if "copy" in info else None
        nb = answer_notebook(chosen, info["lang"], info["answers"], root, sources,
                             info.get("style"), texts)  # fmt: skip
        path = root / "submitted" / student / chosen.assignment(info["lang"])
        path = path / f"{lesson}.ipynb"
        _write(nb, path)
        damage = info.get("damage", {}).get(lesson)
        if damage in ("broken", "empty"):
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2] if damage == "broken" else b"")
    return spec


def measure(students: int, seed: int = BENCH_SEED, threshold: float = THRESHOLD) -> dict:
    """Recall per kind, false flags among independent pairs, and the time to compare."""
    with tempfile.TemporaryDirectory(prefix="simbench-") as tmp:
        root = Path(tmp)
        spec = build_class(students, root, seed)
        lesson = Lesson(LESSON)
        failed = {
            (student, gid): choice.startswith("mistake:")
            for student, info in spec["students"].items()
            for gid, choice in info["answers"].items()
        }
        start = time.perf_counter()
        reference = reference_prints(lesson, root)
        subs, notes = load_submissions(lesson, root, reference)
        result = compare(subs, reference, LESSON, notes, threshold, failed)
        seconds = time.perf_counter() - start
    planted = [(c["copier"], c["source"], c["kind"]) for c in spec["copies"]]
    truth = {frozenset((a, b)) for a, b, _ in planted}
    flagged = {frozenset((p.a, p.b)) for p in result.flagged}
    pair_score = {frozenset((p.a, p.b)): p.score for p in result.pairs}
    # every planted pair scored directly: a copy the candidate keys missed shows here
    index = Index(subs)
    offset = math.log(len(subs) * (len(subs) - 1) / 2) if len(subs) > 1 else 0.0
    found, total, missed = Counter(), Counter(), 0
    scores = defaultdict(list)
    for copier, source, kind in planted:
        total[kind] += 1
        key = frozenset((copier, source))
        found[kind] += key in flagged
        if copier in subs and source in subs:
            direct = score_pair(subs[copier], subs[source], index, reference, offset).score
            missed += direct >= threshold and key not in pair_score
            scores[kind].append(direct)
        else:
            scores[kind].append(float("nan"))
    independent = sorted((s for k, s in pair_score.items() if k not in truth), reverse=True)
    return {
        "students": students,
        "compared": result.students,
        "seconds": seconds,
        "recall": {k: (found[k], total[k]) for k in KINDS},
        "false_flags": len(flagged - truth),
        "copy_scores": dict(scores),
        "top_independent": independent[:8],
        "candidates": len(result.pairs),
        "missed_candidates": missed,
        "notes": len(result.notes),
    }


def calibrate(students: int, seed: int = CALIBRATION_SEED) -> float:
    """The smallest threshold (a multiple of 0.5) above every independent pair's score."""
    top = measure(students, seed, threshold=math.inf)["top_independent"]
    best = top[0] if top else 0.0
    return math.floor(best * 2 + 1) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=BENCH_SEED)
    parser.add_argument("--times", type=int, nargs="*", default=[200, 1000, 5000])
    calibration = f"also calibrate the threshold on seed {CALIBRATION_SEED}"
    parser.add_argument("--calibrate", action="store_true", help=calibration)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    args = parser.parse_args()
    if args.calibrate:
        found = calibrate(args.students)
        print(f"calibration (seed {CALIBRATION_SEED}, {args.students} students): "
              f"threshold {found} clears every independent pair")  # fmt: skip
    m = measure(args.students, args.seed, args.threshold)
    print(f"class of {m['students']} ({m['compared']} compared), seed {args.seed}, "
          f"{SHARE:.0%} planted, threshold {args.threshold}")  # fmt: skip
    for kind, (hit, n) in m["recall"].items():
        low = sorted(round(x, 1) for x in m["copy_scores"].get(kind, []))[:4]
        print(f"  recall {kind:<11} {hit}/{n}  lowest scores {low}")
    print(f"  false flags among independent pairs: {m['false_flags']}")
    print(f"  best independent scores: {[round(x, 2) for x in m['top_independent']]}")
    print(f"  planted pairs above the threshold that no candidate key found: "
          f"{m['missed_candidates']}")  # fmt: skip
    for n in args.times:
        t = m if n == args.students else measure(n, args.seed, args.threshold)
        print(f"  {n} students: {t['seconds']:.1f} s to read and compare "
              f"({t['candidates']} candidate pairs scored)", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
