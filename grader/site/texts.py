"""The site's own words: everything a reader sees that neither Sphinx nor the lessons say.

Written here in English, the message ids of the grader's gettext catalogues
(:mod:`grader.i18n`; each language's text is in its ``grader.po``). Why apart: the
lessons bring their own prose (in every language, by the course's build rule), Sphinx and
the theme translate their interface through the ``language`` setting, and what is left
(the home page's introduction, the page on how to take the course, the download box) must
exist in every language of ``grader/languages.py`` too. A language added there without
these texts makes the site build stop and name what to translate (:func:`missing`), as the
lesson build does; so does a page of the guide (``docs/guide/<lang>/<name>.md``,
:mod:`grader.site.pages`) missing in one language. Placeholders in braces are filled by
:mod:`grader.site.pages`.
"""

from __future__ import annotations

from grader.i18n import N_, Text
from grader.languages import LANGS

# Short interface strings.
LABELS: dict[str, Text] = {
    "site_title": Text(N_("Regularization in deep learning")),
    "lessons": Text(N_("Lessons")),
    "course": Text(N_("The course")),
    "guide": Text(N_("Guide")),
    "download_title": Text(N_("Work on this lesson")),
    "download_notebook": Text(N_("Download the student notebook")),
    "download_helper": Text(N_("and the course's helper module")),
    "download_hint": Text(
        N_(
            "Put both files in one folder and open the notebook in JupyterLab: see {howto}. "
            "This page shows the exercises as you receive them; the figures and numbers below "
            "them are those of a complete solution."
        )
    ),
    "other_language": Text(N_("This page in another language")),
    "choose_language": Text(N_("Choose your language")),
}

# Whole pages (MyST Markdown), a message per section. The home page's lesson list is
# generated after ``home``.
PAGES: dict[str, Text] = {
    "home": Text(
        N_(
            """\
# {site_title}

A course in {count} notebooks on what keeps a neural network from learning its training
data by heart: weight penalties, weight decay, dropout, early stopping, batch
normalization, learning-rate schedules and convolutional architectures, each shown
with Keras 3 on TensorFlow, on small data sets that run in seconds on a laptop's CPU.
Every lesson ends with exercises that nbgrader grades; a closing quiz checks the whole.

Each lesson below is shown as a student receives it, with the figures and numbers of a
complete run. To work on it yourself, see {howto}.
"""
        ),
    ),
    "howto": Text(
        N_(
            """\
# How to take the course
"""
        ),
        N_(
            """\
## What you need

Python 3.11, 3.12 or 3.13 and about 2 GB of disk space; no GPU. Create an environment and
install the packages the course is checked with (TensorFlow's CPU-only build where it
exists, on Linux x86-64 and Windows; `tensorflow` on macOS and Linux aarch64):

```bash
python3 -m venv course-env          # Windows: py -m venv course-env
source course-env/bin/activate      # Windows: course-env\\Scripts\\activate
pip install {packages}
```

From a copy of the course's repository, `python3 student.py --lang en` does all of this
and opens your folder of lessons in JupyterLab (the students' guide).
"""
        ),
        N_(
            """\
## Getting a lesson

Each lesson page has a box at its top with two downloads: the **student notebook**
(`NN_name.ipynb`, the exercises without their solutions) and **`coursetools.py`**, the
course's helper module (seeds, data, plots, messages in your language). Put both in the
same folder. The data sets come with scikit-learn: nothing else is downloaded.

If your course runs on JupyterHub with nbgrader, fetch the lesson from the
*Assignments* tab instead: it arrives with the helper module.
"""
        ),
        N_(
            """\
## Working on it

Start JupyterLab in that folder and open the notebook:

```bash
jupyter lab 01_overfitting.ipynb
```

Run the cells from the top (the first one fixes the seeds so your numbers match the
ones on this site). In each exercise, replace `raise NotImplementedError()` by your
code; written answers replace *YOUR ANSWER HERE*.
"""
        ),
        N_(
            """\
## Checking your work

Each exercise is followed by a test cell: run it. Silence, or its message, means the
visible tests passed; an `AssertionError` says what is wrong. Before you hand in, use
*Kernel → Restart Kernel and Run All Cells*: a notebook that runs from the top without
an error is what gets graded. Hidden tests, run only at grading, check more cases of
the same exercise; written answers are graded by hand.
"""
        ),
        N_(
            """\
## Handing in

Upload the notebook under its own name (`01_overfitting.ipynb`) where your instructor
asks, or use *Submit* in the *Assignments* tab on JupyterHub. Do not rename it or
delete its cells: the grader matches the file and the cells by their names.
"""
        ),
    ),
}

# The packages a student installs, by name; their versions come from environment.yml.
STUDENT_PACKAGES: tuple[str, ...] = (
    "tensorflow-cpu",
    "keras",
    "numpy",
    "scikit-learn",
    "matplotlib",
    "jupyterlab",
)


class MissingTranslation(RuntimeError):
    """A language of the course lacks one of the site's texts."""


def missing(langs: tuple[str, ...] = LANGS) -> list[str]:
    """``"key (lang)"`` for every label or page that the catalogue of a ``lang`` lacks."""
    return [
        f"{key} ({lang})"
        for table in (LABELS, PAGES)
        for key, text in table.items()
        for lang in langs
        if not text.translated(lang)
    ]


def require(langs: tuple[str, ...] = LANGS) -> None:
    """Stop before building a site with a sentence in the wrong language."""
    gaps = missing(langs)
    if gaps:
        raise MissingTranslation(
            "translate these site texts (grader/site/texts.py) in the language's "
            "grader/locale/<lang>/LC_MESSAGES/grader.po, then run `make catalogues`: "
            + ", ".join(gaps)
        )


def label(key: str, lang: str) -> str:
    return LABELS[key][lang]
