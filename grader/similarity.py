"""Who handed in someone else's work: every pair of a lesson's submissions, both languages.

Why both languages together: a lesson's English and French notebooks run the same code
(only strings and comments differ), so a French student can hand in an English student's
answers. What is compared is what the student wrote: each answer cell (code and written
answers) minus the released stub's lines. Student code is never executed: notebooks are
only read.

How, and why each step:

- Code is normalized with :mod:`tokenize` (comments and blank lines dropped, identifiers
  that a student chooses become ``V``, string literals ``S``; keywords, builtins,
  attribute names and keyword-argument names stay, since they are the API a solution
  calls), so renamed variables and comments translated between English and French give
  the same fingerprints, while a different algorithm does not. Each normalized token is
  one character of a string, so that a k-gram of characters is a k-gram of tokens.
- That string is fingerprinted with copydetect's winnowing
  (:func:`copydetect.utils.get_document_fingerprints`), the published robust winnowing of
  Schleimer, Wilkerson and Aiken (MOSS), rather than hand-written winnowing: it is the
  part where an off-by-one silently loses the guarantee that any shared run of
  ``K + WINDOW - 1`` tokens is caught, and copydetect's is tested and maintained.
  copydetect's own tokenizer (pygments) is not used: it keeps comments' neighbours and
  renames attribute names too, and cannot tell a keyword argument from a variable.
- A fragment that many students share says little (an exercise with one natural solution
  gives many identical right answers), so each shared fingerprint weighs
  ``log(N / document frequency)``; a fingerprint that the instructor's solution also has
  weighs ``SOLUTION_FACTOR`` of that, and one shared by two wrong answers (an answer that
  failed its tests in the gradebook when known, otherwise one that differs from the
  solution) ``WRONG_FACTOR`` times it: shared mistakes and oddities are what copies share.
- It scales: an inverted index fingerprint -> students gives candidate pairs from the
  rare fingerprints only (at most ``RARE_SHARE`` of the class, and not the solution's);
  only those pairs are scored.

A flag is a reason to look, not a verdict: the pages say so in the instructor's language.
The threshold is calibrated by ``make bench-similarity`` (``benchmarks/similarity.py``).
"""

from __future__ import annotations

import builtins
import csv
import html
import io
import keyword
import math
import re
import textwrap
import tokenize
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from pathlib import Path

import nbformat
from copydetect.utils import get_document_fingerprints

from .i18n import N_, Table, translator
from .languages import CODE_STUB, LANGS, TEXT_STUB
from .lessons import Lesson

K = 5  # tokens per k-gram: shorter runs (``V = V``) are everywhere
WINDOW = 4  # winnowing window: any shared run of K + WINDOW - 1 = 8 tokens is caught
WORD_K = 4  # words per k-gram of a written answer
SOLUTION_FACTOR = 0.1
WRONG_FACTOR = 2.0
RARE_SHARE = 0.02  # a fingerprint of more than 2 % of the class makes no candidate pair
THRESHOLD = 20.0  # calibrated by `make bench-similarity` (benchmarks/similarity.py)
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
_BUILTINS = frozenset(dir(builtins))
_KEEP = _BUILTINS | set(keyword.kwlist)
_WORD = re.compile(r"\w+", re.UNICODE)

# The pages' words in English; each language's from its catalogue (grader/i18n.py).
TEXT = Table(
    {
        "title": N_("Similar submissions"),
        "pair": N_("Pair"),
        "score": N_("score"),
        "lesson": N_("lesson"),
        "disclaimer": N_(
            "A flag is a reason to look, not a verdict: two students may share an "
            "idea, a tutor or a bug honestly. Read both submissions before drawing "
            "any conclusion."
        ),
        "shared": N_("shared fragments"),
        "exercise": N_("exercise"),
        "empty": N_("(no answer)"),
        "legend": N_("Marked lines hold fragments that both submissions share."),
        "rank": N_("rank"),
        "why": N_("why"),
        "none": N_("No pair above the threshold."),
        "notes": N_("Notes"),
    }
)


@dataclass
class Answer:
    """One answer cell as the student wrote it (stub removed), and its fingerprints."""

    grade_id: str
    kind: str  # "code" or "markdown"
    text: str
    tokens: list[tuple[str, int]] = field(default_factory=list)  # (normalized, line index)
    prints: dict[int, list[int]] = field(default_factory=dict)  # hash -> token positions
    wrong: bool = False


@dataclass
class Submission:
    student: str
    lang: str
    answers: dict[str, Answer]


@dataclass
class Pair:
    a: str
    b: str
    score: float
    why: dict[str, float]  # grade_id -> weight of its shared fragments
    lines: dict[str, tuple[set[int], set[int]]]  # grade_id -> marked lines of a, of b


@dataclass
class Result:
    lesson: str
    students: int
    pairs: list[Pair]  # scored candidate pairs, best first
    notes: list[str]
    submissions: dict[str, Submission]
    threshold: float = THRESHOLD

    @property
    def flagged(self) -> list[Pair]:
        return [p for p in self.pairs if p.score >= self.threshold]


# --- normalization ---------------------------------------------------------------------


def _char(token: str) -> str:
    """One character per normalized token (CJK block: never a Python token itself)."""
    return chr(0x4E00 + zlib.crc32(token.encode()) % 0x5000)


def normalize_code(source: str) -> list[tuple[str, int]]:
    """The code's tokens as ``(normalized token, line index)``; see the module docstring.

    Why a fallback: an answer minus its stub may not tokenize (a body without its
    ``def`` line, a syntax error); a rough word-and-symbol split still fingerprints it.
    """
    source = textwrap.dedent(source)
    out: list[tuple[str, int]] = []
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(source + "\n").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return _rough_tokens(source)
    depth = 0
    for i, tok in enumerate(toks):
        kind, text, line = tok.type, tok.string, tok.start[0] - 1
        if kind in (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER):
            continue
        if kind == tokenize.OP and text in "([{":
            depth += 1
        elif kind == tokenize.OP and text in ")]}":
            depth -= 1
        if kind == tokenize.NAME:
            prev = toks[i - 1].string if i else ""
            nxt = toks[i + 1].string if i + 1 < len(toks) else ""
            keep = (
                keyword.iskeyword(text)
                or text in _BUILTINS
                or prev == "."
                or (depth > 0 and nxt == "=")  # keyword argument
            )
            out.append((text if keep else "V", line))
        elif kind == tokenize.STRING or kind in _FSTRING:
            if kind in (tokenize.STRING, _FSTRING_START):
                out.append(("S", line))
        elif kind == tokenize.NEWLINE:
            out.append((";", line))
        elif kind == tokenize.INDENT:
            out.append(("{", line))
        elif kind == tokenize.DEDENT:
            out.append(("}", line))
        else:
            out.append((text, line))
    return out


_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING = {getattr(tokenize, n, -1) for n in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")}


def _rough_tokens(source: str) -> list[tuple[str, int]]:
    out = []
    for line_no, line in enumerate(source.splitlines()):
        line = re.sub(r"#.*", "", re.sub(r"(['\"]).*?\1", " S ", line))
        for word in re.findall(r"\w+|[^\w\s]", line):
            keep = keyword.iskeyword(word) or word in _BUILTINS or not word[0].isalpha()
            out.append((word if keep or word == "S" else "V", line_no))
    return out


def normalize_text(text: str) -> list[tuple[str, int]]:
    """A written answer's words, lower-cased, punctuation and formatting dropped."""
    return [(w.lower(), n) for n, line in enumerate(text.splitlines()) for w in _WORD.findall(line)]


def fingerprints(tokens: list[tuple[str, int]], k: int = K) -> dict[int, list[int]]:
    """Winnowed fingerprints of a token list: hash -> token positions (copydetect's)."""
    if len(tokens) < k:
        return {}
    doc = "".join(_char(t) for t, _ in tokens)
    _, where = get_document_fingerprints(doc, k, WINDOW)
    return {int(h): [int(i) for i in idx] for h, idx in where.items()}


# --- reading submissions ---------------------------------------------------------------


def _answer_cells(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    return {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("solution") and "grade_id" in c.metadata["nbgrader"]
    }


def own_lines(source: str, stub: str) -> set[int]:
    """Indices of the student's own lines: not a line of the stub, nor a solution marker.

    Why lines of the whole cell rather than a cut-out text: the cell tokenizes as a whole
    (a stub's multi-line docstring stays one string), then tokens on stub lines are dropped.
    """
    drop = {_line_key(line) for line in stub.splitlines() if line.strip()}
    drop |= {_line_key(m) for m in MARKERS}
    for lang in LANGS:  # a student may keep the other language's stub line
        drop |= {_line_key(line) for line in CODE_STUB[lang].splitlines()}
        drop.add(_line_key(TEXT_STUB[lang]))
    return {n for n, line in enumerate(source.splitlines()) if _line_key(line) not in drop}


def _line_key(line: str) -> str:
    """A line as compared with the stub's: names as ``V``, spacing ignored, so that a stub
    line whose parameters a student renamed is still the stub's (the signature is given)."""
    words = re.sub(r"[A-Za-z_]\w*", lambda m: m[0] if m[0] in _KEEP else "V", line)
    return re.sub(r"\s+", "", words)


def strip_stub(source: str, stub: str) -> str:
    """The student's own lines: the stub's lines (and solution markers) removed."""
    keep = own_lines(source, stub)
    return "\n".join(line for n, line in enumerate(source.splitlines()) if n in keep)


def make_answer(
    grade_id: str, kind: str, source: str, stub: str = "", reference: set[int] | None = None
) -> Answer | None:
    """An answer cell's own part (stub lines removed): tokens and fingerprints; None when
    nothing is left. ``wrong`` if its fingerprints are not all the solution's (``reference``).
    """
    keep = own_lines(source, stub)
    if not any(line.strip() for n, line in enumerate(source.splitlines()) if n in keep):
        return None
    tokens = normalize_code(source) if kind == "code" else normalize_text(source)
    tokens = [t for t in tokens if t[1] in keep]
    prints = fingerprints(tokens, K if kind == "code" else WORD_K)
    answer = Answer(grade_id, kind, source, tokens, prints)
    if reference is not None and prints:
        answer.wrong = not set(prints) <= reference
    return answer


def reference_prints(lesson: Lesson, root: Path) -> dict[str, set[int]]:
    """Each exercise's fingerprints in the instructor's solution, both languages."""
    ref: dict[str, set[int]] = defaultdict(set)
    for lang in LANGS:
        path = lesson.notebook(lang)
        if not path.exists():
            continue
        stubs = _stubs(lesson, lang, root)
        for gid, cell in _answer_cells(nbformat.read(path, as_version=4)).items():
            answer = make_answer(gid, cell.cell_type, cell.source, stubs.get(gid, ""))
            ref[gid] |= set(answer.prints) if answer else set()
    return dict(ref)


def _stubs(lesson: Lesson, lang: str, root: Path) -> dict[str, str]:
    path = root / "release" / lesson.assignment(lang) / f"{lesson.stem}.ipynb"
    try:
        return {g: c.source for g, c in _answer_cells(nbformat.read(path, as_version=4)).items()}
    except (OSError, ValueError):
        return {}


def _read(path: Path) -> nbformat.NotebookNode | str:
    """The notebook, or why it cannot be read (never raises)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as err:  # noqa: BLE001 - any damage is a note, never a crash
        return f"unreadable ({type(err).__name__})"
    return nb


def load_submissions(
    lesson: Lesson, root: Path, reference: dict[str, set[int]] | None = None
) -> tuple[dict[str, Submission], list[str]]:
    """Every student's submission of ``lesson``, in either language, and notes on bad ones."""
    subs: dict[str, Submission] = {}
    notes: list[str] = []
    reference = reference or {}
    folder = root / "submitted"
    for student_dir in sorted(folder.iterdir()) if folder.is_dir() else []:
        for lang in LANGS:
            adir = student_dir / lesson.assignment(lang)
            if not adir.is_dir():
                continue
            path = adir / f"{lesson.stem}.ipynb"
            if not path.exists():
                found = sorted(adir.glob("*.ipynb"))
                if not found:
                    notes.append(f"{student_dir.name}: no notebook in {adir.name}")
                    continue
                path = found[0]
            nb = _read(path)
            if isinstance(nb, str):
                notes.append(f"{student_dir.name}/{adir.name}: {nb}, left out")
                continue
            stubs = _stubs(lesson, lang, root)
            answers = {}
            for gid, cell in _answer_cells(nb).items():
                answer = make_answer(
                    gid, cell.cell_type, cell.source, stubs.get(gid, ""), reference.get(gid)
                )
                if answer:
                    answers[gid] = answer
            if not answers:
                notes.append(f"{student_dir.name}/{adir.name}: blank, left out")
                continue
            subs[student_dir.name] = Submission(student_dir.name, lang, answers)
    return subs, notes


# --- comparing -------------------------------------------------------------------------


def compare(
    subs: dict[str, Submission],
    reference: dict[str, set[int]],
    lesson: str = "",
    notes: list[str] | None = None,
    threshold: float = THRESHOLD,
    failed: dict[tuple[str, str], bool] | None = None,
) -> Result:
    """Score the candidate pairs of ``subs``, best first (see the module docstring).

    ``failed`` ((student, grade_id) -> the answer failed its tests), from the gradebook
    when known, overrides the "differs from the solution" guess of a wrong answer.
    """
    notes = list(notes or [])
    n = len(subs)
    if n < 2:
        notes.append(f"{lesson}: {n} submission(s), nothing to compare")
        return Result(lesson, n, [], notes, subs, threshold)
    for (student, gid), bad in (failed or {}).items():
        if student in subs and gid in subs[student].answers:
            subs[student].answers[gid].wrong = bad
    index: dict[tuple[str, int], set[str]] = defaultdict(set)
    for student, sub in subs.items():
        for gid, answer in sub.answers.items():
            for h in answer.prints:
                index[(gid, h)].add(student)
    rare = max(2, int(n * RARE_SHARE))
    candidates: set[tuple[str, str]] = set()
    for (gid, h), who in index.items():
        if 2 <= len(who) <= rare and h not in reference.get(gid, ()):
            candidates.update(combinations(sorted(who), 2))
    # A copy of common answers (a catalogued mistake) shares no rare fragment, but the
    # combination of its non-solution answers is rare: each pair of them is one more key.
    combos: dict[tuple, set[str]] = defaultdict(set)
    for student, sub in subs.items():
        odd = sorted((g, _signature(x)) for g, x in sub.answers.items() if x.wrong)
        for key in combinations(odd, 2):
            combos[key].add(student)
    for who in combos.values():
        if 2 <= len(who) <= rare:
            candidates.update(combinations(sorted(who), 2))
    pairs = []
    for a, b in candidates:
        pair = _score(subs[a], subs[b], index, reference, n)
        if pair.score > 0:
            pairs.append(pair)
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    return Result(lesson, n, pairs, notes, subs, threshold)


def _signature(answer: Answer) -> int:
    return zlib.crc32("".join(_char(t) for t, _ in answer.tokens).encode())


def weight(df: int, n: int, in_solution: bool, both_wrong: bool) -> float:
    """A shared fingerprint's weight: rarer counts more, the solution's counts little."""
    idf = math.log(n / df)
    if in_solution:
        return SOLUTION_FACTOR * idf
    return idf * (WRONG_FACTOR if both_wrong else 1.0)


def _score(a: Submission, b: Submission, index, reference, n: int) -> Pair:
    why: dict[str, float] = {}
    lines: dict[str, tuple[set[int], set[int]]] = {}
    for gid in a.answers.keys() & b.answers.keys():
        x, y = a.answers[gid], b.answers[gid]
        shared = x.prints.keys() & y.prints.keys()
        if not shared:
            continue
        ref = reference.get(gid, set())
        mark_a, mark_b = set(), set()
        best = 0.0
        for h in shared:
            best = max(best, weight(len(index[(gid, h)]), n, h in ref, x.wrong and y.wrong))
            if h not in ref:
                mark_a |= _lines(x, h)
                mark_b |= _lines(y, h)
        # The fingerprints of one answer go together: the answer counts once, as its rarest
        # shared fragment, times the share of the smaller answer that the two have in common.
        total = best * len(shared) / min(len(x.prints), len(y.prints))
        if total > 0:
            why[gid] = total
            lines[gid] = (mark_a, mark_b)
    return Pair(a.student, b.student, round(sum(why.values()), 2), why, lines)


def _lines(answer: Answer, h: int) -> set[int]:
    k = K if answer.kind == "code" else WORD_K
    found = set()
    for start in answer.prints.get(h, []):
        for t in answer.tokens[start : start + k]:
            found.add(t[1])
    return found


def similarity(lesson: Lesson, root: Path, threshold: float = THRESHOLD) -> Result:
    """Read every submission of ``lesson`` under the course ``root`` and compare them."""
    reference = reference_prints(lesson, root)
    subs, notes = load_submissions(lesson, root, reference)
    return compare(subs, reference, lesson.stem, notes, threshold)


# --- output ----------------------------------------------------------------------------


def fragments(result: Result, pair: Pair, limit: int = 3) -> str:
    """Why, in one line: the exercises sharing the most weight and a marked line of each."""
    parts = []
    for gid, w in sorted(pair.why.items(), key=lambda kv: -kv[1])[:limit]:
        marked = sorted(pair.lines[gid][0])
        text = result.submissions[pair.a].answers[gid].text.splitlines()
        sample = text[marked[0]].strip()[:50] if marked and marked[0] < len(text) else ""
        parts.append(f"{gid} ({w:.1f})" + (f": {sample}" if sample else ""))
    return "; ".join(parts)


def write_csv(result: Result, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["lesson", "student_a", "lang_a", "student_b", "lang_b", "score", "flagged"]
                     + ["exercises", "why"])  # fmt: skip
        for p in result.pairs:
            out.writerow(
                [
                    result.lesson,
                    p.a,
                    result.submissions[p.a].lang,
                    p.b,
                    result.submissions[p.b].lang,
                    f"{p.score:.2f}",
                    int(p.score >= result.threshold),
                    " ".join(sorted(p.why)),
                    fragments(result, p),
                ]
            )
    return path


_CSS = """
body{font-family:sans-serif;margin:1.5em;max-width:110em}
.note{background:#fff4d6;border-left:4px solid #e0a000;padding:.6em 1em}
table{border-collapse:collapse;width:100%}td{vertical-align:top;width:50%;padding:.3em}
pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap;margin:0}
mark{background:#ffd24d}h3{margin-bottom:.2em}
"""


def _marked(answer, marks: set[int], empty: str) -> str:
    if answer is None:
        return f"<pre>{html.escape(empty)}</pre>"
    rows = []
    for n, line in enumerate(answer.text.splitlines()):
        line = html.escape(line)
        rows.append(f"<mark>{line}</mark>" if n in marks else line)
    return "<pre>" + "\n".join(rows) + "</pre>"


def pair_page(result: Result, pair: Pair, lang: str = "en") -> str:
    """One flagged pair, side by side, shared parts marked, labelled in ``lang``."""
    t = TEXT[lang]
    colon = "\u202f:" if lang == "fr" else ":"
    # rounded as before (Python's), then written by the locale: 12,5 in French
    number = lambda x: translator(lang).decimal(Decimal(f"{x:.1f}"), "0.0")  # noqa: E731
    a, b = result.submissions[pair.a], result.submissions[pair.b]
    out = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{html.escape(t['title'])} — {html.escape(pair.a)} / {html.escape(pair.b)}"
        f"</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(t['title'])}</h1>",
        f'<p class="note">{html.escape(t["disclaimer"])}</p>',
        f"<p>{t['lesson']}{colon} {html.escape(result.lesson)} · {t['pair']}{colon} "
        f"{html.escape(pair.a)} ({a.lang}) / {html.escape(pair.b)} ({b.lang}) · "
        f"{t['score']}{colon} {number(pair.score)}</p>",
        f"<p>{html.escape(t['legend'])}</p>",
    ]
    gids = list(a.answers) + [g for g in b.answers if g not in a.answers]
    for gid in gids:
        marks = pair.lines.get(gid, (set(), set()))
        shared = f" — {t['shared']}{colon} {number(pair.why[gid])}" if gid in pair.why else ""
        out.append(f"<h3>{t['exercise']}{colon} {html.escape(gid)}{shared}</h3>")
        out.append(
            "<table><tr>"
            f"<td><b>{html.escape(pair.a)}</b>"
            f"{_marked(a.answers.get(gid), marks[0], t['empty'])}</td>"
            f"<td><b>{html.escape(pair.b)}</b>"
            f"{_marked(b.answers.get(gid), marks[1], t['empty'])}</td>"
            "</tr></table>"
        )
    out.append("</body></html>")
    return "\n".join(out)


def write_pages(result: Result, folder: Path, lang: str = "en") -> list[Path]:
    """``folder/<a>__<b>.html`` for every flagged pair; stale pages of the lesson removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.html"):
        old.unlink()
    written = []
    for pair in result.flagged:
        path = folder / f"{pair.a}__{pair.b}.html"
        path.write_text(pair_page(result, pair, lang), encoding="utf-8")
        written.append(path)
    return written


def all_fingerprints(subs: Iterable[Submission]) -> int:
    """How many fingerprints the class holds (the index's size, for the benchmark)."""
    return sum(len(a.prints) for s in subs for a in s.answers.values())
