"""Moodle: its assignment download names, its rosters, its grade and feedback imports.

Formats read from Moodle's source (moodle/moodle):

- Download: ``mod/assign/classes/downloader.php`` (Moodle 4.1+) and, before it,
  ``download_submissions`` in ``mod/assign/locallib.php``. The prefix is the full
  name with ``_`` replaced by a space, then ``_<participant id>``
  (``get_uniqueid_for_user``: the ``assign_user_mapping`` row of that user *in
  that assignment*, one id sequence for the whole site). With "download as
  folders" (the default since 3.1) each file is
  ``<Full Name>_<id>_assignsubmission_file/<path>`` (4.1+) or
  ``..._assignsubmission_file_/<path>`` (3.1-4.0); without it, flat names
  ``<Full Name>_<id>_assignsubmission_file_<file>``. Online text is
  ``..._assignsubmission_onlinetext_``. Entries get ZipStream's default time
  (the download's): the zip says nothing of when or whether late.
- Feedback files upload: ``mod/assign/feedback/file/importziplib.php``
  (``is_valid_filename_for_import``) splits each path part on ``_`` (at most 5
  pieces): name, participant id, plugin type, plugin name, rest; both
  ``..._assignfeedback_file/`` and the download's own folder names are taken.
- Grading worksheet (``mod/assign/gradingtable.php``, ``col_recordid``):
  ``Identifier`` is "Participant <id>" (the word is translated), then ``Full
  name``, the identity fields (``Email address``), ``Status`` (which says
  "late"), ..., ``Last modified (submission)`` (``userdate``, e.g. "Friday, 20
  November 2026, 11:59 PM").
- Grade export/import: ``admin/settings/grades.php`` exports ``First name, Last
  name, ID number, Institution, Department, Email address`` by default, then
  ``<Module>: <item> (Real)`` columns (``grade/export/lib.php``);
  ``grade/import/csv/classes/load_data.php`` matches users on one column mapped
  to ``id``, ``idnumber``, ``email`` or ``username``, takes '' or '-' as no grade,
  and maps each other column to a grade item chosen on its form.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path, PurePosixPath

from grader.lms.csvfile import read_rows, write_import
from grader.lms.names import Found, Identity, matcher

NAME = "moodle"
SHAPE = "<Full Name>_<participant id>_assignsubmission_file[_]/<file> (or flat with _<file>)"
DATED = False  # ZipStream stamps entries with the download's time
# One path part, as importziplib.php reads it: name, id, plugin type, plugin, rest.
PART_REGEXP = (
    r"^(?P<name>[^/_]+)_(?P<student_id>\d+)_assign(?:submission|feedback)_"
    r"(?P<plugin>[a-z]+)(?:_(?P<file_id>[^/]*))?$"
)
_PART = matcher(PART_REGEXP)
IDENTITY_COLUMNS = ["First name", "Last name", "ID number", "Email address"]
WORKSHEET_TIME = "Last modified (submission)"
TIME_FORMATS = (
    "%A, %d %B %Y, %I:%M %p",  # userdate's strftimedaydatetime, English
    "%d %B %Y, %I:%M %p",
    "%A %d %B %Y, %H:%M",  # French and other 24-hour language packs
    "%d %B %Y, %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
)


def parse(path: PurePosixPath) -> Found | None:
    parts = path.parts
    for index, part in enumerate(parts):
        found = _PART.collect(part)
        if not found:
            continue
        rest = [found["file_id"] or ""] + list(parts[index + 1 :])
        rest = [piece for piece in rest if piece]
        if not rest:
            return None
        identity = Identity(NAME, found["student_id"], found["name"])
        return Found(identity, rest[-1])  # sub-folders of a submission: the file's own name
    return None


def participant(identifier: str) -> str | None:
    """ "Participant 34567" (or "Teilnehmer/in 34567") -> "34567"."""
    match = re.search(r"(\d+)\s*$", identifier or "")
    return match.group(1) if match else None


def parse_time(text: str) -> datetime | None:
    """A worksheet time as Moodle's ``userdate`` writes it, or None if unreadable."""
    text = " ".join((text or "").split())
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def read_table(path: Path) -> list[dict[str, str]]:
    """A Moodle CSV as dicts by column, whatever its separator (its export offers several)."""
    rows = read_rows(path)
    if not rows:
        return []
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]


def looks_like_worksheet(header: list[str]) -> bool:
    return "Identifier" in header and "Full name" in header


def looks_like_people(header: list[str]) -> bool:
    return {"First name", "Last name"} <= set(header) and bool(
        {"Email address", "ID number", "Username"} & set(header)
    )


def grade_item(column: str) -> str:
    """``"Assignment: 10 Quiz (Real)"`` -> ``"10 Quiz"``: the item's own name."""
    name = column.split(":", 1)[-1].strip()
    return re.sub(r"\s*\((Real|Réel|Percentage|Letter|Pourcentage|Lettre)\)$", "", name)


def folder(full_name: str, participant_id: str) -> str:
    """The feedback folder ``importziplib.php`` reads: name (no ``_``), id, plugin."""
    name = full_name.replace("_", " ").replace("/", " ")
    return f"{name}_{participant_id}_assignfeedback_file"


def write_grades(
    path: Path, columns: list[str], students: list[dict[str, str]], scores: list[list[str]]
) -> None:
    """The CSV for Moodle's grade import: identity columns, then one column per grade item."""
    write_import(path, IDENTITY_COLUMNS, columns, students, scores)
