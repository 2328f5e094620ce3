"""Every sentence a student reads from ``grader student``, in every course language.

Written here in English, the message ids of the grader's gettext catalogues
(:mod:`grader.i18n`), kept apart from the code so that a new language is one ``grader.po``
(the test ``test_student_texts_exist_in_every_language`` names what is missing), like the
lessons' ``_(en=..., fr=...)`` and the site's texts.
"""

from __future__ import annotations

from grader.i18n import N_, translated, translator
from grader.languages import LANGS

TEXTS: dict[str, str] = {
    "added": N_("added      {path}"),
    "updated": N_("updated    {path} (you had not changed it)"),
    "yours": N_("left alone {path}: it holds your work"),
    "left_alone_new": N_(
        "left alone {path}: it holds your work; the corrected lesson is beside it, {new}"
    ),
    "from_exchange": N_(
        "Your lessons come from the course's exchange: Nbgrader > Assignment List, "
        "Fetch; Submit there when you are done."
    ),
    "other_language": N_(
        "{folder} is a workspace in {other}: choose another folder (--dir) for English."
    ),
    "inside_repository": N_(
        "{folder} is inside the course's repository: your work would mix with its "
        "tracked files. Choose a folder outside it, e.g. ~/regularization-course."
    ),
    "port_busy": N_(
        "Port {port} is already in use (another JupyterLab?): stop it, or choose "
        "another port with --port."
    ),
    # student.py, the set-up on a laptop (grader/student/laptop.py)
    "python_unsupported": N_(
        "This is Python {version}: the course needs Python 3.11, 3.12 or 3.13 "
        "(TensorFlow 2.21 exists for no other). Install one from python.org and run "
        "student.py with it."
    ),
    "platform_unsupported": N_(
        "TensorFlow 2.21 has no package for {system} on {machine}: the course runs on "
        "Linux (x86-64 or aarch64), macOS on Apple silicon (arm64) and Windows x86-64. Work on "
        "the course's JupyterHub, or on one of those machines."
    ),
    "path_too_long": N_(
        "Windows limits a path to 260 characters, and one of TensorFlow's files would "
        "need {length} in {env}. Choose a shorter folder for the environment, e.g. "
        "py student.py --env C:\\course-env, or have long paths enabled (LongPathsEnabled, "
        "administrator rights)."
    ),
    "installing": N_(
        "Installing the course's packages into {env} with pip: once, about 2 GB on "
        "disk, a few minutes. Later runs start at once, offline."
    ),
    "install_failed": N_(
        "pip could not install the course's packages (its message is above). Check "
        "your connection, then run the same command again: it resumes."
    ),
    "opening": N_(
        "Opening JupyterLab in English on {folder} (Ctrl+C here to stop it). "
        "Check your work with the Validate button of each notebook."
    ),
    # nbgrader's Validate, in the workspace's nbgrader_config.py
    "cell_timeout": N_(
        "CellTimeoutError: this cell was stopped after {seconds} s without finishing "
        "(the course's cells take a few seconds). Look for a loop that never ends."
    ),
    "failed_warning": N_(
        "VALIDATION FAILED ON {num_failed} CELL(S)! If you submit your assignment as it "
        "is, you WILL NOT receive full credit.\n"
    ),
    "changed_warning": N_(
        "THE CONTENTS OF {num_changed} TEST CELL(S) HAVE CHANGED! This might mean that "
        "even though the tests are passing now, they won't pass when your assignment is "
        "graded.\n"
    ),
    "type_changed_warning": N_(
        "THE TYPES OF {num_changed} CELL(S) HAVE CHANGED! This might mean that even "
        "though the tests are passing now, they won't pass when your assignment is graded.\n"
    ),
}


def text(key: str, lang: str, **values: object) -> str:
    """The sentence ``key`` in ``lang``, filled in."""
    return template(key, lang).format(**values)


def template(key: str, lang: str) -> str:
    """The sentence ``key`` in ``lang`` with its placeholders, for a program that fills them."""
    return translator(lang).gettext(TEXTS[key])


def summary(
    lang: str, folder: object, lessons: int, added: int, updated: int, kept: int, same: int
) -> str:
    """The last line of a sync: how many lessons and files, each count with its plural."""
    tr = translator(lang)

    def count(message: str, n: int) -> str:
        return message.format(n=tr.decimal(n))

    return tr.gettext(
        "{folder}: {lessons} ({added}, {updated}, {kept}, {same}). No solutions here; "
        "your answers are never overwritten."
    ).format(
        folder=folder,
        lessons=count(
            tr.ngettext("{n} lesson in English", "{n} lessons in English", lessons), lessons
        ),
        added=count(tr.ngettext("{n} file added", "{n} files added", added), added),
        # TRANSLATORS: files updated, as in "2 files added, 1 updated"
        updated=count(tr.ngettext("{n} updated", "{n} updated", updated), updated),
        # TRANSLATORS: files left alone, as in "2 files added, 1 left alone"
        kept=count(tr.ngettext("{n} left alone", "{n} left alone", kept), kept),
        # TRANSLATORS: files unchanged, as in "2 files added, 1 unchanged"
        same=count(tr.ngettext("{n} unchanged", "{n} unchanged", same), same),
    )


def language_name(code: str, lang: str) -> str:
    """The language ``code`` named in ``lang`` (``anglais``), from CLDR."""
    return translator(lang).language_name(code)


def missing(langs: tuple[str, ...] = LANGS) -> list[str]:
    """Sentences without a translation, as ``key (lang)``."""
    return [
        f"{key} ({lang})"
        for lang in langs
        for key, message in TEXTS.items()
        if not translated(message, lang)
    ]
