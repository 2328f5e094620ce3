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

import os
from dataclasses import dataclass
from pathlib import Path

from grader.languages import LANGS


def _checkout() -> Path:
    """The folder that holds the lesson sources (``notebooks/src``).

    Why not only the package's own folder: an instructor installs the grader with
    ``pip install .`` and runs it anywhere, and a maintainer may run one checkout's
    ``make`` with another's environment; the folder a command runs in wins, then
    ``GRADER_CHECKOUT``, then the checkout the package was installed from (editable).
    """
    for candidate in (
        Path.cwd(),
        Path(os.environ["GRADER_CHECKOUT"]) if os.environ.get("GRADER_CHECKOUT") else None,
        Path(__file__).resolve().parent.parent,
    ):
        if candidate is not None and (candidate / "notebooks" / "src").is_dir():
            return candidate.resolve()
    return Path.cwd().resolve()


ROOT = _checkout()
SRC = ROOT / "notebooks" / "src"
HELPERS = ("coursetools.py",)


def course_root() -> Path:
    """The nbgrader course root: ``--course`` or ``GRADER_COURSE``, else the checkout's."""
    named = os.environ.get("GRADER_COURSE")
    return Path(named).resolve() if named else ROOT / "course"


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
        # the checkout's own course: where `grader build` writes nbgrader's sources
        return ROOT / "course" / "source" / self.assignment(lang) / f"{self.stem}.ipynb"


def all_lessons() -> list[Lesson]:
    """The lessons of the sources, or, where there are none (an installed grader), of the
    course root's nbgrader source assignments."""
    if SRC.is_dir():
        return [Lesson(p.stem) for p in sorted(SRC.glob("[0-9][0-9]_*.py"))]
    stems = {
        p.name.rpartition("_")[0]
        for p in (course_root() / "source").glob("[0-9][0-9]_*_*")
        if p.is_dir() and p.name.rpartition("_")[2] in LANGS
    }
    return [Lesson(stem) for stem in sorted(stems)]


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
