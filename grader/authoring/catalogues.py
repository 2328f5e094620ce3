"""Keep the grader's gettext catalogues in step with its code (``make catalogues``).

Three steps, those of ``pybabel extract``, ``update`` and ``compile`` with the options
of ``babel.cfg``: the English texts marked in ``grader/`` become the template
``grader/locale/grader.pot``; each language's ``grader.po`` gains the new messages
(untranslated, or fuzzy when an old one looks alike) and loses the ones the code no
longer uses; the ``.po`` is compiled into the ``.mo`` the grader reads. The ``.mo`` is
committed, like the ``.po``, so that an installed grader needs no build step; the test
suite runs :func:`problems` and fails on a catalogue out of date, a message without a
translation, or French text that misses the narrow no-break spaces.

Locations are written without line numbers: a moved line does not change the catalogue,
a moved or renamed module does (run ``make catalogues`` after it).
"""

from __future__ import annotations

import io
import re
import sys
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from grader.i18n import DOMAIN, LOCALE_DIR, SOURCE_LANG
from grader.languages import LANGS
from grader.preprocessors.typography import PLAIN_BEFORE_PUNCTUATION, unprotected

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent
MAPPING = ROOT / "babel.cfg"
COMMENT_TAGS = ("TRANSLATORS:",)
_DATES = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)
HEADER = (
    "# The grader's messages (grader/i18n.py), kept by `make catalogues`.\n"
    "# English is the source language: the template holds its texts as message ids."
)
_PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}]*)\}")


def template_path() -> Path:
    return LOCALE_DIR / f"{DOMAIN}.pot"


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def translated_langs() -> list[str]:
    return [lang for lang in LANGS if lang != SOURCE_LANG]


def extract() -> Catalog:
    """The template: every message marked in the package's sources, as the code has it."""
    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING))
    template = Catalog(
        project="regularization-course-grader",
        copyright_holder="the course's authors",
        charset="utf-8",
        fuzzy=False,
        header_comment=HEADER,
    )
    found = extract_from_dir(
        str(PACKAGE),
        method_map,
        options_map,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        where = f"{PACKAGE.name}/{filename}"
        template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _same(old: bytes, new: bytes) -> bool:
    """Equal but for the dates in the header, which change on every run."""
    return _DATES.sub(b"", old) == _DATES.sub(b"", new)


def _read_po(path: Path, lang: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def _merged(template: Catalog, lang: str) -> Catalog:
    path = po_path(lang)
    if path.exists():
        catalog = _read_po(path, lang)
    else:
        catalog = Catalog(
            locale=lang, domain=DOMAIN, project=template.project, fuzzy=False, header_comment=HEADER
        )
    catalog.update(template, update_header_comment=False)
    return catalog


def update() -> list[Path]:
    """Extract, merge and compile; the files that changed."""
    changed = []
    template = extract()

    def write(path: Path, data: bytes, compare: bool = True) -> None:
        if path.exists() and (_same if compare else bytes.__eq__)(path.read_bytes(), data):
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(path)

    write(template_path(), _po_bytes(template))
    for lang in translated_langs():
        catalog = _merged(template, lang)
        data = _po_bytes(catalog)
        old = po_path(lang).read_bytes() if po_path(lang).exists() else b""
        if not _same(old, data):
            catalog.revision_date = datetime.now().astimezone()
            data = _po_bytes(catalog)
        write(po_path(lang), data)
        write(mo_path(lang), _mo_bytes(_read_po(po_path(lang), lang)), compare=False)
    return changed


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def translation_faults(catalog: Catalog, lang: str) -> list[str]:
    """Messages of ``catalog`` that a reader of ``lang`` would get wrong or in English."""
    faults = []
    for message in catalog:
        if not message.id:
            continue
        name = message.id[0] if isinstance(message.id, tuple) else message.id
        name = repr(name[:60])
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.pluralizable and len(strings) != catalog.num_plurals:
            faults.append(f"{lang}: {name}: {len(strings)} plural forms, not {catalog.num_plurals}")
        if not all(strings):
            faults.append(f"{lang}: {name}: not translated")
            continue
        if message.fuzzy:
            faults.append(f"{lang}: {name}: fuzzy (check the translation, then remove the flag)")
        wanted = _placeholders(ids[-1])
        for index, string in enumerate(strings):
            has = _placeholders(string)
            # a singular may say "one" instead of {n}; every other form keeps them all
            if not (has <= wanted and (has == wanted or (index == 0 and len(strings) > 1))):
                faults.append(f"{lang}: {name}: placeholders {sorted(has)}, not {sorted(wanted)}")
            if lang == "fr":
                for match in PLAIN_BEFORE_PUNCTUATION.finditer(unprotected(string)):
                    seen = string[max(0, match.start() - 20) : match.end() + 5]
                    faults.append(f"fr: {name}: a plain space in {seen!r} (U+202F wanted)")
    return faults


def problems() -> list[str]:
    """Everything that keeps the catalogues from matching the code; empty when they do."""
    found = []
    template = extract()
    pot = template_path()
    if not pot.exists() or not _same(pot.read_bytes(), _po_bytes(template)):
        found.append(f"{_shown(pot)} is out of date: run `make catalogues`")
    for lang in translated_langs():
        path = po_path(lang)
        if not path.exists():
            found.append(f"{_shown(path)} is missing: run `make catalogues`, translate")
            continue
        if not _same(path.read_bytes(), _po_bytes(_merged(template, lang))):
            found.append(f"{_shown(path)} is out of date: run `make catalogues`")
        catalog = _read_po(path, lang)
        found += translation_faults(catalog, lang)
        mo = mo_path(lang)
        if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
            found.append(f"{_shown(mo)} is not the compiled .po: run `make catalogues`")
    return found


def main() -> int:
    for path in update():
        print(f"wrote {_shown(path)}")
    left = problems()
    for line in left:
        print(line, file=sys.stderr)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
