"""Errors the person at the keyboard can act on, said in a sentence instead of a traceback.

Why one module: a grading command fails for reasons outside the code (a database
that is down, a scheduler nobody started, a mistyped ``--course``, an old course
not yet upgraded), and the instructor needs the reason and the next step, not
hundreds of lines of frames from SQLAlchemy or Dask. The module that detects such
a failure raises :class:`UserError` with the sentence (English and French); the
``grader`` entry point (:func:`grader.cli.main.main`) prints it in the command's language (its
``--lang``, English otherwise) and exits non-zero. A few failures of libraries
that reach it unconverted (a database refusing a connection) are said the same
way, with any password in a URL masked; every other exception is a bug, and keeps
its traceback.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence

EXIT_CODE = 2  # as click's usage errors: the command was not run as asked


class UserError(Exception):
    """A failure the user can fix; ``en`` and ``fr`` say what and how, in a sentence or two."""

    def __init__(self, en: str, fr: str | None = None, code: int = EXIT_CODE) -> None:
        super().__init__(en)
        self.texts = {"en": en, "fr": fr or en}
        self.code = code

    def text(self, lang: str = "en") -> str:
        return self.texts.get(lang, self.texts["en"])


_SECRET_IN_URL = re.compile(r"(\w[\w+.-]*://[^:/@\s]*):[^@\s/]*@")


def mask(text: str) -> str:
    """``text`` with the password of every ``scheme://user:password@`` replaced by ``***``."""
    return _SECRET_IN_URL.sub(r"\1:***@", text)


def reason(error: BaseException) -> str:
    """A library error's own first line, without SQLAlchemy's SQL and link, passwords masked."""
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    first = lines[0] if lines else type(original).__name__
    return mask(first.rstrip("."))


def database_unreachable(url: str, error: BaseException) -> UserError:
    """The gradebook's database refused or never answered: which one, why, where it is set."""
    where = mask(url)
    why = reason(error)
    return UserError(
        f"Cannot reach the gradebook database {where} ({why}). Start that server, or point "
        "GRADER_DB (or --db) at one that runs.",
        f"La base de données du carnet de notes {where} ne répond pas ({why}). Démarrez ce "
        "serveur, ou indiquez-en un qui tourne dans GRADER_DB (ou --db).",
    )


def _translate(error: Exception) -> UserError | None:
    """The few library failures that are the user's setting, not a bug."""
    try:
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
    except ImportError:  # pragma: no cover - sqlalchemy is a dependency
        return None
    if isinstance(error, OperationalError):
        why = reason(error)
        return UserError(
            f"The gradebook database failed: {why}. Check that its server runs and that "
            "GRADER_DB (or --db) names it.",
            f"La base de données du carnet de notes a échoué\u202f: {why}. Vérifiez que son "
            "serveur tourne et que GRADER_DB (ou --db) le désigne.",
        )
    if isinstance(error, ArgumentError | NoSuchModuleError):
        why = reason(error)
        return UserError(
            f"The gradebook database URL is not one this can use: {why}. Write it as "
            "postgresql+psycopg://USER:PASSWORD@HOST/DB in GRADER_DB or --db.",
            f"L'URL de la base du carnet de notes est inutilisable\u202f: {why}. Écrivez-la "
            "postgresql+psycopg://UTILISATEUR:MOT_DE_PASSE@HÔTE/BASE dans GRADER_DB ou --db.",
        )
    return None


def language(argv: Sequence[str]) -> str:
    """The language a command was asked to speak (its ``--lang``), English otherwise."""
    for index, arg in enumerate(argv):
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def run(command: Callable[[], object], argv: Sequence[str] | None = None) -> None:
    """Run ``command`` (the CLI); a :class:`UserError` or a known setting error ends it in words."""
    lang = language(sys.argv[1:] if argv is None else argv)
    try:
        command()
    except UserError as error:
        _say(error.text(lang))
        raise SystemExit(error.code) from None
    except Exception as error:
        said = _translate(error)
        if said is None:
            raise
        _say(said.text(lang))
        raise SystemExit(said.code) from None


def _say(text: str) -> None:
    from rich.console import Console
    from rich.text import Text

    Console(stderr=True, soft_wrap=True).print(
        Text.assemble(("grader: ", "bold red"), text), highlight=False
    )
