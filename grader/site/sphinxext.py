"""The parts of the site's Sphinx set-up that depend on the language, and offline MathJax.

Why an extension rather than settings in ``conf.py``: ``conf.py`` runs before Sphinx
applies ``-D language=..``, so anything derived from the language (the site's title, the
links to the other languages' sites) is set once the configuration is complete. MathJax
comes from the ``django-static-mathjax`` package (MathJax 3.2.2's own build, no Django
needed) and only its SVG bundle is copied: SVG output needs no web fonts, which browsers
refuse to load from ``file://`` pages, and one file keeps each page's weight known.
"""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

from babel import Locale
from sphinx.application import Sphinx
from sphinx.config import Config

from grader.languages import LANGS
from grader.site.texts import label

MATHJAX_BUNDLE = "tex-svg.js"


def mathjax_source() -> Path:
    """MathJax's SVG bundle inside the installed package."""
    return Path(str(files("mathjax"))) / "static" / "mathjax" / "es5" / MATHJAX_BUNDLE


def native_name(code: str) -> str:
    """A language's name in itself ("English", "Français"), from the CLDR data via Babel."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def _configure(app: Sphinx, config: Config) -> None:
    lang = config.language
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} is not one of the course's {LANGS}")
    config.project = config.html_title = label("site_title", lang)
    config.html_context = {
        **config.html_context,
        "site_lang": lang,
        "site_languages": [(code, native_name(code)) for code in LANGS],
        "site_other_language": label("other_language", lang),
    }


def _copy_mathjax(app: Sphinx, exc: Exception | None) -> None:
    if exc is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static" / "mathjax"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(mathjax_source(), target / MATHJAX_BUNDLE)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _configure)
    app.connect("build-finished", _copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
