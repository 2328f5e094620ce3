"""The grader's own words in the reader's language, from gettext catalogues.

English is the source language: a sentence's English text is its message id, written
where the code uses it, and ``grader/locale/<lang>/LC_MESSAGES/grader.po`` holds its
translation into every other language of :mod:`grader.languages` (``make catalogues``
extracts, merges and compiles them: :mod:`grader.authoring.catalogues`). Plural forms come from
the catalogue's ``Plural-Forms`` (French counts 0 and 1 as singular), numbers,
percentages and dates from the locale's CLDR data through Babel, so that a French reader
gets « 0 fichier ajouté » and « 0,0 / 2,0 ». The lessons are not concerned: their
sentences are written in both languages in their sources (``_(en=..., fr=...)``).
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from grader.languages import LANGS

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "grader"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANG = "en"  # the language of the message ids: it needs no catalogue
# Babel is imported when a language is first asked for, not with this module: the
# sandbox's launcher imports modules that mark messages, and starts with every kernel.


def N_(message: str) -> str:  # noqa: N802 (gettext's name for it, which extraction knows)
    """Mark ``message`` for the catalogues where it is defined, translate it where used."""
    return message


class Translator:
    """One language's messages and number formats."""

    def __init__(self, lang: str, translations: _gettext.NullTranslations) -> None:
        from babel import Locale

        self.lang = lang
        self.locale: Locale = Locale.parse(lang)
        self._translations = translations

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of the message for ``n``, by the language's plural rule."""
        return self._translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """For an English text that needs two translations: ``context`` tells them apart."""
        return self._translations.pgettext(context, message)

    def translates(
        self, message: str, plural: str | None = None, context: str | None = None
    ) -> bool:
        """Whether the catalogue has this message (the source language has them all)."""
        if self.lang == SOURCE_LANG:
            return True
        catalog = getattr(self._translations, "_catalog", {})
        key = message if context is None else f"{context}\x04{message}"
        return (key, 0) in catalog if plural is not None else key in catalog

    def decimal(self, value: float, format: str | None = None) -> str:  # noqa: A002
        """``1,234.5`` / ``1 234,5``; ``format`` is a CLDR pattern such as ``0.0#``."""
        from babel.numbers import format_decimal

        return format_decimal(value, format=format, locale=self.locale)

    def percent(self, value: float, format: str | None = None) -> str:  # noqa: A002
        """``0.41`` as ``41%`` / ``41 %``, with the locale's own spacing."""
        from babel.numbers import format_percent

        return format_percent(value, format=format, locale=self.locale)

    def date(self, value: date, format: str = "long") -> str:  # noqa: A002
        from babel.dates import format_date, format_datetime

        if isinstance(value, datetime):
            return format_datetime(value, format=format, locale=self.locale)
        return format_date(value, format=format, locale=self.locale)

    def language_name(self, code: str) -> str:
        """``fr`` in this language (``French``, ``français``), from CLDR."""
        from babel import Locale

        return Locale.parse(code).get_language_name(self.locale) or code


def translator(lang: str) -> Translator:
    """The messages of ``lang``; a language the course does not have reads the English.

    ``lang`` may come from a submitted notebook's metadata: anything else than a course
    language gets the source language rather than an error.
    """
    return _load(lang if isinstance(lang, str) and lang in LANGS else SOURCE_LANG)


def translated(message: str, lang: str, plural: str | None = None) -> bool:
    """Whether ``lang``'s catalogue translates ``message`` (for a language being added too)."""
    return _load(lang).translates(message, plural)


@cache
def _load(lang: str) -> Translator:
    if lang == SOURCE_LANG:
        return Translator(lang, _gettext.NullTranslations())
    from babel.support import Translations

    return Translator(lang, Translations.load(str(LOCALE_DIR), [lang], DOMAIN))


class Table(Mapping[str, dict[str, str]]):
    """A module's labels by key, read per language as ``TABLE[lang][key]``.

    For code that picks a label by a key it computed (an item's kind, a note's name): the
    table is written once with the English texts (marked by :func:`N_`) and each language
    is its catalogue's translation of them.
    """

    def __init__(self, entries: dict[str, str]) -> None:
        self.english = entries

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in LANGS:
            raise KeyError(lang)
        tr = translator(lang)
        return {key: tr.gettext(text) for key, text in self.english.items()}

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def missing(self, lang: str) -> list[str]:
        """Keys whose text the catalogue of ``lang`` does not translate."""
        return [key for key, text in self.english.items() if not translated(text, lang)]


class Text(Mapping[str, str]):
    """One text read per language as ``TEXT[lang]``: a label, or a page made of sections.

    A long page is several messages (``sections``, joined by ``sep``) so that a change
    in one section leaves the translation of the others valid.
    """

    def __init__(self, *sections: str, sep: str = "\n") -> None:
        self.sections, self.sep = sections, sep

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGS:
            raise KeyError(lang)
        tr = translator(lang)
        return self.sep.join(tr.gettext(section) for section in self.sections)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def translated(self, lang: str) -> bool:
        """Whether every section has a translation in ``lang`` (a language being added too)."""
        return all(translated(section, lang) for section in self.sections)
