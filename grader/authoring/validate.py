"""The grader's self-check: is every assignment's grading sound?

For every lesson and language, in a scratch course (the real gradebook is never
touched), nbgrader itself grades two submissions built from the release: the
instructor's solution must get every autograded point and the untouched release
none. EN and FR must award the same points to the same code. Then every wrong
answer catalogued in ``notebooks/src/mistakes/`` must lose points (one kernel per
notebook, :func:`grader.authoring.exercises.check_mistakes`), and the report says which
of them the visible tests already name for the student.

Rule for the probes: when a lesson's releases have the same code in every
language (string literals and comments aside: messages and stubs are
translated, nothing else), each probe goes through nbgrader in one language
only, the solution in one and the blank in another, the languages taking
turns from lesson to lesson, since the same code gets the same points. What
is not graded through nbgrader is still run: the instructor notebook of every
language, with all its tests, and each exercise's released stub and wrong
answers against them, in the notebook's own kernel
(:func:`grader.authoring.exercises.check_mistakes` here, nbval's kernel in ``make
test``). That is why the rule applies only when that kernel check runs too;
``every_language`` grades each probe in each language anyway. Otherwise (code
that differs, a magic) every probe is graded in every language.

``probes`` narrows the check to some probes: ``make test`` grades only the
solution of a lesson that trains networks, since the kernel check has already
run each exercise's released stub against its complete tests in every
language, and an untouched release is made of those stubs; the quiz gets both.
"""

from __future__ import annotations

import ast
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from grader.authoring.answers import answer_notebook
from grader.authoring.exercises import MistakeResult, check_mistakes
from grader.authoring.release import release
from grader.course import COURSE, config, parse_assignment
from grader.db.gradebook import quiet_orm_warnings
from grader.grading.autograde import autograde
from grader.languages import LANGS

PROBES = {"solution": {"default": "solution"}, "blank": {"default": "blank"}}


@dataclass
class AssignmentCheck:
    assignment: str
    max_auto: float = 0.0
    scores: dict[str, float] = field(default_factory=dict)  # probe -> autograded points
    points: dict[str, float] = field(default_factory=dict)  # grade id -> points
    problems: list[str] = field(default_factory=list)
    # probe -> the assignment whose grading stands for this one (same code)
    shared: dict[str, str] = field(default_factory=dict)


@dataclass
class Validation:
    checks: list[AssignmentCheck]
    mistakes: list[tuple[str, MistakeResult]]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems and not any(c.problems for c in self.checks)


def _submit(root: Path, aid: str, student: str, nb: nbformat.NotebookNode) -> None:
    lesson, _ = parse_assignment(aid)
    folder = root / "submitted" / student / aid
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{lesson.stem}.ipynb")
    (folder / "timestamp.txt").write_text(datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f UTC"))


class _MaskStrings(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant("") if isinstance(node.value, str) else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        """An f-string: the code it runs, not where each language places it in the text.

        ``f"best: {b} at epoch {e}"`` and ``f"époque {e} : meilleure {b}"`` evaluate the
        same expressions in another order of words; their values are what must agree.
        """
        values = [
            self.visit(part.value) for part in node.values if isinstance(part, ast.FormattedValue)
        ]
        return ast.Tuple(sorted(values, key=ast.dump), ast.Load())


def code_signature(nb: nbformat.NotebookNode) -> tuple[str, ...] | None:
    """The notebook's code with its string literals blanked (comments are not in the AST).

    ``None`` when a cell is not plain Python (a magic, say): then nothing is assumed equal.
    """
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = _MaskStrings().visit(ast.parse(cell.source))
        except SyntaxError:
            return None
        found.append(ast.dump(tree))
    return tuple(found)


def probe_plan(
    assignments: list[str], root: Path, every_language: bool = False
) -> dict[tuple[str, str], str]:
    """(aid, probe) -> the aid whose grading of that probe stands for it (see the rule above).

    The turns follow the lesson's number (its position when it has none), so that a
    lesson validated alone (as ``make test`` does) is not always graded in the same
    language.
    """
    by_lesson: dict[str, dict[str, str]] = {}
    for aid in assignments:
        lesson, lang = parse_assignment(aid)
        by_lesson.setdefault(lesson.stem, {})[lang] = aid
    plan: dict[tuple[str, str], str] = {}
    for index, (stem, langs) in enumerate(sorted(by_lesson.items())):
        signatures = {
            code_signature(nbformat.read(root / "release" / aid / f"{stem}.ipynb", as_version=4))
            for aid in langs.values()
        }
        shared = len(langs) > 1 and len(signatures) == 1 and None not in signatures
        order = [langs[lang] for lang in LANGS if lang in langs]
        first = int(stem[:2]) - 1 if stem[:2].isdigit() else index
        for turn, probe in enumerate(PROBES):
            graded = order[(first + turn) % len(order)]
            for aid in langs.values():
                plan[(aid, probe)] = graded if shared and not every_language else aid
    return plan


def _grades(root: Path, aid: str) -> AssignmentCheck:
    check = AssignmentCheck(aid)
    cfg = config(root)
    quiet_orm_warnings()
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        assignment = gb.find_assignment(aid)
        for notebook in assignment.notebooks:
            for cell in notebook.grade_cells:
                check.points[cell.name] = float(cell.max_score)
                if cell.cell_type == "code":
                    check.max_auto += float(cell.max_score)
        for probe in PROBES:
            try:
                submission = gb.find_submission(aid, probe)
            except MissingEntry:
                continue  # graded in another language (see probe_plan)
            check.scores[probe] = sum(
                float(g.auto_score or 0)
                for nb in submission.notebooks
                for g in nb.grades
                if g.cell.cell_type == "code"
            )
    return check


def validate(
    assignments: list[str],
    workers: int = 2,
    mistakes: bool = True,
    every_language: bool | None = None,
    probes: tuple[str, ...] = tuple(PROBES),
) -> Validation:
    """Grade the probes in a scratch course, then check them (and the mistakes).

    ``every_language`` defaults to ``not mistakes``: without the kernel check, nothing
    else would run the other language's solution (see the module's rule). ``probes``:
    which of :data:`PROBES` go through nbgrader (all by default).
    """
    if every_language is None:
        every_language = not mistakes
    unknown = set(probes) - set(PROBES)
    if unknown or not probes:
        raise ValueError(f"probes must be among {list(PROBES)}, got {list(probes)}")
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="grader-validate-") as tmp:
        root = Path(tmp) / "course"
        root.mkdir()
        shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
        release(assignments, root=root)
        plan = probe_plan(assignments, root, every_language)
        for aid in assignments:
            lesson, lang = parse_assignment(aid)
            for probe, answers in PROBES.items():
                if probe in probes and plan[(aid, probe)] == aid:
                    _submit(root, aid, probe, answer_notebook(lesson, lang, answers, root))
        outcomes = autograde(assignments, workers=workers, root=root, progress=False)
        problems += [
            f"{o.job.assignment}/{o.job.student}: {o.message}" for o in outcomes if not o.success
        ]
        checks = [_grades(root, aid) for aid in assignments]
    graded = {c.assignment: c for c in checks}
    for check in checks:
        for probe in probes:
            stand_in = plan[(check.assignment, probe)]
            if stand_in != check.assignment and probe in graded[stand_in].scores:
                check.scores[probe] = graded[stand_in].scores[probe]
                check.shared[probe] = stand_in
    for check in checks:
        if check.max_auto <= 0:
            check.problems.append("no autograded points")
        if "solution" in probes and check.scores.get("solution") != check.max_auto:
            solution = check.scores.get("solution")
            check.problems.append(f"solution gets {solution} of {check.max_auto} autograded points")
        if "blank" in probes and check.scores.get("blank") != 0:
            check.problems.append(f"blank release gets {check.scores.get('blank')} points")
    by_lesson: dict[str, dict[str, AssignmentCheck]] = {}
    for check in checks:
        lesson, lang = parse_assignment(check.assignment)
        by_lesson.setdefault(lesson.stem, {})[lang] = check
    for stem, langs in by_lesson.items():
        if len(langs) == len(LANGS):
            first, *others = (langs[lang] for lang in LANGS)
            for other in others:
                if other.points != first.points:
                    problems.append(f"{stem}: points differ between languages")
                both = [p for p in probes if p not in first.shared and p not in other.shared]
                if any(other.scores.get(p) != first.scores.get(p) for p in both):
                    problems.append(f"{stem}: same code, different points across languages")
    found: list[tuple[str, MistakeResult]] = []
    if mistakes:
        for aid in assignments:
            lesson, lang = parse_assignment(aid)
            results, issues = check_mistakes(lesson, lang)
            problems += [f"{aid}: {issue}" for issue in issues]
            found += [(aid, r) for r in results]
            problems += [
                f"{aid}: wrong answer {r.grade_id}/{r.mistake} keeps full marks"
                for r in results
                if not r.failed
            ]
    return Validation(checks, found, problems)
