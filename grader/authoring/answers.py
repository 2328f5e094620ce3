"""A released notebook answered as a student would: the solution, a catalogued mistake, or
nothing.

Why in authoring: ``grader validate`` grades exactly these notebooks (the solution must
get full marks, every mistake fewer), and the sample and drawn classes hand them in;
both take them from here, from the current release and the mistakes catalogues.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from grader.authoring.build import generate
from grader.authoring.exercises import load_mistakes
from grader.course import COURSE
from grader.lessons import Lesson

SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def strip_markers(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip() not in SOLUTION_MARKERS]
    return "\n".join(lines)


class Sources:
    """Each lesson's release, instructor cells and mistakes, read once per zip.

    Why: a drawn class of hundreds of students writes the same few lessons
    thousands of times; generating a lesson takes a third of a second.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[tuple[str, str], tuple] = {}

    def get(self, lesson: Lesson, lang: str) -> tuple:
        key = (lesson.stem, lang)
        if key not in self._cache:
            released = nbformat.read(
                self.root / "release" / lesson.assignment(lang) / f"{lesson.stem}.ipynb",
                as_version=4,
            )
            instructor = {
                c.metadata["nbgrader"]["grade_id"]: c
                for c in generate(lesson, lang).cells
                if "nbgrader" in c.metadata
            }
            self._cache[key] = (released, instructor, load_mistakes(lesson, lang))
        return self._cache[key]


def answer_notebook(
    lesson: Lesson,
    lang: str,
    answers: dict[str, str],
    root: Path = COURSE,
    sources: Sources | None = None,
) -> nbformat.NotebookNode:
    """The released notebook with each answer cell filled as ``answers`` says."""
    released, instructor, mistakes = (sources or Sources(root)).get(lesson, lang)
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        grade_id = meta["grade_id"]
        choice = answers.get(grade_id, answers.get("default", "blank"))
        if choice == "solution":
            cell.source = strip_markers(instructor[grade_id].source)
        elif choice.startswith("mistake:"):
            name = choice.split(":", 1)[1]
            if grade_id in mistakes:
                entry = mistakes[grade_id][name]
                cell.source = entry["code"].strip()
        elif choice != "blank":
            raise ValueError(f"unknown answer {choice!r} for {grade_id}")
    return nb
