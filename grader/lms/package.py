"""Grades and feedback back into the LMS, in the files its own import reads.

Why here and not in :mod:`grader.lms.export`: the course's grades are one row per
student and lesson whichever language (:func:`grader.lms.export.rows`, late penalty
included); what changes per LMS is only the shape. Canvas takes its gradebook
CSV (:func:`grader.lms.canvas.write_gradebook`), Moodle its grade import CSV
(:func:`grader.lms.moodle.write_grades`). A written answer not yet graded by hand
leaves the cell empty (both imports read an empty cell as "no grade": the LMS
keeps what it had) unless asked otherwise, so a partial score never passes for a
final one. Feedback goes back as Moodle's feedback-files zip, one per lesson
(``mod/assign/feedback/file/importziplib.php``), and, where there is no such
upload (Canvas), as one folder per student.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from grader.lms import canvas, moodle
from grader.lms.roster import Roster


def _cells(rows, roster: Roster, scale: dict[str, float], lessons: list[str], ungraded: bool):
    by = {(r.student, r.lesson): r for r in rows}
    scores, waiting, missing = [], [], 0
    for entry in roster.students:
        cells = []
        for stem in lessons:
            row = by.get((entry["student"], stem))
            if row is None or not row.language:
                cells.append("")
                missing += 1
            elif row.needs_manual_grade and not ungraded:
                cells.append("")
                waiting.append(f"{entry['student']} {stem}")
            else:
                cells.append(f"{round(row.score * scale.get(stem, 1.0), 2):g}")
        scores.append(cells)
    return scores, waiting, missing


def write_grades(lms: str, rows, roster: Roster, path: Path, ungraded: bool = False) -> list[str]:
    """Write ``path`` in ``lms``'s import format; return what the instructor should know."""
    said: list[str] = []
    lessons = sorted({r.lesson for r in rows})
    maximum = {r.lesson: r.max_score for r in rows}
    columns, points, scale = [], [], {}
    for stem in lessons:
        known = roster.columns.get(stem)
        title = known["column"] if known else stem
        if known is None:
            said.append(
                f"{stem}: no {lms} gradebook column matched it (roster {roster.source}): "
                + (
                    "its column will create a new assignment on import"
                    if lms == "canvas"
                    else "map its column to the grade item by hand on Moodle's import form"
                )
            )
        possible = (known or {}).get("points") or maximum[stem]
        if abs(possible - maximum[stem]) > 1e-9:
            scale[stem] = possible / maximum[stem]
            said.append(
                f"{stem}: scores rescaled from {maximum[stem]:g} to the {possible:g} points "
                f"possible of {title!r}"
            )
        columns.append(title)
        points.append(possible)
    scores, waiting, missing = _cells(rows, roster, scale, lessons, ungraded)
    if lms == "canvas":
        canvas.write_gradebook(path, columns, points, roster.students, scores)
    else:
        moodle.write_grades(path, columns, roster.students, scores)
    if waiting:
        said.append(
            f"{len(waiting)} scores left empty, written answers still to grade in formgrader "
            f"({', '.join(waiting[:6])}{' ...' if len(waiting) > 6 else ''}); "
            "--include-ungraded exports them as they are"
        )
    if missing:
        said.append(f"{missing} cells empty for want of a submission (the LMS keeps what it has)")
    outside = sorted({r.student for r in rows} - set(roster.by_student()))
    if outside:
        said.append(
            f"not in the {lms} roster, not exported: {', '.join(outside)} "
            "(grader roster import, then collect again)"
        )
    return said


def _feedback_files(root: Path) -> list[tuple[str, str, Path]]:
    """(student, lesson stem, HTML file) for every feedback nbgrader wrote."""
    found = []
    for html in sorted((root / "feedback").glob("*/*/*.html")):
        student, aid = html.parent.parent.name, html.parent.name
        stem = aid.rsplit("_", 1)[0]
        found.append((student, stem, html))
    return found


def package_feedback(lms: str, roster: Roster | None, out: Path, root: Path) -> list[str]:
    """Moodle: one feedback-files zip per lesson; else (or unmatched) a folder per student."""
    said: list[str] = []
    zips: dict[str, zipfile.ZipFile] = {}
    loose = 0
    for student, stem, html in _feedback_files(root):
        pid = None
        if lms == "moodle" and roster is not None:
            pid = next(
                (
                    (key, who.get("name", student))
                    for key, who in sorted(roster.participants.items())
                    if who["student"] == student and stem in who.get("lessons", [])
                ),
                None,
            )
        if pid is not None:
            if stem not in zips:
                out.mkdir(parents=True, exist_ok=True)
                zips[stem] = zipfile.ZipFile(
                    out / f"{stem}_feedback.zip", "w", zipfile.ZIP_DEFLATED
                )
            zips[stem].write(html, f"{moodle.folder(pid[1], pid[0])}/{html.name}")
            continue
        if lms == "moodle":
            said.append(f"{student} {stem}: no Moodle participant id known, put in a folder")
        target = out / student / html.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(html, target)
        loose += 1
    for stem, archive in zips.items():
        archive.close()
        said.append(f"wrote {out / f'{stem}_feedback.zip'} (Moodle: upload it on {stem}'s page)")
    if loose:
        said.append(f"wrote {loose} feedback files in {out}/<student>/")
    return said
