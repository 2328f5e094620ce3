"""A released notebook answered as a student would: the solution, a catalogued mistake, or
nothing.

Why in authoring: ``grader validate`` grades exactly these notebooks (the solution must
get full marks, every mistake fewer), and the sample and drawn classes hand them in;
both take them from here, from the current release and the mistakes catalogues.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
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


def answer_text(
    lesson: Lesson, lang: str, grade_id: str, choice: str, sources: Sources
) -> str | None:
    """An answer cell's text for ``choice`` (None: the released stub stays)."""
    _, instructor, mistakes = sources.get(lesson, lang)
    if choice == "solution":
        return strip_markers(instructor[grade_id].source)
    if choice.startswith("mistake:"):
        name = choice.split(":", 1)[1]
        if grade_id not in mistakes:
            return None
        return mistakes[grade_id][name]["code"].strip()
    if choice == "blank":
        return None
    raise ValueError(f"unknown answer {choice!r} for {grade_id}")


def answer_notebook(
    lesson: Lesson,
    lang: str,
    answers: dict[str, str],
    root: Path = COURSE,
    sources: Sources | None = None,
    texts: dict[str, str] | None = None,
    text: Callable[[str, str], str | None] | None = None,
) -> nbformat.NotebookNode:
    """The released notebook with each answer cell filled as ``answers`` says.

    ``texts`` gives some cells verbatim (a copier's, per grade id); ``text(grade_id,
    choice)`` writes the others when given (a drawn student's own style), else
    :func:`answer_text`.
    """
    sources = sources or Sources(root)
    released, _, _ = sources.get(lesson, lang)
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        grade_id = meta["grade_id"]
        if texts and grade_id in texts:
            cell.source = texts[grade_id]
            continue
        choice = answers.get(grade_id, answers.get("default", "blank"))
        if text is not None:
            written = text(grade_id, choice)
        else:
            written = answer_text(lesson, lang, grade_id, choice, sources)
        if written is not None:
            cell.source = written
    return nb
