"""Per-student HTML feedback, in the language the student worked in.

Built with nbgrader's ``GenerateFeedback`` converter, as its API does, plus two
steps that keep hidden tests and their expected values out of the student's
hands (:mod:`grader.preprocessors.feedback`), and nbgrader's feedback template
translated label by label (:data:`LABELS`, from the catalogues of :mod:`grader.i18n`) and
its scores written by the locale, rather than forked. Its mathematics is
typeset by MathJax 3's SVG bundle inlined in the page (:data:`OFFLINE_MATH`), the copy
the website uses (``django-static-mathjax``), instead of nbgrader's MathJax 2 from a CDN:
a student opens the feedback file alone, often offline, after an LMS download, so
it can rely on no other file and no network (SVG output needs no web fonts either).
"""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

import nbgrader
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.converters import GenerateFeedback
from nbgrader.preprocessors import ClearHiddenTests, GetGrades
from nbgrader.utils import capture_log, temp_attrs
from traitlets.config import Config

from grader.course import COURSE, api, config, parse_assignment
from grader.i18n import N_, translator
from grader.languages import LANGS
from grader.preprocessors import ConciseTestErrors

NBGRADER_TEMPLATES = (
    Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
)

# nbgrader's feedback template, label by label: a piece of its text, and the English
# words in it that the catalogue translates (grader/i18n.py).
LABELS: tuple[tuple[str, str], ...] = (
    ("(Score: ", N_("Score:")),
    ("      Score: ", N_("Score:")),
    (">Test cell<", N_("Test cell")),
    (">Coding free-response<", N_("Coding free-response")),
    (">Written response<", N_("Written response")),
    (">Task<", N_("Task")),
    (">Comment<", N_("Comment")),
    ("Late submission penalty", N_("Late submission penalty")),
    ("<b>Comments:</b>", N_("Comments:")),
    ("Grade cell: ", N_("Grade cell:")),
    ("(Top)", N_("Top")),
)
# Its scores, written by the locale (``0,0 / 2,0`` in French) with Python's digits.
SCORE = "| float | round(2)"
SCORE_FORMAT = "0.0#"
NUMBER_FILTER = "course_number"


def number_filter(lang: str):
    """The template's filter for a score: ``0.5`` as the locale writes it."""
    tr = translator(lang)
    return lambda value: tr.decimal(value, SCORE_FORMAT)


MATHJAX_BUNDLE = "tex-svg.js"  # as the website (grader/site/sphinxext.py), without Sphinx


def mathjax_source() -> Path:
    """MathJax 3's SVG bundle inside the installed ``django-static-mathjax`` package."""
    return Path(str(files("mathjax"))) / "static" / "mathjax" / "es5" / MATHJAX_BUNDLE


# nbgrader's `{{ mathjax() }}` (MathJax 2 from a CDN) -> MathJax 3 inlined, from the package.
MATHJAX_CALL = "{{ mathjax() }}"
OFFLINE_MATH = (
    "<script>window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], "
    "processEscapes: true}, svg: {fontCache: 'global'}};</script>\n"
    f"{{{{ resources.include_js('{MATHJAX_BUNDLE}') }}}}"
)


def template_dir(root: Path = COURSE) -> Path:
    """nbgrader's feedback template, once per language, in ``course/.templates``."""
    base = root / ".templates"
    original = (NBGRADER_TEMPLATES / "feedback" / "index.html.j2").read_text(encoding="utf-8")
    if MATHJAX_CALL not in original:
        raise RuntimeError(f"nbgrader's feedback template changed: {MATHJAX_CALL!r} not found")
    original = original.replace(MATHJAX_CALL, OFFLINE_MATH)
    for lang in LANGS:
        text, tr = original, translator(lang)
        for piece, words in LABELS:
            if piece not in text:
                raise RuntimeError(f"nbgrader's feedback template changed: {piece!r} not found")
            text = text.replace(piece, piece.replace(words, tr.gettext(words)))
        if SCORE not in text:
            raise RuntimeError(f"nbgrader's feedback template changed: {SCORE!r} not found")
        text = text.replace(SCORE, f"{SCORE} | {NUMBER_FILTER}")
        target = base / f"feedback_{lang}"
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.html.j2").write_text(text, encoding="utf-8")
        shutil.copy(NBGRADER_TEMPLATES / "feedback" / "conf.json", target / "conf.json")
        shutil.copy(mathjax_source(), target / MATHJAX_BUNDLE)  # read by include_js
    return base


def feedback_config(lang: str, root: Path = COURSE) -> Config:
    cfg = Config()
    cfg.HTMLExporter.template_name = f"feedback_{lang}"
    cfg.HTMLExporter.extra_template_basedirs = [str(template_dir(root)), str(NBGRADER_TEMPLATES)]
    cfg.HTMLExporter.filters = {NUMBER_FILTER: number_filter(lang)}
    cfg.GenerateFeedback.preprocessors = [
        ClearHiddenTests,
        ConciseTestErrors,
        GetGrades,
        CSSHTMLHeaderPreprocessor,
    ]
    return cfg


def generate_feedback(aid: str, student: str, root: Path = COURSE) -> dict:
    """Write ``feedback/<student>/<aid>/<notebook>.html``; return nbgrader's result."""
    _, lang = parse_assignment(aid)
    grader_api = api(root, lang)
    with temp_attrs(grader_api.coursedir, assignment_id=aid, student_id=student):
        app = GenerateFeedback(coursedir=grader_api.coursedir, parent=grader_api)
        app.update_config(feedback_config(lang, root))
        app.force = True
        return capture_log(app)


def graded_pairs(assignments: list[str], root: Path = COURSE) -> list[tuple[str, str]]:
    config(root)  # a missing course root, or one under old lesson names, is said first
    pairs = []
    autograded = root / "autograded"
    if autograded.exists():
        for student in sorted(p for p in autograded.iterdir() if p.is_dir()):
            pairs += [(student.name, aid) for aid in assignments if (student / aid).is_dir()]
    return pairs
