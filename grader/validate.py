"""The grader's self-check: is every assignment's grading sound?

For every lesson and language, in a scratch course (the real gradebook is never
touched), nbgrader itself grades two submissions built from the release: the
instructor's solution must get every autograded point and the untouched release
none. EN and FR must award the same points to the same code. Then every wrong
answer catalogued in ``tests/mistakes/`` must lose points (one kernel per
notebook, :func:`grader.exercises.check_mistakes`), and the report says which
of them the visible tests already name for the student.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from .autograde import autograde
from .course import COURSE, config, parse_assignment
from .exercises import MistakeResult, check_mistakes
from .languages import LANGS
from .release import release
from .sample_class import answer_notebook

PROBES = {"solution": {"default": "solution"}, "blank": {"default": "blank"}}


@dataclass
class AssignmentCheck:
    assignment: str
    max_auto: float = 0.0
    scores: dict[str, float] = field(default_factory=dict)  # probe -> autograded points
    points: dict[str, float] = field(default_factory=dict)  # grade id -> points
    problems: list[str] = field(default_factory=list)


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


def _grades(root: Path, aid: str) -> AssignmentCheck:
    check = AssignmentCheck(aid)
    cfg = config(root)
    warnings.filterwarnings("ignore", message=".*not in session.*")  # nbgrader's own ORM noise
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        assignment = gb.find_assignment(aid)
        for notebook in assignment.notebooks:
            for cell in notebook.grade_cells:
                check.points[cell.name] = float(cell.max_score)
                if cell.cell_type == "code":
                    check.max_auto += float(cell.max_score)
        for probe in PROBES:
            submission = gb.find_submission(aid, probe)
            check.scores[probe] = sum(
                float(g.auto_score or 0)
                for nb in submission.notebooks
                for g in nb.grades
                if g.cell.cell_type == "code"
            )
    return check


def validate(assignments: list[str], workers: int = 2, mistakes: bool = True) -> Validation:
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="grader-validate-") as tmp:
        root = Path(tmp) / "course"
        root.mkdir()
        shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
        release(assignments, root=root)
        for aid in assignments:
            lesson, lang = parse_assignment(aid)
            for probe, answers in PROBES.items():
                _submit(root, aid, probe, answer_notebook(lesson, lang, answers, root))
        outcomes = autograde(assignments, workers=workers, root=root, progress=False)
        problems += [
            f"{o.job.assignment}/{o.job.student}: {o.message}" for o in outcomes if not o.success
        ]
        checks = [_grades(root, aid) for aid in assignments]
    for check in checks:
        if check.max_auto <= 0:
            check.problems.append("no autograded points")
        if check.scores.get("solution") != check.max_auto:
            solution = check.scores.get("solution")
            check.problems.append(f"solution gets {solution} of {check.max_auto} autograded points")
        if check.scores.get("blank") != 0:
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
                if other.scores != first.scores:
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
