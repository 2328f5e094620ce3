"""What the instructor looks at after grading: distributions, pass rates, failing tests.

Read from nbgrader's gradebook (scores) and from the autograded notebooks
(which part of a test cell failed: a traceback line after the
``### BEGIN HIDDEN TESTS`` marker means the visible tests passed and a hidden
one did not, the sign of an answer tuned to the visible tests). EN and FR
submissions of a lesson are pooled: they share grade ids and points. The
figures and the table are written in the instructor's language (``TEXT``),
like everything else the course shows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import numpy as np
from nbgrader.api import Gradebook

from .course import COURSE, config, parse_assignment
from .languages import LANGS
from .notes import read_log

HIDDEN = "### BEGIN HIDDEN TESTS"
_LINE = re.compile(r"line (\d+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")

# Every label the report shows, per language; a test checks each language has them all.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "score_y": "score / max score",
        "lesson": "lesson",
        "score_title": "Score distribution per lesson",
        "pass_y": "share of submissions",
        "full": "full marks",
        "partial": "part of the points",
        "zero": "no points",
        "none": "no submission failed a hidden test only",
        "exercise": "exercise (lesson:test cell)",
        "pass_title": "Pass rate per exercise",
        "hidden_x": "submissions passing the visible tests but failing hidden ones",
        "hidden_title": "Hidden tests that fail most",
        "table": "Exercises",
        "test cell": "test cell",
        "points": "points",
        "submissions": "submissions",
        "pass rate": "pass rate",
        "hidden fails": "hidden fails",
        "suspicious": "Suspicious submissions (see course/grading_log.jsonl)",
        "saw": "what the grader saw",
        "figure": "figure",
    },
    "fr": {
        "score_y": "note / note maximale",
        "lesson": "leçon",
        "score_title": "Distribution des notes par leçon",
        "pass_y": "part des copies",
        "full": "tous les points",
        "partial": "une partie des points",
        "zero": "aucun point",
        "none": "aucune copie n'échoue qu'aux tests cachés",
        "exercise": "exercice (leçon:cellule de test)",
        "pass_title": "Taux de réussite par exercice",
        "hidden_x": "copies qui passent les tests visibles mais échouent aux tests cachés",
        "hidden_title": "Tests cachés les plus souvent échoués",
        "table": "Exercices",
        "test cell": "cellule de test",
        "points": "points",
        "submissions": "copies",
        "pass rate": "taux de réussite",
        "hidden fails": "échecs cachés",
        "suspicious": "Copies suspectes (voir course/grading_log.jsonl)",
        "saw": "ce que le correcteur a vu",
        "figure": "figure",
    },
}
assert set(TEXT) == set(LANGS)


@dataclass
class ExerciseStats:
    lesson: str
    grade_id: str
    points: float
    scores: list[float] = field(default_factory=list)
    hidden_failures: int = 0

    @property
    def label(self) -> str:
        return f"{self.lesson[:2]}:{self.grade_id}"

    @property
    def pass_rate(self) -> float:
        return sum(s >= self.points for s in self.scores) / len(self.scores) if self.scores else 0.0

    @property
    def zero_rate(self) -> float:
        return sum(s <= 0 for s in self.scores) / len(self.scores) if self.scores else 0.0


@dataclass
class Summary:
    lesson_scores: dict[str, list[float]]  # lesson -> fraction of max score, per student
    exercises: list[ExerciseStats]
    suspicious: list[str]


def _failed_in_hidden(cell) -> bool:
    """Whether a test cell's error was raised after its hidden-tests marker."""
    lines = cell.source.splitlines()
    if HIDDEN not in cell.source:
        return False
    start = next(i for i, line in enumerate(lines) if HIDDEN in line) + 1
    for output in cell.get("outputs", []):
        if output.output_type != "error":
            continue
        text = _ANSI.sub("", "\n".join(output.get("traceback", [])))
        frames = [int(n) for n in _LINE.findall(text)]
        return bool(frames) and frames[0] > start
    return False


def summarize(root: Path = COURSE) -> Summary:
    cfg = config(root)
    lesson_scores: dict[str, list[float]] = defaultdict(list)
    stats: dict[tuple[str, str], ExerciseStats] = {}
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        for assignment in gb.assignments:
            lesson, _ = parse_assignment(assignment.name)
            for submission in assignment.submissions:
                if assignment.max_score:
                    lesson_scores[lesson.stem].append(submission.score / assignment.max_score)
                for notebook in submission.notebooks:
                    path = (
                        root
                        / "autograded"
                        / submission.student.id
                        / assignment.name
                        / f"{notebook.name}.ipynb"
                    )
                    cells = {}
                    if path.exists():
                        nb = nbformat.read(path, as_version=4)
                        cells = {
                            c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells
                        }
                    for grade in notebook.grades:
                        if grade.cell.cell_type != "code":  # written answers: graded by hand
                            continue
                        key = (lesson.stem, grade.name)
                        entry = stats.setdefault(
                            key, ExerciseStats(lesson.stem, grade.name, grade.max_score)
                        )
                        entry.scores.append(float(grade.score))
                        cell = cells.get(grade.name)
                        if (
                            cell is not None
                            and grade.score < grade.max_score
                            and _failed_in_hidden(cell)
                        ):
                            entry.hidden_failures += 1
    exercises = sorted(stats.values(), key=lambda e: (e.lesson, e.grade_id))
    suspicious = sorted(
        {
            f"{note.student} {note.assignment}: {note.message.removeprefix('suspicious: ')}"
            for note in read_log(root)
            if note.message.startswith("suspicious:")
        }
    )
    return Summary(dict(lesson_scores), exercises, suspicious)


def plot(summary: Summary, folder: Path, lang: str = "en") -> list[Path]:
    """Three PNG figures for the instructor, labelled in ``lang``; returns their paths."""
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, fig in figures(summary, lang).items():
        paths.append(folder / f"{name}.png")
        fig.savefig(paths[-1])
        plt.close(fig)
    return paths


def figures(summary: Summary, lang: str = "en") -> dict:
    """The report's figures by file name, kept apart from saving so tests can read labels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    text = TEXT[lang]
    made = {}

    fig, ax = plt.subplots(figsize=(7, 3.5))
    lessons = sorted(summary.lesson_scores)
    scores = [summary.lesson_scores[x] for x in lessons]
    ticks = [f"{x}\n(n={len(s)})" for x, s in zip(lessons, scores, strict=True)]
    ax.boxplot(scores, tick_labels=ticks)
    # every student as a dot: a box hides a class split between blanks and full marks
    jitter = np.random.default_rng(0)
    for i, values in enumerate(scores, start=1):
        xs = i + jitter.uniform(-0.18, 0.18, len(values))
        ax.plot(xs, values, "o", color="C0", alpha=0.25, markersize=3)
    ax.set_ylabel(text["score_y"])
    ax.set_xlabel(text["lesson"])
    ax.set_title(text["score_title"])
    ax.set_ylim(-0.05, 1.05)
    ax.tick_params(axis="x", labelsize=8)
    fig.tight_layout()
    made["score_distribution"] = fig

    fig, ax = plt.subplots(figsize=(9, 4))
    labels = [e.label for e in summary.exercises]
    full = np.array([e.pass_rate for e in summary.exercises])
    zero = np.array([e.zero_rate for e in summary.exercises])
    ax.bar(labels, full, color="C2", label=text["full"])
    ax.bar(labels, 1 - full - zero, bottom=full, color="C1", label=text["partial"])
    ax.bar(labels, zero, bottom=1 - zero, color="C3", label=text["zero"])
    ax.set_ylabel(text["pass_y"])
    ax.set_xlabel(text["exercise"])
    ax.set_title(text["pass_title"])
    ax.set_ylim(0, 1)
    ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    made["pass_rate"] = fig

    ranked = sorted(summary.exercises, key=lambda e: -e.hidden_failures)[:10]
    ranked = [e for e in ranked if e.hidden_failures]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.barh(
        [e.label for e in ranked][::-1],
        [e.hidden_failures for e in ranked][::-1],
        color="C3",
    )
    if not ranked:
        ax.text(0.5, 0.5, text["none"], ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel(text["hidden_x"])
    ax.set_title(text["hidden_title"])
    fig.tight_layout()
    made["hidden_failures"] = fig
    return made
