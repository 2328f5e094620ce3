"""What a built site must satisfy, checked on its files: the guide's claims, not hopes.

Why each check exists:
- ``missing_pages``: every lesson, every page of the guide (``docs/guide/<lang>/``), the
  home page, the how-to page and the search page in every language, and the same pages
  in every language (the language links rely on it);
- ``broken_links``: every internal link, image, script and stylesheet resolves (and its
  ``#anchor`` exists), and no page loads anything from the network (the site opens from
  disk, offline);
- ``leaked_solutions``: no line of an instructor solution, of a written answer's model
  text or of a hidden test, nor nbgrader's markers, appears anywhere in the published
  files, downloads included. A line also shown to students (in the prose or in a visible
  test) is not a leak; lines shorter than ``MIN_LEAK`` characters say too little to tell;
- ``undescribed_images``: every image of a lesson page has a description as its ``alt``
  text (written in the lesson source beside the plot), not a file name, so a screen
  reader says what the figure shows;
- ``page_weights``: what a browser loads for each page (the HTML, its images, scripts
  and stylesheets), to hold the budget of a few MB per page;
- ``plain_french_spacing``: the French guide's prose has the narrow no-break space of
  French typography before ``; : ! ?`` and inside « » (the build sets it; a page copied
  without it would show a plain space, which lets a line break before the colon).
Each returns a list of problems (empty when all is well) or the figures.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
from bs4 import BeautifulSoup

from grader.languages import LANGS
from grader.lessons import HELPERS, Lesson, all_lessons
from grader.preprocessors.typography import PLAIN_BEFORE_PUNCTUATION
from grader.site.pages import GUIDE_DIR, LESSON_DIR, guide_pages, page_version
from grader.site.texts import PAGES

MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
MIN_LEAK = 8
# Elements and the attribute that makes the browser fetch something or the reader follow it.
_REFS = {"a": "href", "img": "src", "script": "src", "link": "href", "iframe": "src"}
_TEXT_SUFFIXES = {".html", ".ipynb", ".py", ".js", ".txt", ".json", ".md", ".inv"}


@dataclass(frozen=True)
class PageWeight:
    page: Path
    html: int  # bytes of the page itself
    total: int  # with every image, script and stylesheet it loads


def _html_pages(out: Path) -> Iterator[Path]:
    return (p for p in sorted(out.rglob("*.html")) if "_static" not in p.parts)


@cache
def _soup(path: Path, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    """A parsed page, parsed once per version of the file."""
    return _soup(path, path.stat().st_mtime)


@cache
def _anchors(path: Path, mtime: float) -> frozenset[str]:
    tags = soup(path).find_all(lambda tag: tag.has_attr("id") or tag.has_attr("name"))
    return frozenset(tag.get("id") or tag.get("name") for tag in tags)


def missing_pages(
    out: Path,
    langs: Iterable[str] = LANGS,
    lessons: list[Lesson] | None = None,
    guide: list[str] | None = None,
):
    """``"<lang>/<page>: missing"`` for every expected page a language lacks, and every
    page one language has and another does not. ``guide``: the guide's page names (by
    default every name of ``docs/guide/<lang>/``, in any language)."""
    lessons = lessons if lessons is not None else all_lessons()
    guide = guide if guide is not None else guide_pages()
    langs = list(langs)
    problems = []
    expected = ["index.html", "howto.html", "search.html"]
    expected += [f"{LESSON_DIR}/{x.stem}.html" for x in lessons]
    expected += [f"{GUIDE_DIR}/{name}.html" for name in guide]
    for lang in langs:
        problems += [
            f"{lang}/{page}: missing" for page in expected if not (out / lang / page).is_file()
        ]
    if not (out / "index.html").is_file():
        problems.append("index.html (the language chooser): missing")
    structures = {
        lang: {p.relative_to(out / lang).as_posix() for p in _html_pages(out / lang)}
        for lang in langs
    }
    for lang in langs[1:]:
        for page in sorted(structures[langs[0]] ^ structures[lang]):
            where = langs[0] if page in structures[langs[0]] else lang
            problems.append(f"{page}: only in the {where} site")
    return problems


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme != "file") or url.startswith("//")


def broken_links(out: Path) -> list[str]:
    """Internal references that do not resolve, and anything fetched from the network."""
    problems = []
    for page in _html_pages(out):
        where = page.relative_to(out).as_posix()
        for tag, attr in _REFS.items():
            for element in soup(page).find_all(tag):
                url = element.get(attr)
                if not url or url.startswith(("mailto:", "javascript:", "data:")):
                    continue
                if _is_external(url):
                    if tag != "a":  # a reader may follow a link; a page must not fetch
                        problems.append(f"{where}: <{tag}> loads {url} from the network")
                    continue
                problem = _resolve(page, url)
                if problem:
                    problems.append(f"{where}: <{tag} {attr}={url!r}> {problem}")
    return problems


def _resolve(page: Path, url: str) -> str | None:
    parts = urlsplit(url)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "points to a missing file"
    if parts.fragment and target.suffix == ".html":
        if unquote(parts.fragment) not in _anchors(target, target.stat().st_mtime):
            return f"points to a missing anchor #{parts.fragment}"
    return None


def page_weights(out: Path) -> list[PageWeight]:
    weights = []
    for page in _html_pages(out):
        loaded = {page.resolve()}
        for tag in ("img", "script", "link"):
            for element in soup(page).find_all(tag):
                url = element.get(_REFS[tag])
                if tag == "link" and "stylesheet" not in (element.get("rel") or []):
                    continue
                if url and not _is_external(url) and not url.startswith("data:"):
                    target = (page.parent / unquote(urlsplit(url).path)).resolve()
                    if target.is_file():
                        loaded.add(target)
        weights.append(PageWeight(page, page.stat().st_size, sum(p.stat().st_size for p in loaded)))
    return weights


# --- solutions -------------------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(text.split())


def _between(lines: list[str], begin: str, end: str) -> list[str]:
    kept, inside = [], False
    for line in lines:
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            kept.append(line)
    return kept


def hidden_lines(nb: nbformat.NotebookNode) -> list[str]:
    """Every line of the instructor's solutions, model answers and hidden tests."""
    hidden = []
    for cell in nb.cells:
        grading = cell.metadata.get("nbgrader", {})
        lines = cell.source.splitlines()
        if grading.get("solution"):
            marked = cell.cell_type == "code" and any("BEGIN SOLUTION" in x for x in lines)
            hidden += _between(lines, "BEGIN SOLUTION", "END SOLUTION") if marked else lines
        if cell.cell_type == "code" and grading.get("grade"):
            hidden += _between(lines, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    return hidden


def _notebook_text(nb: dict) -> str:
    chunks = []
    for cell in nb.get("cells", []):
        chunks.append("".join(cell.get("source", "")))
        for output in cell.get("outputs", []):
            chunks.append("".join(output.get("text", "")))
            for value in output.get("data", {}).values():
                chunks.append("".join(value) if isinstance(value, list) else str(value))
    return "\n".join(chunks)


def leak_needles(lang: str, lessons: list[Lesson] | None = None) -> list[str]:
    """The texts that must not be published in ``lang``: nbgrader's markers, and each
    hidden line that students see anyway neither in a lesson's student version, nor in
    the site's own pages, nor in the helper module they download."""
    lessons = lessons if lessons is not None else all_lessons()
    notebooks = [nbformat.read(x.notebook(lang), as_version=4) for x in lessons]
    helpers = [lessons[0].notebook(lang).parent / name for name in HELPERS]
    shown = _normal(
        "\n".join(_notebook_text(page_version(nb, lang)) for nb in notebooks)
        + "\n".join(page[lang] for page in PAGES.values())
        + "\n".join(path.read_text(encoding="utf-8") for path in helpers)
    )
    needles = {_normal(line) for nb in notebooks for line in hidden_lines(nb) if _normal(line)}
    kept = sorted(n for n in needles if len(n) >= MIN_LEAK and n not in shown)
    return list(MARKERS) + kept


def _published_text(path: Path) -> str:
    if path.suffix == ".html":
        return soup(path).get_text("")
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        return _notebook_text(json.loads(text))
    return text


def leaked_solutions(
    out: Path, langs: Iterable[str] = LANGS, lessons: list[Lesson] | None = None
) -> list[str]:
    """``"<file>: <text>"`` for every hidden text found in a published file.

    Every text file counts (pages, downloads, the search index), except ``_static/``,
    which holds the theme's and MathJax's own files, copied from their packages. The
    guide's pages are searched for every hidden line but not for nbgrader's markers,
    which the authors' guide names to explain how a lesson is written.
    """
    problems = []
    for lang in langs:
        needles = leak_needles(lang, lessons)
        for path in sorted((out / lang).rglob("*")):
            if not path.is_file() or path.suffix not in _TEXT_SUFFIXES:
                continue
            parts = path.relative_to(out / lang).parts
            if "_static" in parts:
                continue
            text = _normal(_published_text(path))
            where = path.relative_to(out).as_posix()
            searched = needles[len(MARKERS) :] if parts[0] == GUIDE_DIR else needles
            problems += [f"{where}: {n!r}" for n in searched if n in text]
    return problems


# A few MB per page: the largest lesson with MathJax and the theme's scripts (about 2 and
# 1.6 MB, loaded once and then cached) stays under the first figure.
MAX_PAGE_BYTES = 5_000_000
MAX_HTML_BYTES = 1_000_000


def overweight(out: Path) -> list[str]:
    return [
        f"{w.page.relative_to(out).as_posix()}: {w.html:,} bytes of HTML, {w.total:,} loaded"
        for w in page_weights(out)
        if w.total > MAX_PAGE_BYTES or w.html > MAX_HTML_BYTES
    ]


MIN_ALT_WORDS = 8


def undescribed_images(out: Path) -> list[str]:
    found = []
    for page in _html_pages(out):
        if LESSON_DIR not in page.parts:
            continue
        for img in soup(page).find_all("img"):
            alt = (img.get("alt") or "").strip()
            if len(alt.split()) < MIN_ALT_WORDS or alt.endswith((".png", ".svg", ".jpg")):
                found.append(
                    f"{page.relative_to(out).as_posix()}: image {img.get('src')} "
                    f"without a description (alt={alt!r})"
                )
    return found


def plain_french_spacing(out: Path) -> list[str]:
    """``"<page>: '...context...'"`` for every plain space before ``; : ! ?`` (or inside
    « ») in the prose of the French guide's pages; code is left alone, as the build does."""
    found = []
    for page in sorted((out / "fr" / GUIDE_DIR).glob("*.html")):
        article = copy.copy(soup(page).select_one("article") or soup(page))
        for code in article.select("pre, code, .highlight"):
            code.decompose()
        # plain whitespace only: str.split() would take the narrow no-break space too
        text = re.sub(r"[ \t\r\n]+", " ", article.get_text(""))
        where = page.relative_to(out).as_posix()
        found += [
            f"{where}: {text[max(0, m.start() - 30) : m.end() + 10]!r}"
            for m in PLAIN_BEFORE_PUNCTUATION.finditer(text)
        ]
    return found


def problems(out: Path, langs: Iterable[str] = LANGS, lessons: list[Lesson] | None = None):
    """Every check at once, for ``grader site``."""
    langs = list(langs)
    return (
        missing_pages(out, langs, lessons)
        + broken_links(out)
        + leaked_solutions(out, langs, lessons)
        + undescribed_images(out)
        + overweight(out)
        + (plain_french_spacing(out) if "fr" in langs else [])
    )
