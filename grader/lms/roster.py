"""Who is who: the LMS's identities mapped to nbgrader student ids, from its own export.

Why a roster: a download names people the LMS's way (Canvas: a user id and a
squeezed sortable name; Moodle: a full name and a per-assignment participant
id), and grades must go back under the LMS's identity columns. ``grader roster
import`` reads the file the LMS exports (Canvas's gradebook CSV; Moodle's grades
export, participants list or grading worksheet) into ``course/lms/roster.json``.
Student ids are made once, from the login, e-mail or name (accents folded,
apostrophes dropped); two people never share one: a clash gets each person's LMS
id appended, and is reported. Matching a download to the roster never guesses:
a name that fits two people, or nobody, is filed under its own id and noted.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from grader.lessons import all_lessons
from grader.lms import canvas, moodle
from grader.lms.csvfile import read_rows
from grader.lms.names import Identity, same_name, slug
from grader.renames import renamed_stems

ROSTER = Path("lms") / "roster.json"


@dataclass
class Roster:
    lms: str
    source: str = ""
    students: list[dict[str, str]] = field(default_factory=list)
    columns: dict[str, dict] = field(default_factory=dict)  # lesson stem -> LMS gradebook column
    participants: dict[str, dict] = field(default_factory=dict)  # Moodle participant id -> who

    def by_student(self) -> dict[str, dict[str, str]]:
        return {entry["student"]: entry for entry in self.students}


def path(root: Path) -> Path:
    return root / ROSTER


def load(root: Path) -> Roster | None:
    file = path(root)
    if not file.exists():
        return None
    return Roster(**json.loads(file.read_text(encoding="utf-8")))


def save(roster: Roster, root: Path) -> Path:
    file = path(root)
    file.parent.mkdir(parents=True, exist_ok=True)
    data = {k: getattr(roster, k) for k in ("lms", "source", "students", "columns", "participants")}
    file.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return file


def _give_ids(entries: list[dict[str, str]], base, suffix, said: list[str]) -> None:
    """Each entry's student id; a clash is broken by the LMS's own id, and reported."""
    bases = [base(e) or "student" for e in entries]
    counts = Counter(bases)
    for entry, stem in zip(entries, bases, strict=True):
        entry["student"] = stem if counts[stem] == 1 else f"{stem}-{suffix(entry)}"
    for stem, count in counts.items():
        if count > 1:
            ids = [e["student"] for e, b in zip(entries, bases, strict=True) if b == stem]
            said.append(f"{count} people would be {stem!r}: kept apart as {', '.join(ids)}")


def _same_names(entries: list[dict[str, str]], said: list[str]) -> None:
    counts = Counter(" ".join(e["full_name"].casefold().split()) for e in entries)
    for name, count in counts.items():
        if count > 1:
            ids = [
                e["student"] for e in entries if " ".join(e["full_name"].casefold().split()) == name
            ]
            said.append(
                f"{count} students are named {name!r} ({', '.join(ids)}): a download that "
                "gives only a name cannot tell them apart (Moodle: import the grading worksheet)"
            )


def lesson_of_column(title: str) -> str | None:
    """The lesson a gradebook column is for, or None when the title leaves a doubt.

    In this order: a lesson's stem in the title (``12_quiz``), an old stem of the
    renames table (``10_quiz`` is today's ``12_quiz``), the lesson's name words
    (``Quiz``, ``Weight decay``), and only then a number alone. The name comes
    before the number because lessons were renumbered: an old course's "Lesson 10:
    Quiz" column is the quiz, not today's lesson 10.
    """
    text = slug(title).replace("-", "_")
    lessons = all_lessons()
    stems = {lesson.stem for lesson in lessons}

    def within(words: str) -> bool:
        return re.search(rf"(?<![a-z0-9]){re.escape(words)}(?![a-z0-9])", text) is not None

    hits = [lesson.stem for lesson in lessons if within(lesson.stem)]
    if len(hits) == 1:
        return hits[0]
    hits = sorted({new for old, new in renamed_stems().items() if within(old) and new in stems})
    if len(hits) == 1:
        return hits[0]
    hits = [lesson.stem for lesson in lessons if within(lesson.stem.partition("_")[2])]
    if len(hits) == 1:
        return hits[0]
    numbers = re.findall(r"(?<!\d)(\d{1,2})(?!\d)", title)
    hits = [
        lesson.stem for lesson in lessons if any(int(n) == int(lesson.stem[:2]) for n in numbers)
    ]
    return hits[0] if len(hits) == 1 else None


def _canvas(file: Path, said: list[str]) -> Roster:
    rows, points, header = canvas.read_gradebook(file)
    students = []
    for row in rows:
        name = row.get("Student") or f"{row.get('LastName', '')}, {row.get('FirstName', '')}"
        if name.strip() == "Student, Test":
            said.append("skipped Canvas's Test Student (the student view)")
            continue
        last, _, first = name.partition(",")
        students.append(
            {
                "name": name.strip(),
                "full_name": f"{first.strip()} {last.strip()}".strip(),
                "ID": row["ID"].strip(),
                "SIS User ID": row.get("SIS User ID", "").strip(),
                "SIS Login ID": row.get("SIS Login ID", "").strip(),
                "Section": row.get("Section", "").strip(),
                "Student": name.strip(),
            }
        )
    _give_ids(
        students,
        lambda e: (
            slug(e["SIS Login ID"].split("@")[0]) or slug(e["SIS User ID"]) or slug(e["name"])
        ),
        lambda e: e["ID"],
        said,
    )
    _same_names(students, said)
    columns = {}
    for title in header:
        if canvas.assignment_column(title)[1] is None:
            continue
        stem = lesson_of_column(title)
        if stem and stem not in columns:
            columns[stem] = {"column": title, "points": points.get(title)}
    return Roster("canvas", file.name, students, columns)


def _moodle_people(file: Path, rows: list[dict[str, str]], said: list[str]) -> Roster:
    students = [
        {
            "first": row.get("First name", ""),
            "last": row.get("Last name", ""),
            "full_name": f"{row.get('First name', '')} {row.get('Last name', '')}".strip(),
            "First name": row.get("First name", ""),
            "Last name": row.get("Last name", ""),
            "ID number": row.get("ID number", ""),
            "Email address": row.get("Email address", ""),
            "Username": row.get("Username", ""),
        }
        for row in rows
    ]
    for number, entry in enumerate(students, 1):
        entry["row"] = str(number)
    _give_ids(
        students,
        lambda e: (
            slug(e["Username"])
            or slug(e["Email address"].split("@")[0])
            or slug(e["ID number"])
            or slug(e["full_name"])
        ),
        lambda e: slug(e["ID number"]) or e["row"],
        said,
    )
    _same_names(students, said)
    columns = {}
    for title in rows[0] if rows else {}:
        if ":" in title and (stem := lesson_of_column(moodle.grade_item(title))):
            columns.setdefault(stem, {"column": moodle.grade_item(title), "points": None})
    return Roster("moodle", file.name, students, columns)


def _moodle_worksheet(
    file: Path, rows: list[dict[str, str]], roster: Roster | None, said: list[str]
) -> Roster:
    """Participant ids (and submission times) from a grading worksheet, onto the roster."""
    if roster is None or roster.lms != "moodle":
        people = [
            {
                "First name": r["Full name"],
                "Last name": "",
                "Email address": r.get("Email address", ""),
            }
            for r in rows
        ]
        roster = _moodle_people(file, people, said)
        for entry in roster.students:
            entry["full_name"] = entry["First name"]
    for row in rows:
        pid = moodle.participant(row.get("Identifier", ""))
        if pid is None:
            said.append(f"worksheet row without a participant id: {row.get('Full name')!r}")
            continue
        email = row.get("Email address", "")
        fits = [e for e in roster.students if email and e.get("Email address") == email]
        if not fits:
            fits = [e for e in roster.students if same_name(e["full_name"], row["Full name"])]
        if len(fits) != 1:
            said.append(
                f"participant {pid} ({row['Full name']!r}): "
                + ("not in the roster" if not fits else f"{len(fits)} people fit; left unmatched")
            )
            continue
        when = moodle.parse_time(row.get(moodle.WORKSHEET_TIME, ""))
        status = row.get("Status", "")
        roster.participants[pid] = {
            "student": fits[0]["student"],
            "name": row["Full name"],
            "lessons": roster.participants.get(pid, {}).get("lessons", []),
            "submitted": when.isoformat() if when else "",
            "late": bool(re.search(r"\blate\b|retard", status, re.IGNORECASE)),
        }
        if row.get(moodle.WORKSHEET_TIME, "").strip("- ") and when is None:
            said.append(f"participant {pid}: submission time {row[moodle.WORKSHEET_TIME]!r} unread")
    return roster


def import_roster(file: Path, root: Path) -> tuple[Roster, list[str]]:
    """Read an LMS export into ``course/lms/roster.json``; return it and what to report."""
    said: list[str] = []
    header = (read_rows(file) or [[]])[0]
    if canvas.looks_like_gradebook(header):
        roster = _canvas(file, said)
    else:
        rows = moodle.read_table(file)
        header = list(rows[0]) if rows else []
        if moodle.looks_like_worksheet(header):
            roster = _moodle_worksheet(file, rows, load(root), said)
        elif moodle.looks_like_people(header):
            roster = _moodle_people(file, rows, said)
            old = load(root)
            if old and old.lms == "moodle":  # keep what worksheets and downloads taught
                roster.participants = old.participants
        else:
            raise ValueError(
                f"{file.name}: not a roster this knows. Canvas: the gradebook export "
                f"({', '.join(canvas.IDENTITY_COLUMNS)}, ...); Moodle: the grades export or "
                "participants list (First name, Last name, Email address or ID number), or "
                "an assignment's grading worksheet (Identifier, Full name, ...)"
            )
    old = load(root)
    if old is not None and old.lms != roster.lms:
        said.append(f"replaced the {old.lms} roster ({old.source}) by this {roster.lms} one")
    save(roster, root)
    return roster, said


def resolve(roster: Roster | None, identity: Identity) -> tuple[str, str | None]:
    """The student id for an LMS identity, and a note when it is not a plain match."""
    if identity.lms == "folders":
        return identity.key, None
    fallback = "-".join(p for p in (slug(identity.name), slug(identity.key)) if p)
    if identity.key.lower().startswith("anon_"):
        return slug(identity.key), "anonymous grading: filed under Canvas's anonymous id"
    if roster is None or roster.lms != identity.lms:
        return fallback, f"no {identity.lms} roster (grader roster import): filed as {fallback}"
    if identity.lms == "canvas":
        fits = [e for e in roster.students if e["ID"] == identity.key]
    else:
        known = roster.participants.get(identity.key)
        if known:
            return known["student"], None
        fits = [e for e in roster.students if same_name(e["full_name"], identity.name)]
    if len(fits) == 1:
        return fits[0]["student"], None
    if not fits:
        return (
            fallback,
            f"{identity.name!r} ({identity.key}) is not in the roster: filed as {fallback}",
        )
    who = ", ".join(e["student"] for e in fits)
    return fallback, (
        f"{len(fits)} students in the roster are named {identity.name!r} ({who}): "
        f"filed as {fallback}; import the assignment's grading worksheet to tell them apart"
    )


def remember(root: Path, seen: list[tuple[Identity, str, str]]) -> None:
    """Keep each Moodle participant id with its student and lesson: the feedback zip needs it.

    ``seen`` holds (identity, student id, lesson stem) of collected uploads.
    """
    roster = load(root)
    if roster is None or roster.lms != "moodle":
        return
    known = roster.by_student()
    for identity, student, lesson in seen:
        if identity.lms != "moodle" or student not in known:  # a fallback id never sticks
            continue
        entry = roster.participants.setdefault(identity.key, {"student": student, "lessons": []})
        entry.setdefault("name", identity.name)
        entry.setdefault("lessons", [])
        if entry["student"] == student and lesson not in entry["lessons"]:
            entry["lessons"].append(lesson)
    save(roster, root)
