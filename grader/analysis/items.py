"""Item analysis: which exercises and quiz questions measure what the course teaches.

A grade alone cannot tell a hard question from a broken one. Classical test
theory gives the instructor three numbers per item (every autograded test cell,
every hand-graded cell, every quiz question):

- difficulty: the mean share of the item's points the class got (1 = everyone
  got everything);
- item-rest correlation: Pearson's r between the item's score and the rest of
  the student's total for the lesson (the total *without* the item, so that the
  item does not correlate with itself); a negative value means the students who
  do well elsewhere do worse here: a wrong key, an ambiguous wording;
- upper-lower 27 %: the item's share of points in the top 27 % of students by
  total minus that in the bottom 27 %.

For quiz questions (an answer cell whose solution is ``qNN = "<letter>"``) it also
counts each option, read from the submitted code with :mod:`ast` (never run), and
for code exercises it names the misconceptions behind failed tests, by matching
each failure message to the lesson's mistakes catalogue. EN and FR submissions of
a lesson are pooled: they share grade ids and points. Nothing here is worded for
a reader: notes are ``(TEXT key, arguments)`` pairs that :mod:`grader.analysis.report`
words in the instructor's language.
"""

from __future__ import annotations

import ast
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import nbformat

from grader.course import COURSE, config, parse_assignment
from grader.lessons import ROOT, Lesson

UPPER_LOWER = 0.27
TESTS = "_tests"
OTHER = "other"  # an answer that is not one of the letters, or not a literal at all
BLANK = "blank"  # no answer written: the released stub is still there
_OPTION = re.compile(r"\*\*([a-z])\)\*\*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?(?:e[-+]?\d+)?")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


# --- statistics: plain numbers in, plain numbers out, so tests can check them by hand ---


def difficulty(scores: Sequence[float], points: float) -> float | None:
    """Mean share of the item's points: 1 means nobody lost a point on it."""
    if not scores or points <= 0:
        return None
    return sum(scores) / (len(scores) * points)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None when either side does not vary (r is then undefined)."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def item_rest(item: Sequence[float], totals: Sequence[float]) -> float | None:
    """Correlation of the item with the total *minus the item*.

    Against the full total an item always looks discriminating, since it is part
    of what it is compared with; the rest of the total is the fair yardstick.
    """
    return pearson(item, [t - x for x, t in zip(item, totals, strict=True)])


def upper_lower(
    shares: Sequence[float], totals: Sequence[float], fraction: float = UPPER_LOWER
) -> float | None:
    """Share of points in the top ``fraction`` of students by total minus the bottom's.

    Each group holds ``round(fraction * n)`` students (at least one); ties in the
    total keep the students' order, so the result is reproducible.
    """
    n = len(shares)
    if n < 2 or n != len(totals):
        return None
    size = max(1, round(fraction * n))
    order = sorted(range(n), key=lambda i: totals[i])  # stable: ties keep their order
    low = [shares[i] for i in order[:size]]
    high = [shares[i] for i in order[-size:]]
    return sum(high) / size - sum(low) / size


def option_shares(answers: Sequence[str], options: Sequence[str]) -> dict[str, float]:
    """Share of each option among ``answers``; the rest fall under ``other``/``blank``."""
    counts = Counter(a if a in options or a == BLANK else OTHER for a in answers)
    keys = [*options, OTHER, BLANK]
    total = len(answers)
    return {k: (counts[k] / total if total else 0.0) for k in keys}


def suspect_reasons(
    discrimination: Sequence[float | None], shares: Mapping[str, float] | None, right: str | None
) -> list[str]:
    """Why an item deserves a second look: ``negative`` and/or ``distractor``.

    ``negative``: some discrimination index is below zero (the better students do
    worse on it). ``distractor``: a wrong option draws more students than the right one.
    """
    reasons = []
    if any(d is not None and d < 0 for d in discrimination):
        reasons.append("negative")
    if shares and right is not None:
        wrong = [v for k, v in shares.items() if k not in (right, OTHER, BLANK)]
        if wrong and max(wrong) > shares.get(right, 0.0):
            reasons.append("distractor")
    return reasons


def quiz_answer(source: str, name: str) -> str:
    """The letter a quiz answer cell binds to ``name``, without running it.

    ``blank`` when the cell never assigns ``name`` (the stub is still there),
    ``other`` when it does with anything but a string literal (or does not parse).
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return OTHER
    value = None
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            value = node.value
    if value is None:
        return BLANK
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value.strip().lower()
    return OTHER


def normalize_message(message: str) -> str:
    """A failure message with its numbers replaced by ``#``: one group per kind of failure."""
    return " ".join(_NUMBER.sub("#", _ANSI.sub("", message)).split())


# --- the class's data ---


@dataclass
class Item:
    lesson: str
    grade_id: str
    kind: str  # "auto" (autograded test cell), "manual" (graded by hand), "quiz"
    points: float
    scores: dict[str, float] = field(default_factory=dict)  # student -> points, graded only


@dataclass
class ItemStats:
    item: Item
    difficulty: float | None
    item_rest: float | None
    upper_lower: float | None
    options: dict[str, float] | None = None  # quiz: option -> share of the answers
    right: str | None = None
    suspect: list[str] = field(default_factory=list)
    source_right: str | None = None  # set when the source's key is not the one graded

    @property
    def n(self) -> int:
        return len(self.item.scores)


@dataclass
class Misconceptions:
    """Why the students who failed one code exercise failed it."""

    lesson: str
    grade_id: str
    failed: int = 0
    matched: Counter = field(default_factory=Counter)  # mistake name -> failures
    unmatched: Counter = field(default_factory=Counter)  # normalized message -> failures
    says: dict[str, dict[str, str]] = field(default_factory=dict)  # mistake -> {lang: fragment}


@dataclass
class Analysis:
    items: list[ItemStats]
    misconceptions: list[Misconceptions]
    notes: list[tuple[str, dict]] = field(default_factory=list)  # (TEXT key, format args)


def analyse_items(
    items: Sequence[Item],
    answers: Mapping[tuple[str, str], Mapping[str, str]] | None = None,
    keys: Mapping[tuple[str, str], tuple[str, Sequence[str]]] | None = None,
) -> list[ItemStats]:
    """Difficulty and discrimination of each item against its lesson's totals.

    ``answers[(lesson, grade_id)]`` maps each student to the letter submitted for a
    quiz item and ``keys[(lesson, grade_id)]`` gives its (right answer, options), from
    the instructor's source. When the students who got the point all chose another
    letter, the source changed after grading: the graded letter is used (the scores
    follow it) and the source's is kept in ``source_right`` for a note.
    """
    answers, keys = answers or {}, keys or {}
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for it in items:
        for student, score in it.scores.items():
            totals[it.lesson][student] += score
    out = []
    for it in items:
        students = list(it.scores)
        scores = [it.scores[s] for s in students]
        lesson_totals = [totals[it.lesson][s] for s in students]
        shares = [x / it.points for x in scores] if it.points > 0 else scores
        stats = ItemStats(
            it,
            difficulty(scores, it.points),
            item_rest(scores, lesson_totals),
            upper_lower(shares, lesson_totals),
        )
        key = (it.lesson, it.grade_id)
        if key in keys:
            stats.right, options = keys[key]
            given = answers.get(key, {})
            scored = Counter(given[s] for s in students if s in given and it.scores[s] >= it.points)
            if scored and stats.right not in scored:
                stats.source_right, stats.right = stats.right, scored.most_common(1)[0][0]
            stats.options = option_shares(list(given.values()), options)
        stats.suspect = suspect_reasons(
            (stats.item_rest, stats.upper_lower), stats.options, stats.right
        )
        out.append(stats)
    return out


def match_failures(
    lesson: str,
    grade_id: str,
    messages: Sequence[str],
    catalogue: Mapping[str, Mapping],
) -> Misconceptions:
    """Count which catalogued mistakes the failure ``messages`` of one exercise show.

    ``catalogue`` is :func:`grader.authoring.exercises.load_mistakes`'s entry for the exercise
    (mistake name -> entry with ``says`` = {lang: fragment}); a message matches a
    mistake when it contains the fragment of any language (EN and FR are pooled).
    A message matching nothing is counted under its normalized form, for the
    instructor to add to the catalogue.
    """
    result = Misconceptions(lesson, grade_id, failed=len(messages))
    result.says = {name: dict(e["says"]) for name, e in catalogue.items() if e.get("says")}
    for message in messages:
        hits = [
            name
            for name, says in result.says.items()
            if any(fragment and fragment in message for fragment in says.values())
        ]
        if hits:
            result.matched.update(hits)
        else:
            result.unmatched[normalize_message(message)] += 1
    return result


@cache
def lesson_title(stem: str, lang: str) -> str:
    """The lesson's first heading in ``lang`` (what students know it by), else its id."""
    for path in (
        Lesson(stem).notebook(lang),
        ROOT / "course" / "source" / f"{stem}_{lang}" / f"{stem}.ipynb",
    ):
        try:
            first = nbformat.read(path, as_version=4).cells[0].source.strip()
        except (OSError, ValueError, IndexError, AttributeError):
            continue
        title = re.sub(r"(\*{1,2}|`)(\S[^*`]*?)\1", r"\2", first.split("\n\n")[0])
        title = title.lstrip("#").strip()  # markdown emphasis and code marks dropped too
        if title:
            return title
    return stem


def _answer_key(root: Path, stem: str) -> dict[str, tuple[str, list[str]]]:
    """grade_id of each quiz test cell -> (right letter, options), from the source."""
    keys: dict[str, tuple[str, list[str]]] = {}
    for base in (root / "source", COURSE / "source"):
        paths = sorted(base.glob(f"{stem}_*/{stem}.ipynb"))
        for path in paths:
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception:  # an unreadable source: that lesson simply has no key
                continue
            question = ""
            for cell in nb.cells:
                if cell.cell_type == "markdown":
                    question = cell.source
                    continue
                meta = cell.metadata.get("nbgrader", {})
                gid = meta.get("grade_id")
                if not gid or not meta.get("solution"):
                    continue
                letter = quiz_answer(cell.source, gid)
                if len(letter) == 1 and letter.isalpha():
                    options = sorted(set(_OPTION.findall(question))) or list("abcd")
                    keys.setdefault(gid + TESTS, (letter, options))
        if keys:
            return keys
    return keys


def _failure_message(cell) -> str:
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            return f"{output.get('ename', '')}: {output.get('evalue', '')}".strip(": ")
    return ""


def collect(root: Path = COURSE) -> Analysis:
    """Read the gradebook and the autograded notebooks of every lesson; analyse each item.

    Bad input never stops the report: an unreadable notebook, a lesson with a
    single submission, blank submissions and hand-graded cells not graded yet each
    leave a note instead.
    """
    from nbgrader.api import Gradebook

    from grader.authoring.exercises import load_mistakes

    cfg = config(root)
    items: dict[tuple[str, str], Item] = {}
    answers: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    failures: dict[tuple[str, str], list[str]] = defaultdict(list)
    langs: dict[str, set[str]] = defaultdict(set)
    totals: dict[str, dict[str, float]] = defaultdict(dict)
    notes: list[tuple[str, dict]] = []
    keys: dict[str, dict[str, tuple[str, list[str]]]] = {}
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        for assignment in gb.assignments:
            try:
                lesson, lang = parse_assignment(assignment.name)
            except ValueError:
                continue
            stem = lesson.stem
            if stem not in keys:
                keys[stem] = _answer_key(root, stem)
            for submission in assignment.submissions:
                student = submission.student.id
                langs[stem].add(lang)
                totals[stem][student] = 0.0
                for notebook in submission.notebooks:
                    path = (
                        root / "autograded" / student / assignment.name / f"{notebook.name}.ipynb"
                    )
                    cells = {}
                    if path.exists():
                        try:
                            nb = nbformat.read(path, as_version=4)
                            cells = {
                                c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells
                            }
                        except Exception:  # any damage: the scores are still in the gradebook
                            notes.append(("note_unreadable", {"path": str(path)}))
                    for grade in notebook.grades:
                        gid = grade.name
                        if grade.auto_score is None and grade.manual_score is None:
                            continue  # a hand-graded cell nobody graded yet
                        manual = grade.cell.cell_type != "code"
                        kind = "quiz" if gid in keys[stem] else "manual" if manual else "auto"
                        item = items.setdefault(
                            (stem, gid), Item(stem, gid, kind, float(grade.max_score or 0))
                        )
                        item.scores[student] = float(grade.score)
                        totals[stem][student] += float(grade.score)
                        if kind == "quiz":
                            cell = cells.get(gid.removesuffix(TESTS))
                            answers[(stem, gid)][student] = (
                                quiz_answer(cell.source, gid.removesuffix(TESTS))
                                if cell is not None
                                else OTHER
                            )
                        elif kind == "auto" and grade.score < grade.max_score:
                            cell = cells.get(gid)
                            failures[(stem, gid)].append(
                                _failure_message(cell) if cell is not None else ""
                            )
    for stem, scores in sorted(totals.items()):
        if len(scores) < 2:
            notes.append(("note_single", {"lesson": stem, "n": len(scores)}))
        blanks = sum(1 for t in scores.values() if t <= 0)
        if blanks:
            notes.append(("note_blank", {"lesson": stem, "n": blanks}))
    ordered = sorted(items.values(), key=lambda it: (it.lesson, it.grade_id))
    quiz_keys = {(s, g): k for s, ks in keys.items() for g, k in ks.items()}
    stats = analyse_items(ordered, answers, quiz_keys)
    for s in stats:
        if s.source_right is not None:
            args = {"lesson": s.item.lesson, "question": s.item.grade_id.removesuffix(TESTS)}
            notes.append(("note_key", {**args, "source": s.source_right, "graded": s.right}))
    catalogues: dict[str, dict] = {}
    misconceptions = []
    for (stem, gid), messages in sorted(failures.items()):
        if stem not in catalogues:
            try:
                catalogues[stem] = load_mistakes(Lesson(stem), sorted(langs[stem])[0])
            except Exception as error:  # a stale catalogue: still group the messages
                catalogues[stem] = {}
                notes.append(("note_catalogue", {"lesson": stem, "error": str(error)[:120]}))
        catalogue = catalogues[stem].get(gid.removesuffix(TESTS), {})
        misconceptions.append(match_failures(stem, gid.removesuffix(TESTS), messages, catalogue))
    return Analysis(stats, misconceptions, notes)
