"""Planted copies in a drawn class: who copies whom, and how, for ``grader similarity``.

Why: a benchmark of copy detection needs copies whose truth is known. ``grader
sample-class --students N --plant SHARE`` makes ``SHARE`` of the drawn students copiers,
each of another drawn student (never of a copier, never twice the same one), in one of
``KINDS`` ways, in turn:

- ``exact``: the other student's answers, pasted into the copier's notebook;
- ``renamed``: the same, local variables renamed;
- ``reordered``: the same, independent statements in another order;
- ``translated``: a student of the other language copied, comments written in the
  copier's language;
- ``wrong``: only the other student's wrong answers (catalogued mistakes) copied;
- ``partial``: half the other student's answered exercises copied (one of two).

The copier hands in the lessons the other student handed in; everything else (the
exercises not copied) is the copier's own work. Who copied whom is kept in the class
(``spec["copies"]``), written beside the zip for the benchmark only, never inside a
submission.
"""

from __future__ import annotations

import random

KINDS = ("exact", "renamed", "reordered", "translated", "wrong", "partial")


def _answered(info: dict, stems: list[str], cells: dict) -> list[str]:
    return [
        gid
        for stem in stems
        if stem in info["lessons"]
        for gid, _ in cells[stem]
        if info["answers"].get(gid, "blank") != "blank"
    ]


def _wrong(info: dict) -> list[str]:
    return [g for g, c in info["answers"].items() if c.startswith("mistake:")]


def plant(spec: dict, share: float, seed: int, cells: dict) -> list[dict]:
    """Make ``share`` of the drawn students copiers (see the module docstring), in place."""
    rng = random.Random(f"{seed}/copies")
    drawn = [s for s, info in spec["students"].items() if "style" in info]
    stems = sorted(cells)
    order = drawn[:]
    rng.shuffle(order)
    count = round(len(drawn) * share)
    copiers, used = order[:count], set(order[:count])
    copies = []
    for i, copier in enumerate(copiers):
        kind = KINDS[i % len(KINDS)]
        mine = spec["students"][copier]
        pool = [s for s in order[count:] if s not in used]
        pool = [s for s in pool if _answered(spec["students"][s], stems, cells)]
        if kind == "translated":
            pool = [s for s in pool if spec["students"][s]["lang"] != mine["lang"]] or pool
        if kind == "wrong":
            pool = [s for s in pool if _wrong(spec["students"][s])] or pool
        if not pool:
            break
        source = rng.choice(pool)
        used.add(source)
        theirs = spec["students"][source]
        gids = _copied(kind, theirs, stems, cells, random.Random(f"{seed}/copy/{copier}"))
        mine["lessons"] = list(theirs["lessons"])
        mine["answers"] = {**mine["answers"], **{g: theirs["answers"][g] for g in gids}}
        mine["copy"] = {"of": source, "kind": kind, "exercises": gids}
        copies.append({"copier": copier, "source": source, "kind": kind})
    spec["copies"] = copies
    return copies


def _copied(kind: str, theirs: dict, stems: list[str], cells: dict, rng) -> list[str]:
    """The grade ids a copier of ``kind`` takes from the other student."""
    answered = _answered(theirs, stems, cells)
    if kind == "wrong":
        return [g for g in answered if theirs["answers"][g].startswith("mistake:")]
    if kind == "partial":
        return sorted(rng.sample(answered, max(1, len(answered) // 2)))
    every = [gid for stem in stems if stem in theirs["lessons"] for gid, _ in cells[stem]]
    return every


def copied_text(kind: str, theirs: str, theirs_here: str, salt: str) -> str:
    """The copier's text of one copied answer cell.

    ``theirs`` is the other student's cell as they wrote it; ``theirs_here`` the same
    code in the copier's notebook language, comments in it (what a copier who translates
    the comments hands in).
    """
    from grader.analysis.variation import rename, reorder

    rng = random.Random(salt)
    if kind == "translated":
        return theirs_here
    if kind == "renamed":
        return rename(theirs, rng)
    if kind == "reordered":
        return reorder(theirs, rng)
    return theirs
