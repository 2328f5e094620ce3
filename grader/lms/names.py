"""What a download's file names tell: who uploaded which file, and how late.

Why in one place: every layout (:mod:`.folders`, :mod:`.canvas`, :mod:`.moodle`)
is a regular expression run by nbgrader's own ``FileNameCollectorPlugin`` (the
plugin ``nbgrader zip_collect`` uses), and every layout's answer has the same
shape, :class:`Found`, so detection and the roster never care which LMS spoke.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

from nbgrader.plugins import FileNameCollectorPlugin


@dataclass(frozen=True)
class Identity:
    """Who the LMS says uploaded a file: its own id for them, and their name as written."""

    lms: str  # "canvas", "moodle" or "folders"
    key: str  # Canvas user id, Moodle participant id, or the folder's name
    name: str  # the name in the file name (Canvas: sortable name squeezed; Moodle: full name)


@dataclass(frozen=True)
class Found:
    """One file of a download, as its name explains it."""

    identity: Identity
    file_name: str  # the student's own file name, the LMS's additions removed
    late: bool | None = None  # the LMS's late marker, when its names carry one
    order: int = 0  # a later upload of the same file name sorts after an earlier one


class AnyFileCollector(FileNameCollectorPlugin):
    """nbgrader's file-name collector, for every file: non-notebooks are kept, not skipped."""

    def collect(self, submitted_file: str) -> dict | None:
        return self._match(submitted_file)


def matcher(named_regexp: str) -> AnyFileCollector:
    return AnyFileCollector(named_regexp=named_regexp)


def slug(text: str) -> str:
    """An nbgrader student id from a name: ASCII letters, digits, '.', '_', '-'.

    Accents and umlauts lose their marks (``Jörg`` -> ``jorg``), apostrophes
    vanish (``O'Brien`` -> ``obrien``), anything else becomes ``-``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['\u2019`]", "", ascii_text).lower()
    return re.sub(r"[^a-z0-9._]+", "-", ascii_text).strip("-._")


def same_name(a: str, b: str) -> bool:
    """Two spellings of one person's name: case, accents' composition and spaces aside."""

    def norm(text: str) -> str:
        text = unicodedata.normalize("NFC", text).casefold()
        return " ".join(re.sub(r"[\\/:*?\"<>|_]", " ", text).split())

    return norm(a) == norm(b)


def path_text(path: PurePosixPath) -> str:
    return path.as_posix()
