"""The site's own words: everything a reader sees that neither Sphinx nor the lessons say.

Why here, in one table per text: the lessons bring their own prose (in every language, by
the course's build rule), Sphinx and the theme translate their interface through the
``language`` setting, and what is left (the home page's introduction, the page on how to
take the course, the download box) must exist in every language of
``grader/languages.py`` too. A language added there without these texts makes the site
build stop and name what to translate (:func:`missing`), as the lesson build does; so does
a page of the guide (``docs/guide/<lang>/<name>.md``, :mod:`grader.site.pages`) missing in
one language. Placeholders in braces are filled by :mod:`grader.site.pages`.
"""

from __future__ import annotations

from ..languages import LANGS

# Short interface strings.
LABELS: dict[str, dict[str, str]] = {
    "site_title": {
        "en": "Regularization in deep learning",
        "fr": "La régularisation en apprentissage profond",
    },
    "lessons": {"en": "Lessons", "fr": "Leçons"},
    "course": {"en": "The course", "fr": "Le cours"},
    "guide": {"en": "Guide", "fr": "Guide"},
    "download_title": {
        "en": "Work on this lesson",
        "fr": "Travailler sur cette leçon",
    },
    "download_notebook": {
        "en": "Download the student notebook",
        "fr": "Télécharger le notebook de l'étudiant",
    },
    "download_helper": {
        "en": "and the course's helper module",
        "fr": "et le module d'aide du cours",
    },
    "download_hint": {
        "en": "Put both files in one folder and open the notebook in JupyterLab: see {howto}. "
        "This page shows the exercises as you receive them; the figures and numbers below "
        "them are those of a complete solution.",
        "fr": "Placez les deux fichiers dans un même dossier et ouvrez le notebook dans "
        "JupyterLab\u202f: voir {howto}. Cette page montre les exercices tels que vous les "
        "recevez\u202f; les figures et les nombres qui les suivent sont ceux d'une solution "
        "complète.",
    },
    "other_language": {
        "en": "This page in another language",
        "fr": "Cette page dans une autre langue",
    },
    "choose_language": {
        "en": "Choose your language",
        "fr": "Choisissez votre langue",
    },
}

# Whole pages (MyST Markdown). The home page's lesson list is generated after ``home``.
PAGES: dict[str, dict[str, str]] = {
    "home": {
        "en": """\
# {site_title}

A course in {count} notebooks on what keeps a neural network from learning its training
data by heart: weight penalties, weight decay, dropout, early stopping, batch
normalization, learning-rate schedules and convolutional architectures, each shown
with Keras 3 on TensorFlow, on small data sets that run in seconds on a laptop's CPU.
Every lesson ends with exercises that nbgrader grades; a closing quiz checks the whole.

Each lesson below is shown as a student receives it, with the figures and numbers of a
complete run. To work on it yourself, see {howto}.
""",
        "fr": """\
# {site_title}

Un cours en {count} notebooks sur ce qui empêche un réseau de neurones d'apprendre par cœur
ses données d'entraînement\u202f: pénalités sur les poids, décroissance des poids (*weight
decay*), dropout, arrêt précoce, normalisation par lots, programmes de taux
d'apprentissage et architectures convolutives, chacun montré avec Keras 3 sur
TensorFlow, sur de petits jeux de données qui tournent en quelques secondes sur le
processeur d'un ordinateur portable. Chaque leçon se termine par des exercices notés par
nbgrader\u202f; un quiz final vérifie l'ensemble.

Chaque leçon ci-dessous est montrée telle qu'un étudiant la reçoit, avec les figures et
les nombres d'une exécution complète. Pour y travailler vous-même, voir {howto}.
""",
    },
    "howto": {
        "en": """\
# How to take the course

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

## Getting a lesson

Each lesson page has a box at its top with two downloads: the **student notebook**
(`NN_name.ipynb`, the exercises without their solutions) and **`coursetools.py`**, the
course's helper module (seeds, data, plots, messages in your language). Put both in the
same folder. The data sets come with scikit-learn: nothing else is downloaded.

If your course runs on JupyterHub with nbgrader, fetch the lesson from the
*Assignments* tab instead: it arrives with the helper module.

## Working on it

Start JupyterLab in that folder and open the notebook:

```bash
jupyter lab 01_overfitting.ipynb
```

Run the cells from the top (the first one fixes the seeds so your numbers match the
ones on this site). In each exercise, replace `raise NotImplementedError()` by your
code; written answers replace *YOUR ANSWER HERE*.

## Checking your work

Each exercise is followed by a test cell: run it. Silence, or its message, means the
visible tests passed; an `AssertionError` says what is wrong. Before you hand in, use
*Kernel → Restart Kernel and Run All Cells*: a notebook that runs from the top without
an error is what gets graded. Hidden tests, run only at grading, check more cases of
the same exercise; written answers are graded by hand.

## Handing in

Upload the notebook under its own name (`01_overfitting.ipynb`) where your instructor
asks, or use *Submit* in the *Assignments* tab on JupyterHub. Do not rename it or
delete its cells: the grader matches the file and the cells by their names.
""",
        "fr": """\
# Comment suivre le cours

## Ce qu'il faut

Python 3.11, 3.12 ou 3.13 et environ 2 Go d'espace disque\u202f; pas de GPU. Créez un
environnement et installez les paquets avec lesquels le cours est vérifié (la version de
TensorFlow sans carte graphique là où elle existe, sous Linux x86-64 et Windows\u202f;
`tensorflow` sous macOS et Linux aarch64)\u202f:

```bash
python3 -m venv course-env          # Windows\u202f: py -m venv course-env
source course-env/bin/activate      # Windows\u202f: course-env\\Scripts\\activate
pip install {packages}
```

Depuis une copie du dépôt du cours, `python3 student.py --lang fr` fait tout cela et ouvre
votre dossier de leçons dans JupyterLab (le guide de l'étudiant).

## Obtenir une leçon

Chaque page de leçon commence par un encadré avec deux téléchargements\u202f: le **notebook
de l'étudiant** (`NN_nom.ipynb`, les exercices sans leurs solutions) et
**`coursetools.py`**, le module d'aide du cours (graines, données, graphiques, messages
dans votre langue). Placez-les dans le même dossier. Les jeux de données sont fournis
avec scikit-learn\u202f: rien d'autre n'est téléchargé.

Si votre cours utilise JupyterHub avec nbgrader, récupérez plutôt la leçon dans l'onglet
*Assignments*\u202f: elle arrive avec le module d'aide.

## Travailler

Lancez JupyterLab dans ce dossier et ouvrez le notebook\u202f:

```bash
jupyter lab 01_overfitting.ipynb
```

Exécutez les cellules depuis le début (la première fixe les graines, pour que vos
nombres soient ceux de ce site). Dans chaque exercice, remplacez
`raise NotImplementedError()` par votre code\u202f; les réponses rédigées remplacent
*VOTRE RÉPONSE ICI*.

## Vérifier son travail

Chaque exercice est suivi d'une cellule de tests\u202f: exécutez-la. Le silence, ou son
message, signifie que les tests visibles passent\u202f; une `AssertionError` dit ce qui ne va
pas. Avant de rendre, utilisez *Kernel → Restart Kernel and Run All Cells*\u202f: c'est un
notebook qui s'exécute du début à la fin sans erreur qui est noté. Des tests cachés,
exécutés seulement à la notation, vérifient d'autres cas du même exercice\u202f; les réponses
rédigées sont notées à la main.

## Rendre

Déposez le notebook sous son propre nom (`01_overfitting.ipynb`) là où votre enseignant
le demande, ou utilisez *Submit* dans l'onglet *Assignments* sur JupyterHub. Ne le
renommez pas et n'en supprimez pas de cellule\u202f: le correcteur reconnaît le fichier et
les cellules à leur nom.
""",
    },
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
    """``"key (lang)"`` for every label or page not written in one of ``langs``."""
    return [
        f"{key} ({lang})"
        for table in (LABELS, PAGES)
        for key, texts in table.items()
        for lang in langs
        if not texts.get(lang, "").strip()
    ]


def require(langs: tuple[str, ...] = LANGS) -> None:
    """Stop before building a site with a sentence in the wrong language."""
    gaps = missing(langs)
    if gaps:
        raise MissingTranslation(
            "translate these site texts in grader/site/texts.py: " + ", ".join(gaps)
        )


def label(key: str, lang: str) -> str:
    return LABELS[key][lang]
