"""Lessons renamed between releases of the course: old stem -> today's stem.

Why one table: an instructor's course root keeps the names of the release it was
graded with (gradebook rows, folders, the grading log, the LMS roster), and an
LMS gradebook keeps its old column titles. ``grader upgrade`` renames a course
from this table (:mod:`grader.upgrade`), every grading command refuses a course
that still holds an old name, and LMS columns are matched to lessons through it
(:func:`grader.lms.roster.lesson_of_column`). A renumbering adds a line here and
nowhere else.
"""

from __future__ import annotations

from .languages import LANGS

# old lesson stem -> the stem it has now; a chain (a -> b, b -> c) is followed to its end
RENAMES: dict[str, str] = {
    "10_quiz": "12_quiz",  # two lessons (10, 11) came before the quiz
}


def current(stem: str) -> str:
    """The stem a lesson has now (``stem`` itself when it was never renamed)."""
    seen = {stem}
    while stem in RENAMES:
        stem = RENAMES[stem]
        if stem in seen:
            raise ValueError(f"the renames table loops at {stem!r}")
        seen.add(stem)
    return stem


def renamed_stems() -> dict[str, str]:
    """Every old stem with the stem it has now."""
    return {old: current(old) for old in RENAMES}


def renamed_assignments() -> dict[str, str]:
    """Every old assignment id (``10_quiz_en``) with today's (``12_quiz_en``)."""
    return {
        f"{old}_{lang}": f"{new}_{lang}" for old, new in renamed_stems().items() for lang in LANGS
    }
