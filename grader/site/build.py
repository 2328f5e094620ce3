"""Build every language's site: write its sources, run Sphinx, add the language chooser.

Why one Sphinx run per language, in parallel processes: Sphinx builds one language per
project (its ``language`` setting drives the interface's translation and the search
stemmer), and the machine has two cores. Any Sphinx warning fails the build (``-W``,
with ``--keep-going`` so that all of them are reported at once): a warning here is a
broken reference, an unknown role, a notebook Sphinx could not read.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from grader.languages import LANGS
from grader.lessons import ROOT, Lesson, all_lessons
from grader.site.pages import GUIDE_SOURCES, guide_gaps, write_sources
from grader.site.sphinxext import native_name
from grader.site.texts import MissingTranslation, label, require

CONF_DIR = Path(__file__).resolve().parent
OUT = ROOT / "build" / "site"  # what is published
WORK = ROOT / "build" / "site-work"  # generated sources and Sphinx's caches


class SiteBuildError(RuntimeError):
    """Sphinx failed or warned; the message holds its warnings."""


@dataclass
class LanguageBuild:
    lang: str
    seconds: float
    warnings: str


def sphinx_command(lang: str, srcdir: Path, outdir: Path, work: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-W",
        "--keep-going",
        "-c",
        str(CONF_DIR),
        "-D",
        f"language={lang}",
        "-d",
        str(work / "doctrees" / lang),
        "-w",
        str(work / f"warnings-{lang}.txt"),
        str(srcdir),
        str(outdir),
    ]


def build_site(
    out: Path = OUT,
    work: Path = WORK,
    langs: tuple[str, ...] = LANGS,
    lessons: list[Lesson] | None = None,
    fresh: bool = False,
    guide: Path = GUIDE_SOURCES,
) -> list[LanguageBuild]:
    """Build ``out/<lang>/`` for every language and ``out/index.html``; raise on any warning.

    ``fresh`` forgets Sphinx's caches and the previous output (a full rebuild). ``guide``
    holds the guide's pages, ``<lang>/<name>.md``: one missing in a language stops the
    build before anything is written, as a missing site text does.
    """
    require(langs)
    gaps = guide_gaps(guide, langs)
    if gaps:
        raise MissingTranslation(f"write these guide pages in {guide}/: " + ", ".join(gaps))
    lessons = lessons if lessons is not None else all_lessons()
    out, work = out.resolve(), work.resolve()
    if fresh:
        for path in (out, work):
            shutil.rmtree(path, ignore_errors=True)
    running = []
    for lang in langs:
        srcdir = work / "src" / lang
        write_sources(lang, srcdir, lessons, guide)
        (work / "doctrees").mkdir(parents=True, exist_ok=True)
        cmd = sphinx_command(lang, srcdir, _html_dir(work, lang), work)
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        running.append((lang, proc, time.perf_counter()))
    results, failed = [], []
    for lang, proc, start in running:
        output, _ = proc.communicate()
        seconds = time.perf_counter() - start
        warnings = (work / f"warnings-{lang}.txt").read_text(encoding="utf-8").strip()
        results.append(LanguageBuild(lang, seconds, warnings))
        if proc.returncode or warnings:
            failed.append(f"[{lang}] exit {proc.returncode}\n{warnings or output}")
    if failed:
        raise SiteBuildError("\n".join(failed))
    for lang in langs:
        shutil.rmtree(out / lang, ignore_errors=True)
        shutil.copytree(_html_dir(work, lang), out / lang, ignore=_UNPUBLISHED)
    (out / "index.html").write_text(chooser(langs), encoding="utf-8")
    (out / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: keep _static/
    return results


# Sphinx's bookkeeping, not part of the site (html_copy_source is off: _sources is empty).
_UNPUBLISHED = shutil.ignore_patterns(".buildinfo", "_sources")


def _html_dir(work: Path, lang: str) -> Path:
    """Sphinx's output for one language, in a folder of its own: MyST-NB writes the images
    it extracts into the output folder's parent (``jupyter_execute/``), which must be
    neither shared by two languages building at once nor published."""
    return work / lang / "html"


def chooser(langs: tuple[str, ...]) -> str:
    """The site's root page: each language's site, named in its own language."""
    items = "\n".join(
        f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
        f"{html.escape(native_name(code))} — {html.escape(label('site_title', code))}</a></li>"
        for code in langs
    )
    title = " / ".join(html.escape(label("site_title", code)) for code in langs)
    prompt = " / ".join(html.escape(label("choose_language", code)) for code in langs)
    return f"""<!DOCTYPE html>
<html lang="{langs[0]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body {{ font-family: sans-serif; max-width: 40em; margin: 4em auto; padding: 0 1em; }}
li {{ margin: 0.6em 0; font-size: 1.2em; }}</style>
</head>
<body>
<h1>{title}</h1>
<p>{prompt}</p>
<ul>
{items}
</ul>
</body>
</html>
"""
