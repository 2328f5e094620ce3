"""The Sphinx sources of one language's site, written from the stored notebooks.

Why a generated source folder rather than pointing Sphinx at ``notebooks/<lang>/``: the
notebooks there are the instructor's, solutions included. Each page here is the student
version made by nbgrader's own preprocessors (``ClearSolutions`` with the course's stubs
in the page's language, ``ClearHiddenTests``), with the stored outputs kept, so the plots
and numbers are the ones nbval checks; the download is ``grader.authoring.release.student_version``,
the same notebook a release gives students. The guide (``docs/guide/<lang>/*.md``, the
same file names in every language) is copied as it is written, into ``guide/``, with French
typography set by the build (:func:`grader.preprocessors.typography.french_markdown`), so
its authors type plain spaces. Files are rewritten only when their content changes, so
Sphinx rebuilds only what moved.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

from grader.authoring.release import student_version
from grader.languages import CODE_STUB, LANGS, TEXT_STUB
from grader.lessons import HELPERS, ROOT, Lesson, all_lessons
from grader.preprocessors.typography import french_markdown
from grader.site.texts import LABELS, PAGES, STUDENT_PACKAGES, label
from grader.student.laptop import requirements

LESSON_DIR = "lessons"  # the pages
STUDENT_DIR = "student"  # the downloads (excluded from Sphinx's documents)
GUIDE_DIR = "guide"  # the guide's pages, in each site
GUIDE_SOURCES = ROOT / "docs" / "guide"  # docs/guide/<lang>/<name>.md
# The guide's reading order; a page not named here comes after these, by name.
GUIDE_ORDER = ("students", "instructors", "authors", "commands", "benchmarks")
# An image of a guide page, written relative to the Markdown file (``../../x.png``, so
# that it shows on GitHub too); the site gets a copy beside the page, in guide/img/.
_GUIDE_IMAGE = re.compile(r"(!\[[^\]]*\]\()([^)\s]+)\)")


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
    # ASCII whitespace only: str.split() would also take French's narrow no-break spaces
    goal = re.sub(r"[ \t\r\n]+", " ", first[1]).strip() if len(first) > 1 else ""
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
    """One line for any shell (bash, zsh, PowerShell, cmd): the pins, TensorFlow's two
    builds in double quotes with their platform markers (grader.student.laptop)."""
    chosen = set(STUDENT_PACKAGES) | {"tensorflow"}
    reqs = [r for r in requirements() if re.split(r"[=;]", r)[0] in chosen]
    quoted = ['"' + r.replace('"', "'") + '"' if ";" in r else r for r in reqs]
    return " ".join(quoted)


def guide_pages(root: Path = GUIDE_SOURCES, langs: tuple[str, ...] = LANGS) -> list[str]:
    """The guide's page names (file stems), in reading order: every name any language has."""
    names = {path.stem for lang in langs for path in (root / lang).glob("*.md")}
    rank = {name: i for i, name in enumerate(GUIDE_ORDER)}
    return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))


def guide_gaps(root: Path = GUIDE_SOURCES, langs: tuple[str, ...] = LANGS) -> list[str]:
    """``"<lang>/<name>.md"`` for every guide page that one language has and another lacks."""
    return [
        f"{lang}/{name}.md"
        for name in guide_pages(root, langs)
        for lang in langs
        if not (root / lang / f"{name}.md").is_file()
    ]


def guide_page(path: Path, lang: str, srcdir: Path) -> tuple[str, list[Path]]:
    """A guide page as the site shows it, and the images it needs, copied into ``srcdir``.

    French pages get the narrow no-break spaces of French typography here, outside code,
    maths and link targets, as the lessons' French prose does.
    """
    images: list[Path] = []

    def local_image(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"[a-z]+:", target):  # a URL: broken_links reports it
            return match.group(0)
        source = (path.parent / target).resolve()
        copy = srcdir / GUIDE_DIR / "img" / source.name
        _write(copy, source.read_bytes())
        images.append(copy)
        return f"{match.group(1)}img/{source.name})"

    text = _GUIDE_IMAGE.sub(local_image, path.read_text(encoding="utf-8"))
    if lang == "fr":
        text = french_markdown(text)
    return text, images


def _home(lang: str, lessons: list[LessonInfo], guide: list[tuple[str, str]]) -> str:
    words = {key: texts[lang] for key, texts in LABELS.items()}
    howto = f"[{_title(PAGES['howto'][lang])}](howto.md)"
    parts = [PAGES["home"][lang].format(howto=howto, count=len(lessons), **words).rstrip()]
    parts.append(f"\n## {words['lessons']}\n")
    for info in lessons:
        parts.append(f"- **[{info.title}]({LESSON_DIR}/{info.stem}.ipynb)**  \n  {info.goal}")
    if guide:
        parts.append(f"\n## {words['guide']}\n")
        parts += [f"- [{title}]({GUIDE_DIR}/{name}.md)" for name, title in guide]
    toc = "\n".join(f"{LESSON_DIR}/{info.stem}" for info in lessons)
    parts.append(f"\n```{{toctree}}\n:hidden:\n:caption: {words['course']}\n\nhowto\n```")
    parts.append(f"\n```{{toctree}}\n:hidden:\n:caption: {words['lessons']}\n\n{toc}\n```")
    if guide:
        pages = "\n".join(f"{GUIDE_DIR}/{name}" for name, _ in guide)
        parts.append(f"\n```{{toctree}}\n:hidden:\n:caption: {words['guide']}\n\n{pages}\n```")
    return "\n".join(parts) + "\n"


def _write(path: Path, content: str | bytes) -> None:
    """Write only a changed file: Sphinx rebuilds what is newer than its last build."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_sources(
    lang: str, srcdir: Path, lessons: list[Lesson] | None = None, guide: Path = GUIDE_SOURCES
) -> list[Path]:
    """Write the home page, the how-to page, every lesson and every guide page of ``lang``
    (the guide's sources are in ``guide/<lang>/``); return them all."""
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
    titles = []
    for name in guide_pages(guide):
        text, images = guide_page(guide / lang / f"{name}.md", lang, srcdir)
        titles.append((name, _title(text)))
        _write(srcdir / GUIDE_DIR / f"{name}.md", text)
        written += [srcdir / GUIDE_DIR / f"{name}.md", *images]
    howto = PAGES["howto"][lang].format(packages=_packages())
    for name, text in (("index.md", _home(lang, infos, titles)), ("howto.md", howto)):
        _write(srcdir / name, text)
        written.append(srcdir / name)
    _prune(srcdir, set(written))
    return written


def _prune(srcdir: Path, keep: set[Path]) -> None:
    """Remove pages of lessons that no longer exist, so the site never shows a stale one."""
    for path in srcdir.rglob("*"):
        if path.is_file() and path not in keep and re.search(r"\.(md|ipynb|py)$", path.name):
            path.unlink()
