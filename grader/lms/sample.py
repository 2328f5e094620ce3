"""The sample class as Canvas and Moodle would hand it over: per-lesson downloads and rosters.

Why: the instructors' guide's walkthrough (``docs/guide/*/instructors.md``; and an
instructor trying this before term) needs LMS files for a class whose answers are known.
They are made from the sample class's own zip (``grader sample-class``), so they follow
every lesson edit, in the formats documented in :mod:`.canvas` and :mod:`.moodle`: one download per
lesson (an LMS downloads one assignment at a time), a roster, and for Moodle one
grading worksheet per lesson (its only source of submission times). Names are
invented here, with the accents and apostrophes real rosters have.
"""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import datetime
from pathlib import Path

import nbformat

from grader.lessons import all_lessons
from grader.lms.moodle import WORKSHEET_TIME
from grader.lms.safezip import Member, read_zip

NAMES = {  # student id -> (first name, last name)
    "alice": ("Alice", "Martin"),
    "bruno": ("Bruno", "Lefèvre"),
    "chloe": ("Chloé", "Dubois"),
    "dmitri": ("Dmitri", "Ivanov"),
    "emma": ("Emma", "O'Neill"),
    "farid": ("Farid", "Haddad"),
    "gaelle": ("Gaëlle", "Müller"),
}
DOWNLOAD_TIME = (2026, 12, 1, 9, 0, 0)  # both LMSs stamp entries with the download's time


def _name(student: str) -> tuple[str, str]:
    return NAMES.get(student, (student.title(), "Sample"))


def _by_lesson(members: list[Member]) -> dict[str, list[Member]]:
    lessons = {lesson.stem[:2]: lesson.stem for lesson in all_lessons()}
    grouped: dict[str, list[Member]] = {}
    for member in members:
        number = re.match(r"\D*(\d\d)", member.path.name)
        stem = lessons.get(number.group(1)) if number else None
        if stem:
            grouped.setdefault(stem, []).append(member)
    return grouped


def points(root: Path, stem: str) -> float:
    """A lesson's points, from its English release (both languages have the same)."""
    nb = nbformat.read(root / "release" / f"{stem}_en" / f"{stem}.ipynb", as_version=4)
    return float(sum(c.metadata.get("nbgrader", {}).get("points", 0) for c in nb.cells))


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _zip(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=DOWNLOAD_TIME), data)
    return path


def canvas_files(sample_zip: Path, out: Path, root: Path, due: datetime) -> list[Path]:
    """Canvas: ``<stem>.zip`` per lesson (content_zipper.rb names) and ``gradebook.csv``."""
    grouped = _by_lesson(read_zip(sample_zip)[0])
    students = sorted({m.path.parts[0] for ms in grouped.values() for m in ms})
    uid = {s: str(2001 + i) for i, s in enumerate(students)}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    attachment = 90000
    for stem, members in sorted(grouped.items()):
        entries = []
        for member in members:
            student = member.path.parts[0]
            first, last = _name(student)
            squeezed = re.sub(r"\W", "", f"{last}, {first}".lower())
            late = ["LATE"] if member.date > due else []
            attachment += 1
            name = "_".join([squeezed, *late, uid[student], str(attachment), member.path.name])
            entries.append((name, member.data))
        written.append(_zip(out / f"{stem}.zip", entries))
    lessons = sorted(grouped)
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    header += [f"{stem.replace('_', ' ')} ({7000 + n})" for n, stem in enumerate(lessons)]
    rows = [["    Points Possible", "", "", "", ""] + [f"{points(root, s):g}" for s in lessons]]
    for student in students:
        first, last = _name(student)
        rows.append([f"{last}, {first}", uid[student], f"S{uid[student]}", student, "Groupe A"])
        rows[-1] += [""] * len(lessons)
    written.append(_write_csv(out / "gradebook.csv", header, rows))
    return written


def moodle_files(sample_zip: Path, out: Path, due: datetime) -> list[Path]:
    """Moodle: ``<stem>.zip`` per lesson (4.1+ folders), ``grades.csv``, worksheets."""
    grouped = _by_lesson(read_zip(sample_zip)[0])
    students = sorted({m.path.parts[0] for ms in grouped.values() for m in ms})
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for number, (stem, members) in enumerate(sorted(grouped.items())):
        pid = {s: str(31000 + 100 * number + i) for i, s in enumerate(students)}
        entries, sheet, seen = [], [], set()
        for member in members:
            student = member.path.parts[0]
            full = " ".join(_name(student))
            entries.append(
                (f"{full}_{pid[student]}_assignsubmission_file/{member.path.name}", member.data)
            )
            if student in seen:
                continue
            seen.add(student)
            late = member.date > due
            status = "Submitted for grading" + (" - late" if late else "")
            when = member.date.strftime("%A, %d %B %Y, %I:%M %p")
            email = f"{student}@example.edu"
            sheet.append(
                [f"Participant {pid[student]}", full, email, status, "", "", "Yes", when, "-"]
            )
        written.append(_zip(out / f"{stem}.zip", entries))
        header = ["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum grade"]
        header += ["Grade can be changed", WORKSHEET_TIME, "Last modified (grade)"]
        written.append(_write_csv(out / f"worksheet_{stem}.csv", header, sheet))
    header = ["First name", "Last name", "ID number", "Institution", "Department", "Email address"]
    header += [f"Assignment: {stem} (Real)" for stem in sorted(grouped)]
    rows = [
        [*_name(s), f"E{i:03d}", "", "", f"{s}@example.edu"] + ["-"] * len(grouped)
        for i, s in enumerate(students, 1)
    ]
    written.append(_write_csv(out / "grades.csv", header, rows))
    return written
