"""The Sphinx sources of one language's site, written from the stored notebooks.

Why a generated source folder rather than pointing Sphinx at ``notebooks/<lang>/``: the
notebooks there are the instructor's, solutions included. Each page here is the student
version made by nbgrader's own preprocessors (``ClearSolutions`` with the course's stubs
in the page's language, ``ClearHiddenTests``), with the stored outputs kept, so the plots
and numbers are the ones nbval checks; the download is ``grader.release.student_version``,
the same notebook a release gives students. Files are rewritten only when their content
changes, so Sphinx rebuilds only what moved.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

from ..envspec import pip_requirements
from ..languages import CODE_STUB, TEXT_STUB
from ..lessons import HELPERS, ROOT, Lesson, all_lessons
from ..release import student_version
from .texts import LABELS, PAGES, STUDENT_PACKAGES, label

LESSON_DIR = "lessons"  # the pages
STUDENT_DIR = "student"  # the downloads (excluded from Sphinx's documents)


@dataclass(frozen=True)
class LessonInfo:
    """What the home page says of a lesson: its title and its goal, from its first cell."""

    stem: str
    title: str
    goal: str


def page_version(nb: nbformat.NotebookNode, lang: str) -> nbformat.NotebookNode:
    """The lesson as a student receives it, with the stored outputs of a complete run.

    Answer and test cells lose their outputs too: what an answer prints, or what a test
    reports about it, belongs to the student's own run.
    """
    nb = copy.deepcopy(nb)
    resources: dict = {}
    for step in (
        ClearSolutions(code_stub={"python": CODE_STUB[lang]}, text_stub=TEXT_STUB[lang]),
        ClearHiddenTests(),
    ):
        nb, resources = step.preprocess(nb, resources)
    for cell in nb.cells:
        grading = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and (grading.get("solution") or grading.get("grade")):
            cell.outputs = []
            cell.execution_count = None
    return nb


def lesson_info(nb: nbformat.NotebookNode, stem: str) -> LessonInfo:
    """Title (the first cell's heading) and goal (the paragraph after it)."""
    first = nb.cells[0].source.strip().split("\n\n")
    title = first[0].lstrip("#").strip()
    goal = " ".join(first[1].split()) if len(first) > 1 else ""
    return LessonInfo(stem, title, goal)


def _download_box(stem: str, lang: str) -> nbformat.NotebookNode:
    howto = f"[{_title(PAGES['howto'][lang])}](../howto.md)"
    helper = HELPERS[0]
    text = (
        f":::{{admonition}} {label('download_title', lang)}\n"
        ":class: tip\n\n"
        f"{{download}}`{label('download_notebook', lang)} ({stem}.ipynb) "
        f"</{STUDENT_DIR}/{stem}.ipynb>` {label('download_helper', lang)} "
        f"{{download}}`{helper} </{STUDENT_DIR}/{helper}>`.\n"
        f"{label('download_hint', lang).format(howto=howto)}\n"
        ":::"
    )
    return nbformat.v4.new_markdown_cell(text, id="site-download")


def _title(page: str) -> str:
    return page.strip().splitlines()[0].lstrip("#").strip()


def _packages() -> str:
    pins = dict(r.split("==") for r in pip_requirements(ROOT / "environment.yml"))
    return " ".join(f"{name}=={pins[name]}" for name in STUDENT_PACKAGES)  # one line: any shell


def _home(lang: str, lessons: list[LessonInfo]) -> str:
    words = {key: texts[lang] for key, texts in LABELS.items()}
    howto = f"[{_title(PAGES['howto'][lang])}](howto.md)"
    parts = [PAGES["home"][lang].format(howto=howto, count=len(lessons), **words).rstrip()]
    parts.append(f"\n## {words['lessons']}\n")
    for info in lessons:
        parts.append(f"- **[{info.title}]({LESSON_DIR}/{info.stem}.ipynb)**  \n  {info.goal}")
    toc = "\n".join(f"{LESSON_DIR}/{info.stem}" for info in lessons)
    parts.append(f"\n```{{toctree}}\n:hidden:\n:caption: {words['course']}\n\nhowto\n```")
    parts.append(f"\n```{{toctree}}\n:hidden:\n:caption: {words['lessons']}\n\n{toc}\n```\n")
    return "\n".join(parts)


def _write(path: Path, content: str | bytes) -> None:
    """Write only a changed file: Sphinx rebuilds what is newer than its last build."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_sources(lang: str, srcdir: Path, lessons: list[Lesson] | None = None) -> list[Path]:
    """Write the home page, the how-to page and every lesson of ``lang``; return them all."""
    lessons = lessons if lessons is not None else all_lessons()
    written: list[Path] = []
    infos = []
    for lesson in lessons:
        nb = nbformat.read(lesson.notebook(lang), as_version=4)
        infos.append(lesson_info(nb, lesson.stem))
        page = page_version(nb, lang)
        page.cells.insert(1, _download_box(lesson.stem, lang))
        for path, version in (
            (srcdir / LESSON_DIR / f"{lesson.stem}.ipynb", page),
            (srcdir / STUDENT_DIR / f"{lesson.stem}.ipynb", student_version(nb, lang)),
        ):
            _write(path, nbformat.writes(version) + "\n")
            written.append(path)
    for helper in HELPERS:
        path = srcdir / STUDENT_DIR / helper
        _write(path, (lessons[0].notebook(lang).parent / helper).read_bytes())
        written.append(path)
    howto = PAGES["howto"][lang].format(packages=_packages())
    for name, text in (("index.md", _home(lang, infos)), ("howto.md", howto)):
        _write(srcdir / name, text)
        written.append(srcdir / name)
    _prune(srcdir, set(written))
    return written


def _prune(srcdir: Path, keep: set[Path]) -> None:
    """Remove pages of lessons that no longer exist, so the site never shows a stale one."""
    for path in srcdir.rglob("*"):
        if path.is_file() and path not in keep and re.search(r"\.(md|ipynb|py)$", path.name):
            path.unlink()
