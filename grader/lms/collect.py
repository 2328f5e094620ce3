"""Put submissions where nbgrader expects them: ``submitted/<student>/<assignment>/``.

From an LMS download (Canvas's or Moodle's bulk download, or this project's
``<student>/<file>`` zip), :mod:`grader.lms` reads the zip safely, finds its
layout, and maps each file to a student and a submission time; file names are
parsed by nbgrader's own ``FileNameCollectorPlugin``. The zip names a lesson,
not a language, so each notebook is routed to the lesson's EN or FR assignment
by the language the release wrote in its metadata. Nothing a student uploads is
dropped silently: every oddity becomes a :class:`Note` naming the student and
the file, recorded in the grading log, and a file that is not a lesson notebook
is kept for the instructor in ``course/lms/kept/<student>/`` (outside the
submission, so it never reaches the grading sandbox).
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime
from pathlib import Path

from grader.course import COURSE, api, parse_assignment
from grader.grading.notes import Note
from grader.languages import LANGS
from grader.lessons import Lesson, all_lessons
from grader.lms import roster as rosters
from grader.lms.download import Upload, read_download
from grader.lms.timing import decide

KEPT = Path("lms") / "kept"


def match_lesson(file_id: str) -> tuple[Lesson | None, bool]:
    """The lesson a file name means, and whether the student renamed it."""
    stem = Path(file_id).stem
    lessons = all_lessons()
    for lesson in lessons:
        if stem == lesson.stem:
            return lesson, False
    # "01_overfitting (1)", "Copy of 01_overfitting", "01_overfitting-alice": one lesson named
    hits = [lesson for lesson in lessons if lesson.stem in stem]
    if len(hits) == 1:
        return hits[0], True
    number = re.match(r"\D*(\d\d)", stem)
    hits = [lesson for lesson in lessons if number and lesson.stem.startswith(number.group(1))]
    return (hits[0], True) if len(hits) == 1 else (None, False)


def notebook_language(data: bytes) -> str | None:
    """The language the release wrote into the notebook's metadata, if readable."""
    try:
        meta = json.loads(data.decode("utf-8")).get("metadata", {})
    except (ValueError, UnicodeDecodeError, AttributeError):
        return None
    lang = meta.get("course", {}).get("lang") if isinstance(meta, dict) else None
    return lang if lang in LANGS else None


def _write(student: str, aid: str, name: str, data: bytes, when: datetime, root: Path) -> Path:
    folder = root / "submitted" / student / aid
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    return folder / name


def keep(upload: Upload, root: Path) -> Path:
    """A file that is not graded, kept under a name of our making inside ``course/``.

    Another file of the same name (another lesson's ``notes.pdf``) gets ``-2``,
    ``-3``...; the same bytes again (the same zip collected twice) reuse their copy.
    """
    name = re.sub(r"[^\w.() -]", "_", Path(upload.file_id).name).lstrip(".")[:120] or "file"
    folder = root / KEPT / upload.student
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = Path(name).stem, Path(name).suffix
    for number in range(1, 1000):
        target = folder / (name if number == 1 else f"{stem}-{number}{suffix}")
        if not target.exists():
            target.write_bytes(upload.data)
            return target
        if target.read_bytes() == upload.data:
            return target
    raise RuntimeError(f"{folder}: a thousand files named {name}")


def _usual_languages(uploads: list[Upload], root: Path) -> dict[str, str]:
    """Each student's language in their readable notebooks: where to file an unreadable one.

    An LMS downloads one lesson at a time, so the student's lessons already
    collected count too.
    """
    seen: dict[str, list[str]] = {}
    for upload in uploads:
        lang = notebook_language(upload.data) if upload.file_id.endswith(".ipynb") else None
        if lang:
            seen.setdefault(upload.student, []).append(lang)
    for student in {u.student for u in uploads} - set(seen):
        for folder in (root / "submitted" / student).glob("*_*"):
            if folder.name.rpartition("_")[2] in LANGS:
                seen.setdefault(student, []).append(folder.name.rpartition("_")[2])
    return {student: max(set(langs), key=langs.count) for student, langs in seen.items()}


def due_dates(root: Path) -> dict[str, datetime]:
    """Each assignment's due date in the gradebook (set by ``grader release --due``)."""
    from nbgrader.api import Gradebook

    from grader.course import config

    cfg = config(root)
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        return {a.name: a.duedate for a in gb.assignments if a.duedate is not None}


def collect_uploads(uploads: list[Upload], root: Path = COURSE) -> tuple[list[str], list[Note]]:
    """File uploads into ``submitted/``; return the ``student/assignment`` pairs and the notes."""
    notes: list[Note] = []
    chosen: dict[tuple[str, str], tuple[tuple, str, Upload, datetime]] = {}
    usual = _usual_languages(uploads, root)
    due = due_dates(root) if uploads else {}
    for upload in uploads:
        student, file_id, origin = upload.student, upload.file_id, upload.origin or upload.file_id
        lesson, renamed = match_lesson(file_id) if file_id.endswith(".ipynb") else (None, False)
        if lesson is None:
            kept = keep(upload, root).relative_to(root)
            why = "matches no lesson" if file_id.endswith(".ipynb") else "not a notebook"
            notes.append(Note(student, origin, f"{why}: not graded, kept as {kept}"))
            continue
        lang = notebook_language(upload.data)
        unreadable = lang is None
        lang = lang or usual.get(student, LANGS[0])
        aid = lesson.assignment(lang)
        if unreadable:
            # Only what collect decided: the reason and the grade come from intake.
            notes.append(Note(student, origin, f"language unknown: filed under {lang}", aid))
        if renamed:
            notes.append(Note(student, origin, f"renamed file: graded as {lesson.stem}.ipynb", aid))
        when, said = decide(
            upload.submitted, upload.late, upload.source, due.get(aid), upload.zip_date
        )
        if said:
            notes.append(Note(student, origin, said, aid))
        key = (student, lesson.stem)
        entry = (upload.order, aid, upload, when)
        if key in chosen:
            older, newer = sorted([chosen[key], entry], key=lambda x: x[0])
            notes.append(
                Note(
                    student,
                    older[2].origin or older[2].file_id,
                    f"duplicate: {newer[2].origin or newer[2].file_id} (later) is graded",
                    newer[1],
                )
            )
            chosen[key] = newer
        else:
            chosen[key] = entry
    written = []
    for (student, stem), (_order, aid, upload, when) in sorted(chosen.items()):
        for lang in LANGS:  # a resubmission in the other language replaces the first
            other = root / "submitted" / student / Lesson(stem).assignment(lang)
            if other.exists() and lang != parse_assignment(aid)[1]:
                shutil.rmtree(other)
        _write(student, aid, f"{stem}.ipynb", upload.data, when, root)
        written.append(f"{student}/{aid}")
    rosters.remember(
        root, [(u.identity, u.student, stem) for (_, stem), (_, _, u, _) in chosen.items()]
    )
    return written, notes


def collect_zip(
    path: Path, root: Path = COURSE, lms: str | None = None
) -> tuple[list[str], list[Note]]:
    """Collect an LMS zip (layout detected, or ``lms``); return the pairs written and the notes.

    Raises :class:`grader.lms.safezip.ZipRefused` or
    :class:`grader.lms.download.UnknownLayout` before anything is written.
    """
    uploads, notes = read_download(path, root, lms)
    written, more = collect_uploads(uploads, root)
    return written, notes + more


def collect_exchange(assignments: list[str], root: Path = COURSE) -> list[str]:
    """nbgrader's exchange collect (JupyterHub courses), assignment by assignment."""
    logs = []
    for aid in assignments:
        _, lang = parse_assignment(aid)
        result = api(root, lang=lang).collect(aid, update=True)
        logs.append(f"{aid}: {'ok' if result['success'] else result.get('error', '')[-500:]}")
    return logs
