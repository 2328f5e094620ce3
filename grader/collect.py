"""Put submissions where nbgrader expects them: ``submitted/<student>/<assignment>/``.

From an LMS download (a zip of ``<student>/<file>.ipynb``, each dated at upload
time), file names are parsed by nbgrader's own ``FileNameCollectorPlugin``. The
zip names a lesson, not a language, so each notebook is routed to the lesson's
EN or FR assignment by the language the release wrote in its metadata. Nothing a
student uploads is dropped silently: every oddity becomes a :class:`Note`
naming the student and the file, recorded in the grading log.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

from nbgrader.plugins import FileNameCollectorPlugin

from .course import COURSE, api, parse_assignment
from .languages import LANGS
from .lessons import Lesson, all_lessons
from .notes import Note

NAMED_REGEXP = r"^(?:.*/)?(?P<student_id>[A-Za-z0-9._-]+)/(?P<file_id>[^/]+\.ipynb)$"


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
    except (ValueError, UnicodeDecodeError):
        return None
    lang = meta.get("course", {}).get("lang")
    return lang if lang in LANGS else None


def _write(student: str, aid: str, name: str, data: bytes, when: datetime, root: Path) -> Path:
    folder = root / "submitted" / student / aid
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    return folder / name


def _usual_languages(archive: zipfile.ZipFile, plugin) -> dict[str, str]:
    """Each student's language in their readable notebooks: where to file an unreadable one."""
    seen: dict[str, list[str]] = {}
    for info in archive.infolist():
        found = None if info.is_dir() else plugin.collect(info.filename)
        lang = notebook_language(archive.read(info)) if found else None
        if lang:
            seen.setdefault(found["student_id"], []).append(lang)
    return {student: max(set(langs), key=langs.count) for student, langs in seen.items()}


def collect_zip(path: Path, root: Path = COURSE) -> tuple[list[str], list[Note]]:
    """Collect an LMS zip; return the ``student/assignment`` pairs written and the notes."""
    plugin = FileNameCollectorPlugin(named_regexp=NAMED_REGEXP)
    notes: list[Note] = []
    chosen: dict[tuple[str, str], tuple[datetime, str, str, bytes]] = {}
    with zipfile.ZipFile(path) as archive:
        usual = _usual_languages(archive, plugin)
        for info in archive.infolist():
            if info.is_dir():
                continue
            found = plugin.collect(info.filename)
            if not found:
                notes.append(Note("?", info.filename, "not <student>/<notebook>.ipynb: skipped"))
                continue
            student, file_id = found["student_id"], found["file_id"]
            lesson, renamed = match_lesson(file_id)
            if lesson is None:
                notes.append(Note(student, file_id, "matches no lesson: skipped"))
                continue
            data = archive.read(info)
            lang = notebook_language(data)
            unreadable = lang is None
            lang = lang or usual.get(student, LANGS[0])
            aid = lesson.assignment(lang)
            if unreadable:
                # Only what collect decided: the reason and the grade come from intake.
                notes.append(Note(student, file_id, f"language unknown: filed under {lang}", aid))
            if renamed:
                notes.append(
                    Note(student, file_id, f"renamed file: graded as {lesson.stem}.ipynb", aid)
                )
            when = datetime(*info.date_time)
            key = (student, lesson.stem)
            if key in chosen:
                older, newer = sorted([chosen[key], (when, aid, file_id, data)], key=lambda x: x[0])
                notes.append(
                    Note(student, older[2], f"duplicate: {newer[2]} (later) is graded", newer[1])
                )
                chosen[key] = newer
            else:
                chosen[key] = (when, aid, file_id, data)
    written = []
    for (student, stem), (when, aid, _file_id, data) in sorted(chosen.items()):
        for lang in LANGS:  # a resubmission in the other language replaces the first
            other = root / "submitted" / student / Lesson(stem).assignment(lang)
            if other.exists() and lang != parse_assignment(aid)[1]:
                shutil.rmtree(other)
        _write(student, aid, f"{stem}.ipynb", data, when, root)
        written.append(f"{student}/{aid}")
    return written, notes


def collect_exchange(assignments: list[str], root: Path = COURSE) -> list[str]:
    """nbgrader's exchange collect (JupyterHub courses), assignment by assignment."""
    logs = []
    for aid in assignments:
        _, lang = parse_assignment(aid)
        result = api(root, lang=lang).collect(aid, update=True)
        logs.append(f"{aid}: {'ok' if result['success'] else result.get('error', '')[-500:]}")
    return logs
