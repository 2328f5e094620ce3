"""Who handed in someone else's work: every pair of a lesson's submissions, both languages.

Why both languages together: a lesson's English and French notebooks run the same code
(only strings and comments differ), so a French student can hand in an English student's
answers. What is compared is what the student wrote: each answer cell (code and written
answers) minus the released stub's lines. Student code is never executed: notebooks are
only read (:mod:`ast` and :mod:`tokenize` parse it, nothing runs it).

How, and why each step:

- Code is put in a canonical form (:func:`canonical_code`): parsed with :mod:`ast`, so
  comments, blank lines, spacing and the spelling of numbers (``1e-3``, ``0.001``) are
  gone; string literals become ``S`` (a translated message is the same code); the
  statements of each block are put in one order that keeps their dependencies (a
  topological order, ties broken by the statement's text), so reordered independent
  statements give the same form; then every name the answer binds (parameters,
  variables, loop targets) is numbered in order of first use, so renamed variables do
  too. Names it does not bind (``np``, ``keras``, the notebook's globals) and attribute
  and keyword names stay: they are the API a solution calls, which a copier cannot
  rename. A different formulation (``x * x`` for ``x ** 2``, a loop for a
  comprehension) stays different. Code that does not parse is tokenized instead.
- Each canonical token is one character of a string, fingerprinted with copydetect's
  winnowing (:func:`copydetect.utils.winnow`), the published robust winnowing of
  Schleimer, Wilkerson and Aiken (MOSS), rather than hand-written winnowing: it is the
  part where an off-by-one silently loses the guarantee that any shared run of
  ``K + WINDOW - 1`` tokens is caught, and copydetect's is tested and maintained. Its
  k-grams are hashed here with a stable hash (copydetect's own use Python's ``hash``,
  salted per process: other fingerprints, other scores, each run). copydetect's own
  tokenizer (pygments) is not used: it keeps comments' neighbours and renames attribute
  names too. The whole canonical answer is one more fingerprint (its *form*).
- Evidence is how improbable the shared material is by chance: an answer form or a
  fragment that ``df`` of the ``N`` students wrote weighs ``log(N / df)`` (two
  independent students share it with probability ``(df / N)^2``, a copier with
  ``df / N``: the log of that ratio). Per exercise the evidence is the larger of the
  shared form's weight and the rarest shared fragment's times the share of the smaller
  answer in common; a fragment of the instructor's solution weighs ``SOLUTION_FACTOR``
  of that, and two wrong answers (failed tests in the gradebook when it has them,
  otherwise a form that is not the solution's) ``WRONG_FACTOR`` times it: shared
  mistakes and oddities are what copies share. The pair's evidence is the sum over the
  lesson's exercises, so a pair sharing rare forms on several exercises scores far
  above a pair sharing one common form.
- A class of N students has ``N (N - 1) / 2`` pairs, and among many pairs some share
  rare material by chance, so the score is the evidence minus ``log`` of the number of
  pairs; a pair is flagged at ``THRESHOLD`` or more, calibrated by
  ``make bench-similarity`` on a drawn class of another seed than the benchmark's.
- It scales: an inverted index key -> students (a rare fragment of one exercise, or
  the combination of a student's answer forms on a set of exercises) gives the
  candidate pairs from keys that at most ``CANDIDATE_DF`` students hold; only those
  pairs are scored, so the work grows with the class, not with its pairs.

A flag is a reason to look, not a verdict: the pages say so in the instructor's language.
"""

from __future__ import annotations

import ast
import builtins
import csv
import hashlib
import html
import io
import json
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
import numpy as np
from copydetect.utils import winnow

from grader.analysis.variation import effects, effects_depend
from grader.i18n import N_, Table, translator
from grader.languages import CODE_STUB, LANGS, TEXT_STUB
from grader.lessons import Lesson

K = 5  # tokens per k-gram: shorter runs (``v0 = v1``) are everywhere
WINDOW = 4  # winnowing window: any shared run of K + WINDOW - 1 = 8 tokens is caught
WORD_K = 4  # words per k-gram of a written answer
SOLUTION_FACTOR = 0.1
WRONG_FACTOR = 1.5
CANDIDATE_DF = 12  # a key held by more students makes no candidate pair
COMBO_SIZE = 3  # combinations of up to 3 exercises' forms (and all of them) are keys
THRESHOLD = 4.5  # calibrated on a drawn class of seed 1 (dev/devkit/bench/similarity.py)
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
    """One answer cell as the student wrote it (stub removed), in canonical form."""

    grade_id: str
    kind: str  # "code" or "markdown"
    text: str
    tokens: list[tuple[str, int]] = field(default_factory=list)  # (canonical, source line)
    prints: dict[int, list[int]] = field(default_factory=dict)  # hash -> token positions
    form: int = 0  # hash of the whole canonical answer
    spans: dict[int, int] = field(default_factory=dict)  # a statement's first -> last line
    wrong: bool = False


@dataclass
class Submission:
    student: str
    lang: str
    answers: dict[str, Answer]


@dataclass
class Reference:
    """An exercise's instructor solution, both languages: its forms and fingerprints."""

    forms: set[int] = field(default_factory=set)
    prints: set[int] = field(default_factory=set)


@dataclass
class Pair:
    a: str
    b: str
    score: float
    why: dict[str, float]  # grade_id -> evidence of its shared material
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


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every run (Python's ``hash`` of a string is salted
    per process), so that a class gives the same keys, candidates and ranking each time."""
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)  # fits NumPy's int64


def normalize_code(source: str) -> list[tuple[str, int]]:
    """Tokens of code that does not parse, as ``(normalized token, line index)``.

    Comments and blank lines dropped, names a student chooses ``V`` (keywords, builtins,
    attribute names and keyword-argument names stay), strings ``S``. Why a fallback: an
    answer with a syntax error is still fingerprinted, less precisely.
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


class _Strings(ast.NodeTransformer):
    """String literals (and f-strings) become ``"S"``: a translated message is the same code."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant("S") if isinstance(node.value, str | bytes) else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return ast.Constant("S")


def _bound(tree: ast.AST) -> set[str]:
    """Names the cell binds: parameters, assigned names, loop and ``with`` targets."""
    names = set()
    for n in ast.walk(tree):  # one walk: walking is most of the cost of a large class
        if isinstance(n, ast.arg):
            names.add(n.arg)
        elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, ast.ExceptHandler) and n.name:
            names.add(n.name)
    return names


def _own_statements(stmts: list[ast.stmt], own: set[int]) -> list[ast.stmt]:
    """The statements the student wrote: a stub's ``def`` line is given, its body is not."""
    out = []
    for stmt in stmts:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # a docstring, in either language: documentation, as comments are
        lines = set(range(stmt.lineno - 1, stmt.end_lineno))
        body = getattr(stmt, "body", None)
        if isinstance(body, list) and stmt.lineno - 1 not in own and lines & own:
            out.extend(_own_statements(body, own))
        elif lines & own:
            out.append(stmt)
    return out


def _shape(stmt: ast.stmt, bound: set[str]) -> str:
    """A statement's text with every bound name ``V``: its place among its block's."""
    dump = ast.unparse(stmt)
    return re.sub(r"[A-Za-z_]\w*", lambda m: "V" if m[0] in bound else m[0], dump)


def _sort_block(stmts: list[ast.stmt], bound: set[str]) -> list[ast.stmt]:
    """One order of a block's statements that keeps their dependencies (see above)."""
    for stmt in stmts:
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                setattr(stmt, name, _sort_block(inner, bound))
    keys = [_shape(s, bound) for s in stmts]
    eff = [effects(s) for s in stmts]  # once each: walking the tree is the costly part
    left = list(range(len(stmts)))
    out = []
    while left:
        ready = [i for i in left if not any(effects_depend(eff[j], eff[i]) for j in left if j < i)]
        pick = min(ready, key=lambda i: (keys[i], i))
        out.append(pick)
        left.remove(pick)
    return [stmts[i] for i in out]


class _Number(_Strings):
    """Bound names numbered in order of first use: ``v0``, ``v1``...; strings ``"S"``
    (:class:`_Strings`, in the same pass over the tree)."""

    def __init__(self, bound: set[str]) -> None:
        self.bound, self.names = bound, {}

    def _name(self, name: str) -> str:
        if name not in self.bound:
            return name
        return self.names.setdefault(name, f"v{len(self.names)}")

    def visit_Name(self, node: ast.Name) -> ast.Name:
        node.id = self._name(node.id)
        return node

    def visit_arg(self, node: ast.arg) -> ast.arg:
        node.arg = self._name(node.arg)
        node.annotation = None
        return node


def canonical_code(source: str, own: set[int]) -> tuple[list[tuple[str, int]], dict[int, int]]:
    """The student's statements (lines ``own``) in canonical form: tokens with the first
    source line of their statement, and each statement's first -> last line.

    Code that does not parse falls back on :func:`normalize_code`.
    """
    try:
        tree = ast.parse(textwrap.dedent(source))
    except (SyntaxError, ValueError):
        tokens = [t for t in normalize_code(source) if t[1] in own]
        return tokens, {t[1]: t[1] for t in tokens}
    bound = _bound(tree)
    stmts = _sort_block(_own_statements(tree.body, own), bound)
    numbering = _Number(bound)
    tokens: list[tuple[str, int]] = []
    spans: dict[int, int] = {}
    for stmt in stmts:
        first, last = stmt.lineno - 1, stmt.end_lineno - 1
        spans[first] = last
        text = ast.unparse(numbering.visit(stmt))
        tokens += [(t, first) for t, _ in _tokens(text)]
    return tokens, spans


def _tokens(text: str) -> list[tuple[str, int]]:
    """Canonical code's tokens: every name as it is (bound ones are numbered already)."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(text + "\n").readline):
        if tok.type in (tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER, tokenize.COMMENT):
            continue
        if tok.type == tokenize.NEWLINE:
            out.append((";", 0))
        elif tok.type == tokenize.INDENT:
            out.append(("{", 0))
        elif tok.type == tokenize.DEDENT:
            out.append(("}", 0))
        else:
            out.append((tok.string, 0))
    out.append((";", 0))
    return out


def normalize_text(text: str) -> list[tuple[str, int]]:
    """A written answer's words, lower-cased, punctuation and formatting dropped."""
    return [(w.lower(), n) for n, line in enumerate(text.splitlines()) for w in _WORD.findall(line)]


def fingerprints(tokens: list[tuple[str, int]], k: int = K) -> dict[int, list[int]]:
    """Winnowed fingerprints of a token list: hash -> token positions (copydetect's)."""
    if len(tokens) < k:
        return {}
    doc = "".join(_char(t) for t, _ in tokens)
    # copydetect's own k-gram hashing is Python's salted hash(): other fingerprints each run
    kgrams = np.array([stable_hash(doc[i : i + k]) for i in range(len(doc) - k + 1)])
    hashes, idx = winnow(kgrams, WINDOW, remove_duplicates=False)
    where: dict[int, list[int]] = {}
    for h, i in zip(hashes.tolist(), idx.tolist(), strict=True):
        where.setdefault(h, []).append(i)
    return where


# --- reading submissions ---------------------------------------------------------------


@dataclass
class Cell:
    cell_type: str
    source: str


def _answer_cells(cells: list) -> dict[str, Cell]:
    """Answer cells by grade id, from a notebook's cells as JSON (anything odd skipped)."""
    out = {}
    for c in cells:
        if not isinstance(c, dict):
            continue
        meta = c.get("metadata")
        nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
        source = c.get("source")
        if isinstance(source, list) and all(isinstance(x, str) for x in source):
            source = "".join(source)  # nbformat's multi-line form
        if (
            isinstance(nbg, dict)
            and nbg.get("solution")
            and isinstance(nbg.get("grade_id"), str)
            and isinstance(source, str)
            and isinstance(c.get("cell_type"), str)
        ):
            out[nbg["grade_id"]] = Cell(c["cell_type"], source)
    return out


def own_lines(source: str, stub: str) -> set[int]:
    """Indices of the student's own lines: not a line of the stub, nor a solution marker.

    Why lines of the whole cell rather than a cut-out text: the cell parses as a whole
    (a stub's ``def`` line and docstring stay), then statements on stub lines are dropped.
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
    grade_id: str,
    kind: str,
    source: str,
    stub: str = "",
    reference: Reference | None = None,
) -> Answer | None:
    """An answer cell's own part (stub lines removed) in canonical form; None when
    nothing is left. ``wrong`` when its form is not one of the solution's (``reference``).
    """
    keep = own_lines(source, stub)
    lines = source.splitlines()
    if not any(lines[n].strip() and not lines[n].strip().startswith("#") for n in keep):
        return None
    if kind == "code":
        tokens, spans = canonical_code(source, keep)
        k = K
    else:
        tokens = [t for t in normalize_text(source) if t[1] in keep]
        spans, k = {t[1]: t[1] for t in tokens}, WORD_K
    if not tokens:
        return None
    doc = "".join(_char(t) for t, _ in tokens)
    form = stable_hash(doc)
    answer = Answer(grade_id, kind, source, tokens, fingerprints(tokens, k), form, spans)
    if reference is not None and reference.forms:
        answer.wrong = answer.form not in reference.forms
    return answer


def reference_prints(lesson: Lesson, root: Path) -> dict[str, Reference]:
    """Each exercise's forms and fingerprints in the instructor's solution, both languages."""
    ref: dict[str, Reference] = defaultdict(Reference)
    for lang in LANGS:
        path = lesson.notebook(lang)
        if not path.exists():
            continue
        stubs = _stubs(lesson, lang, root)
        for gid, cell in _answer_cells(_cells(path)).items():
            answer = make_answer(gid, cell.cell_type, cell.source, stubs.get(gid, ""))
            if answer:
                ref[gid].forms.add(answer.form)
                ref[gid].prints |= set(answer.prints)
    return dict(ref)


def _stubs(lesson: Lesson, lang: str, root: Path) -> dict[str, str]:
    path = root / "release" / lesson.assignment(lang) / f"{lesson.stem}.ipynb"
    try:
        return {g: c.source for g, c in _answer_cells(_cells(path)).items()}
    except (OSError, ValueError):
        return {}


def _cells(path: Path) -> list:
    """A notebook's cells, read as JSON; older formats converted by nbformat.

    Why not always ``nbformat.read``: it validates the whole notebook against its schema,
    most of the time spent on a class; a read-only comparison uses a few fields and checks
    each of them (:func:`_answer_cells`), and never runs anything.
    """
    data = json.loads(path.read_bytes())
    if isinstance(data, dict) and data.get("nbformat") == 4:
        cells = data.get("cells")
    else:
        cells = nbformat.read(path, as_version=4).get("cells")
    if not isinstance(cells, list):
        raise ValueError("no cells")
    return cells


def _read(path: Path) -> list | str:
    """The notebook's cells, or why they cannot be read (never raises)."""
    try:
        return _cells(path)
    except Exception as err:  # noqa: BLE001 - any damage is a note, never a crash
        return f"unreadable ({'no cells' if str(err) == 'no cells' else type(err).__name__})"


def load_submissions(
    lesson: Lesson, root: Path, reference: dict[str, Reference] | None = None
) -> tuple[dict[str, Submission], list[str]]:
    """Every student's submission of ``lesson``, in either language, and notes on bad ones."""
    subs: dict[str, Submission] = {}
    notes: list[str] = []
    reference = reference or {}
    folder = root / "submitted"
    stubs = {lang: _stubs(lesson, lang, root) for lang in LANGS}
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
            answers = {}
            try:
                for gid, cell in _answer_cells(nb).items():
                    answer = make_answer(
                        gid, cell.cell_type, cell.source, stubs[lang].get(gid, ""),
                        reference.get(gid),
                    )  # fmt: skip
                    if answer:
                        answers[gid] = answer
            except (RecursionError, MemoryError, ValueError, TypeError) as err:
                notes.append(f"{student_dir.name}/{adir.name}: not comparable "
                             f"({type(err).__name__}), left out")  # fmt: skip
                continue
            if not answers:
                notes.append(f"{student_dir.name}/{adir.name}: blank, left out")
                continue
            subs[student_dir.name] = Submission(student_dir.name, lang, answers)
    return subs, notes


def failed_tests(lesson: Lesson, root: Path) -> dict[tuple[str, str], bool]:
    """(student, grade id) -> the answer lost points on its tests, from the gradebook.

    Empty when the course has no gradebook yet (then a wrong answer is guessed as one
    whose form is not the solution's).
    """
    try:
        from nbgrader.api import Gradebook

        from grader.course import config

        cfg = config(root)
        out = {}
        with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
            for lang in LANGS:
                try:
                    assignment = gb.find_assignment(lesson.assignment(lang))
                except Exception:  # noqa: BLE001 - not graded in this language
                    continue
                for submission in assignment.submissions:
                    for notebook in submission.notebooks:
                        for grade in notebook.grades:
                            if grade.name.endswith("_tests") and grade.max_score:
                                gid = grade.name.removesuffix("_tests")
                                out[(submission.student.id, gid)] = grade.score < grade.max_score
        return out
    except Exception:  # noqa: BLE001 - no gradebook: the guess is used
        return {}


# --- comparing -------------------------------------------------------------------------


def compare(
    subs: dict[str, Submission],
    reference: dict[str, Reference],
    lesson: str = "",
    notes: list[str] | None = None,
    threshold: float = THRESHOLD,
    failed: dict[tuple[str, str], bool] | None = None,
) -> Result:
    """Score the candidate pairs of ``subs``, best first (see the module docstring).

    ``failed`` ((student, grade_id) -> the answer failed its tests), from the gradebook
    when known, overrides the "not the solution's form" guess of a wrong answer.
    """
    notes = list(notes or [])
    n = len(subs)
    if n < 2:
        notes.append(f"{lesson}: {n} submission(s), nothing to compare")
        return Result(lesson, n, [], notes, subs, threshold)
    for (student, gid), bad in (failed or {}).items():
        if student in subs and gid in subs[student].answers:
            subs[student].answers[gid].wrong = bad
    index = Index(subs)
    pairs = []
    offset = math.log(n * (n - 1) / 2)
    for a, b in index.candidates():
        pair = score_pair(subs[a], subs[b], index, reference, offset)
        if pair.why:
            pairs.append(pair)
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    return Result(lesson, n, pairs, notes, subs, threshold)


class Index:
    """The inverted index: key -> students who hold it, and each key's count."""

    def __init__(self, subs: dict[str, Submission]) -> None:
        self.n = len(subs)
        self.prints: dict[tuple[str, int], list[str]] = defaultdict(list)
        self.forms: dict[tuple[str, int], int] = defaultdict(int)
        self.combos: dict[int, list[str]] = defaultdict(list)
        for student, sub in subs.items():
            for gid, answer in sub.answers.items():
                self.forms[(gid, answer.form)] += 1
                for h in answer.prints:
                    self.prints[(gid, h)].append(student)
            keys = sorted((g, x.form) for g, x in sub.answers.items())
            sizes = {*range(1, min(len(keys), COMBO_SIZE) + 1), len(keys)}
            for size in sizes:
                for combo in combinations(keys, size):
                    self.combos[stable_hash(repr(combo))].append(student)

    def df(self, gid: str, h: int) -> int:
        return len(self.prints.get((gid, h), ())) or 1

    def candidates(self) -> set[tuple[str, str]]:
        """Pairs holding a common key that at most ``CANDIDATE_DF`` students hold."""
        out: set[tuple[str, str]] = set()
        for keys in (self.prints, self.combos):
            for who in keys.values():
                if 2 <= len(who) <= CANDIDATE_DF:
                    out.update(combinations(sorted(who), 2))
        return out


def weight(df: int, n: int, in_solution: bool, both_wrong: bool) -> float:
    """A shared form's or fragment's weight: rarer counts more, the solution's counts little."""
    idf = math.log(n / df)
    if in_solution:
        return SOLUTION_FACTOR * idf
    return idf * (WRONG_FACTOR if both_wrong else 1.0)


def score_pair(
    a: Submission, b: Submission, index: Index, reference: dict[str, Reference], offset: float
) -> Pair:
    """Evidence per shared exercise (see the module docstring), minus ``offset``."""
    why: dict[str, float] = {}
    lines: dict[str, tuple[set[int], set[int]]] = {}
    n = index.n
    for gid in sorted(a.answers.keys() & b.answers.keys()):
        x, y = a.answers[gid], b.answers[gid]
        ref = reference.get(gid, Reference())
        both_wrong = x.wrong and y.wrong
        best = 0.0
        if x.form == y.form:
            best = weight(index.forms[(gid, x.form)], n, x.form in ref.forms, both_wrong)
        shared = x.prints.keys() & y.prints.keys()
        if shared:
            rarest = max(weight(index.df(gid, h), n, h in ref.prints, both_wrong) for h in shared)
            best = max(best, rarest * len(shared) / min(len(x.prints), len(y.prints)))
        if best <= 0:
            continue
        why[gid] = round(best, 2)
        if x.form == y.form and x.form not in ref.forms:
            lines[gid] = (_all_lines(x), _all_lines(y))
        else:
            mark = [h for h in shared if h not in ref.prints]
            lines[gid] = (_lines(x, mark), _lines(y, mark))
    return Pair(a.student, b.student, round(sum(why.values()) - offset, 2), why, lines)


def _all_lines(answer: Answer) -> set[int]:
    return {n for first, last in answer.spans.items() for n in range(first, last + 1)}


def _lines(answer: Answer, hashes: Iterable[int]) -> set[int]:
    k = K if answer.kind == "code" else WORD_K
    found = set()
    for h in hashes:
        for start in answer.prints.get(h, []):
            for _, first in answer.tokens[start : start + k]:
                found.update(range(first, answer.spans.get(first, first) + 1))
    return found


def similarity(lesson: Lesson, root: Path, threshold: float = THRESHOLD) -> Result:
    """Read every submission of ``lesson`` under the course ``root`` and compare them."""
    reference = reference_prints(lesson, root)
    subs, notes = load_submissions(lesson, root, reference)
    return compare(subs, reference, lesson.stem, notes, threshold, failed_tests(lesson, root))


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
