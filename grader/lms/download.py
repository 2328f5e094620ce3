"""From an LMS download to uploads: which layout, which student, which time.

Why apart from :mod:`grader.lms.collect`: collect decides lessons, languages and
duplicates for any upload; this module only explains a zip. It reads the zip
safely (:mod:`.safezip`), finds the one layout that explains every file, or
refuses the whole zip with one error naming the files and the layouts it knows
(so nothing is half-imported), and maps each LMS identity to a student id with
the roster (:mod:`.roster`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from types import ModuleType

from grader.grading.notes import Note
from grader.lms import canvas, folders, moodle
from grader.lms import roster as rosters
from grader.lms.names import Found, Identity
from grader.lms.safezip import bad_path, read_zip

LAYOUTS: dict[str, ModuleType] = {"moodle": moodle, "canvas": canvas, "folders": folders}


class UnknownLayout(ValueError):
    """No known layout explains every file of the zip; nothing was imported."""


@dataclass
class Upload:
    """One file a student uploaded, with what the LMS said about its time."""

    student: str
    file_id: str
    data: bytes
    zip_date: datetime
    submitted: datetime | None  # a real submission time, when the LMS gives one
    late: bool | None  # the LMS's late marker, when it gives one
    source: str  # who said so, for the notes
    order: tuple  # sorts a later upload of the same lesson after an earlier one
    identity: Identity
    origin: str = ""  # the file's path in the zip, as the notes name it


def detect(paths: list[PurePosixPath], lms: str | None) -> ModuleType:
    """The layout that explains every path (or the one asked for), else :class:`UnknownLayout`."""
    candidates = [LAYOUTS[lms]] if lms else list(LAYOUTS.values())
    misses: dict[str, list[str]] = {}
    for layout in candidates:
        misses[layout.NAME] = [p.as_posix() for p in paths if layout.parse(p) is None]
        if not misses[layout.NAME]:
            return layout
    closest = min(misses, key=lambda name: len(misses[name]))
    unexplained = misses[closest]
    shown = ", ".join(unexplained[:5]) + (" ..." if len(unexplained) > 5 else "")
    known = "; ".join(f"{m.NAME}: {m.SHAPE}" for m in candidates)
    raise UnknownLayout(
        f"{len(unexplained)} of {len(paths)} files fit no "
        + (f"{lms} " if lms else "known ")
        + f"layout ({shown}). Layouts known: {known}. Nothing was imported."
    )


def _worksheet_time(
    roster: rosters.Roster | None, found: Found
) -> tuple[datetime | None, bool | None]:
    if roster is None or found.identity.lms != "moodle":
        return None, None
    known = roster.participants.get(found.identity.key, {})
    when = known.get("submitted")
    return (datetime.fromisoformat(when) if when else None), known.get("late")


def read_download(
    zip_path: Path, root: Path, lms: str | None = None
) -> tuple[list[Upload], list[Note]]:
    """Every file of an LMS zip as an :class:`Upload`, and the notes on what was refused."""
    members, refused = read_zip(zip_path)
    layout = detect([m.path for m in members], lms)
    roster = rosters.load(root)
    notes: list[Note] = []
    uploads: list[Upload] = []
    said: set[tuple[str, str]] = set()
    for member in members:
        found = layout.parse(member.path)
        student, remark = rosters.resolve(roster, found.identity)
        if remark and (student, remark) not in said:
            said.add((student, remark))
            notes.append(Note(student, member.path.as_posix(), remark))
        if layout.DATED:
            submitted, late, source = member.date, None, f"the zip's date ({layout.NAME})"
        else:
            submitted, late = _worksheet_time(roster, found)
            source = "Moodle's grading worksheet" if submitted or late else layout.NAME.title()
            late = found.late if late is None else late
        uploads.append(
            Upload(
                student,
                found.file_name,
                member.data,
                member.date,
                submitted,
                late,
                source,
                ((submitted or member.date), found.order),
                found.identity,
                member.path.as_posix(),
            )
        )
    if layout is moodle and not any(u.submitted or u.late for u in uploads) and uploads:
        notes.append(
            Note(
                "*",
                zip_path.name,
                "Moodle's zip gives no submission times: every upload counted on time "
                "(import the assignment's grading worksheet with grader roster import "
                "for its times)",
            )
        )
    for entry in refused:
        # a hostile path names no one; a link or device at a plain path names its uploader
        found = None if bad_path(entry.name) else layout.parse(PurePosixPath(entry.name))
        student = rosters.resolve(roster, found.identity)[0] if found else "?"
        notes.append(Note(student, entry.name, f"refused ({entry.reason}): not unpacked"))
    return uploads, notes
