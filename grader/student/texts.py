"""Every sentence a student reads from ``grader student``, in every course language.

Kept apart from the code so that a new language is one column here (the test
``test_student_texts_exist_in_every_language`` names what is missing), like the lessons'
``_(en=..., fr=...)`` and the site's texts.
"""

from __future__ import annotations

from ..languages import LANGS

TEXTS: dict[str, dict[str, str]] = {
    "added": {
        "en": "added      {path}",
        "fr": "ajouté     {path}",
    },
    "updated": {
        "en": "updated    {path} (you had not changed it)",
        "fr": "mis à jour {path} (vous ne l'aviez pas modifié)",
    },
    "yours": {
        "en": "left alone {path}: it holds your work",
        "fr": "conservé   {path}\u202f: il contient votre travail",
    },
    "left_alone_new": {
        "en": "left alone {path}: it holds your work; the corrected lesson is beside it, {new}",
        "fr": "conservé   {path}\u202f: il contient votre travail\u202f; "
        "la leçon corrigée est à côté, {new}",
    },
    "summary": {
        "en": "{folder}: {n} lessons in English ({added} files added, {updated} updated, "
        "{kept} left alone, {same} unchanged). No solutions here; your answers are never "
        "overwritten.",
        "fr": "{folder}\u202f: {n} leçons en français ({added} fichiers ajoutés, "
        "{updated} mis à jour, {kept} conservés, {same} inchangés). "
        "Aucune solution ici\u202f; vos réponses ne sont jamais écrasées.",
    },
    "from_exchange": {
        "en": "Your lessons come from the course's exchange: Nbgrader > Assignment List, "
        "Fetch; Submit there when you are done.",
        "fr": "Vos leçons viennent de l'échange du cours\u202f: Nbgrader > Assignment List, "
        "Fetch\u202f; rendez-les au même endroit (Submit) une fois terminées.",
    },
    "other_language": {
        "en": "{folder} is a workspace in {other}: choose another folder (--dir) for English.",
        "fr": "{folder} est un espace de travail en {other}\u202f: choisissez un autre dossier "
        "(--dir) pour le français.",
    },
    "inside_repository": {
        "en": "{folder} is inside the course's repository: your work would mix with its "
        "tracked files. Choose a folder outside it, e.g. ~/regularization-course.",
        "fr": "{folder} est dans le dépôt du cours\u202f: votre travail s'y mêlerait à ses "
        "fichiers suivis. Choisissez un dossier en dehors, par exemple ~/regularization-course.",
    },
    "port_busy": {
        "en": "Port {port} is already in use (another JupyterLab?): stop it, or choose "
        "another port with --port.",
        "fr": "Le port {port} est déjà utilisé (un autre JupyterLab\u202f?)\u202f: arrêtez-le, ou "
        "choisissez un autre port avec --port.",
    },
    "opening": {
        "en": "Opening JupyterLab in English on {folder} (Ctrl+C here to stop it). "
        "Check your work with the Validate button of each notebook.",
        "fr": "Ouverture de JupyterLab en français sur {folder} (Ctrl+C ici pour l'arrêter). "
        "Vérifiez votre travail avec le bouton Validate de chaque notebook.",
    },
    # student.py, the set-up on a laptop (grader/student/laptop.py)
    "python_unsupported": {
        "en": "This is Python {version}: the course needs Python 3.11, 3.12 or 3.13 "
        "(TensorFlow 2.21 exists for no other). Install one from python.org and run "
        "student.py with it.",
        "fr": "Ceci est Python {version}\u202f: le cours demande Python 3.11, 3.12 ou 3.13 "
        "(TensorFlow 2.21 n'existe pour aucun autre). Installez-en un depuis python.org et "
        "lancez student.py avec lui.",
    },
    "platform_unsupported": {
        "en": "TensorFlow 2.21 has no package for {system} on {machine}: the course runs on "
        "Linux (x86-64 or aarch64), macOS on Apple silicon (arm64) and Windows x86-64. Work on "
        "the course's JupyterHub, or on one of those machines.",
        "fr": "TensorFlow 2.21 n'a pas de paquet pour {system} sur {machine}\u202f: le cours "
        "fonctionne sous Linux (x86-64 ou aarch64), macOS sur puce Apple (arm64) et Windows "
        "x86-64. Travaillez sur le JupyterHub du cours, ou sur l'une de ces machines.",
    },
    "path_too_long": {
        "en": "Windows limits a path to 260 characters, and one of TensorFlow's files would "
        "need {length} in {env}. Choose a shorter folder for the environment, e.g. "
        "py student.py --env C:\\course-env, or have long paths enabled (LongPathsEnabled, "
        "administrator rights).",
        "fr": "Windows limite un chemin à 260 caractères, et l'un des fichiers de TensorFlow "
        "en demanderait {length} dans {env}. Choisissez un dossier plus court pour "
        "l'environnement, par exemple py student.py --env C:\\course-env, ou faites activer "
        "les chemins longs (LongPathsEnabled, droits d'administrateur).",
    },
    "installing": {
        "en": "Installing the course's packages into {env} with pip: once, about 2 GB on "
        "disk, a few minutes. Later runs start at once, offline.",
        "fr": "Installation des paquets du cours dans {env} avec pip\u202f: une seule fois, "
        "environ 2 Go sur le disque, quelques minutes. Les fois suivantes démarrent tout de "
        "suite, hors ligne.",
    },
    "install_failed": {
        "en": "pip could not install the course's packages (its message is above). Check "
        "your connection, then run the same command again: it resumes.",
        "fr": "pip n'a pas pu installer les paquets du cours (son message est au-dessus). "
        "Vérifiez votre connexion, puis relancez la même commande\u202f: elle reprend.",
    },
    # nbgrader's Validate, in the workspace's nbgrader_config.py
    "cell_timeout": {
        "en": "CellTimeoutError: this cell was stopped after {seconds} s without finishing "
        "(the course's cells take a few seconds). Look for a loop that never ends.",
        "fr": "CellTimeoutError\u202f: cette cellule a été arrêtée après {seconds} s sans avoir "
        "fini (les cellules du cours prennent quelques secondes). Cherchez une boucle qui "
        "ne s'arrête jamais.",
    },
    "failed_warning": {
        "en": "VALIDATION FAILED ON {num_failed} CELL(S)! If you submit your assignment as it "
        "is, you WILL NOT receive full credit.\n",
        "fr": "LA VALIDATION A ÉCHOUÉ SUR {num_failed} CELLULE(S)\u202f! Si vous rendez le devoir "
        "tel quel, vous N'AUREZ PAS tous les points.\n",
    },
    "changed_warning": {
        "en": "THE CONTENTS OF {num_changed} TEST CELL(S) HAVE CHANGED! This might mean that "
        "even though the tests are passing now, they won't pass when your assignment is "
        "graded.\n",
        "fr": "LE CONTENU DE {num_changed} CELLULE(S) DE TEST A CHANGÉ\u202f! Même si les tests "
        "passent maintenant, ils risquent d'échouer à la correction.\n",
    },
    "type_changed_warning": {
        "en": "THE TYPES OF {num_changed} CELL(S) HAVE CHANGED! This might mean that even "
        "though the tests are passing now, they won't pass when your assignment is graded.\n",
        "fr": "LE TYPE DE {num_changed} CELLULE(S) A CHANGÉ\u202f! Même si les tests passent "
        "maintenant, ils risquent d'échouer à la correction.\n",
    },
}

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "fr": "French"},
    "fr": {"en": "anglais", "fr": "français"},
}


def text(key: str, lang: str, **values: object) -> str:
    """The sentence ``key`` in ``lang``, filled in."""
    return TEXTS[key][lang].format(**values)


def missing(langs: tuple[str, ...] = LANGS) -> list[str]:
    """Sentences without a translation, as ``key (lang)``."""
    gaps = [f"{key} ({lang})" for key, row in TEXTS.items() for lang in langs if lang not in row]
    gaps += [f"language name ({lang})" for lang in langs if lang not in LANGUAGE_NAMES]
    return gaps
