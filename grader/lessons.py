"""Where each lesson's source and generated files live.

One source per lesson, ``notebooks/src/NN_name.py`` (jupytext percent format),
generates for every language:
- ``notebooks/<lang>/NN_name.ipynb``: the executed instructor notebook
  (solutions included) that nbval re-runs and compares;
- ``course/source/NN_name_<lang>/NN_name.ipynb``: the same notebook without
  outputs, as nbgrader's source assignment (one assignment per lesson and
  language, so each student fetches the lesson in one language).
The helper module ``notebooks/src/coursetools.py`` and the lesson's data are
copied next to each generated notebook, since students need them to run it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .languages import LANGS

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks" / "src"
HELPERS = ("coursetools.py",)


@dataclass(frozen=True)
class Lesson:
    stem: str  # e.g. "01_overfitting"

    @property
    def source(self) -> Path:
        return SRC / f"{self.stem}.py"

    def notebook(self, lang: str) -> Path:
        return ROOT / "notebooks" / lang / f"{self.stem}.ipynb"

    def assignment(self, lang: str) -> str:
        return f"{self.stem}_{lang}"

    def course_notebook(self, lang: str) -> Path:
        return ROOT / "course" / "source" / self.assignment(lang) / f"{self.stem}.ipynb"


def all_lessons() -> list[Lesson]:
    return [Lesson(p.stem) for p in sorted(SRC.glob("[0-9][0-9]_*.py"))]


def select(names: list[str] | None) -> list[Lesson]:
    """Lessons whose stem starts with any of ``names`` (all when empty)."""
    lessons = all_lessons()
    if not names:
        return lessons
    chosen = [lesson for lesson in lessons if any(lesson.stem.startswith(n) for n in names)]
    if not chosen:
        raise SystemExit(f"no lesson matches {names}; known: {[x.stem for x in lessons]}")
    return chosen


def helper_targets(lesson: Lesson) -> list[Path]:
    """Every folder that needs a copy of the helper modules, for one lesson."""
    dirs = [lesson.notebook(lang).parent for lang in LANGS]
    dirs += [lesson.course_notebook(lang).parent for lang in LANGS]
    return dirs
