"""What the instructor looks at after grading: distributions, pass rates, failing tests.

Read from nbgrader's gradebook (scores) and from the autograded notebooks
(which part of a test cell failed: a traceback line after the
``### BEGIN HIDDEN TESTS`` marker means the visible tests passed and a hidden
one did not, the sign of an answer tuned to the visible tests). EN and FR
submissions of a lesson are pooled: they share grade ids and points.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from .course import COURSE, config, parse_assignment
from .notes import read_log

HIDDEN = "### BEGIN HIDDEN TESTS"
_LINE = re.compile(r"line (\d+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class ExerciseStats:
    lesson: str
    grade_id: str
    points: float
    scores: list[float] = field(default_factory=list)
    hidden_failures: int = 0

    @property
    def pass_rate(self) -> float:
        return sum(s >= self.points for s in self.scores) / len(self.scores) if self.scores else 0.0


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


def plot(summary: Summary, folder: Path) -> list[Path]:
    """Three PNG figures for the instructor; returns their paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    paths = []

    fig, ax = plt.subplots(figsize=(7, 3.5))
    lessons = sorted(summary.lesson_scores)
    ax.boxplot([summary.lesson_scores[x] for x in lessons], tick_labels=lessons)
    ax.set_ylabel("score / max score")
    ax.set_xlabel("lesson")
    ax.set_title("Score distribution per lesson")
    ax.set_ylim(-0.05, 1.05)
    ax.tick_params(axis="x", labelrotation=30)
    fig.tight_layout()
    paths.append(folder / "score_distribution.png")
    fig.savefig(paths[-1])
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 3.5))
    labels = [f"{e.lesson[:2]}:{e.grade_id}" for e in summary.exercises]
    ax.bar(labels, [e.pass_rate for e in summary.exercises], color="C0")
    ax.set_ylabel("share of full marks")
    ax.set_xlabel("exercise (lesson:test cell)")
    ax.set_title("Pass rate per exercise")
    ax.set_ylim(0, 1)
    ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    fig.tight_layout()
    paths.append(folder / "pass_rate.png")
    fig.savefig(paths[-1])
    plt.close(fig)

    ranked = sorted(summary.exercises, key=lambda e: -e.hidden_failures)[:10]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.barh(
        [f"{e.lesson[:2]}:{e.grade_id}" for e in ranked][::-1],
        [e.hidden_failures for e in ranked][::-1],
        color="C3",
    )
    ax.set_xlabel("submissions passing the visible tests but failing hidden ones")
    ax.set_title("Hidden tests that fail most")
    fig.tight_layout()
    paths.append(folder / "hidden_failures.png")
    fig.savefig(paths[-1])
    plt.close(fig)
    return paths
