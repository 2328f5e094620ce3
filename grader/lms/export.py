"""Grades as one row per student per lesson, whichever language the student chose.

The EN and FR assignments of a lesson are the same graded exercise (same grade
ids, same points), so a lesson's row takes the student's submission in either;
if both exist (a student who switched language), the later one counts and the
row says so. Scores come from nbgrader's gradebook, late penalty included.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from grader.course import COURSE, config, parse_assignment
from grader.grading.notes import read_log

FIELDS = [
    "student",
    "lesson",
    "language",
    "raw_score",
    "late_penalty",
    "score",
    "max_score",
    "needs_manual_grade",
    "submitted_at",
    "notes",
]


@dataclass
class Row:
    student: str
    lesson: str
    language: str
    raw_score: float
    late_penalty: float
    score: float
    max_score: float
    needs_manual_grade: bool
    submitted_at: str
    notes: str


def rows(root: Path = COURSE) -> list[Row]:
    cfg = config(root)
    notes = read_log(root)
    out: list[Row] = []
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        lessons: dict[str, list[str]] = {}
        for assignment in gb.assignments:
            lesson, _ = parse_assignment(assignment.name)
            lessons.setdefault(lesson.stem, []).append(assignment.name)
        for student in sorted(s.id for s in gb.students):
            for stem, aids in sorted(lessons.items()):
                found = []
                for aid in aids:
                    try:
                        found.append(gb.find_submission(aid, student))
                    except MissingEntry:
                        pass
                max_score = max(gb.find_assignment(a).max_score for a in aids)
                about = [n.message for n in notes if n.student == student and n.assignment in aids]
                if not found:
                    out.append(
                        Row(
                            student,
                            stem,
                            "",
                            0.0,
                            0.0,
                            0.0,
                            max_score,
                            False,
                            "",
                            "; ".join(about + ["no submission"]),
                        )
                    )
                    continue
                found.sort(key=lambda s: (s.timestamp is None, s.timestamp))
                chosen = found[-1]
                if len(found) > 1:
                    about.append("submitted in both languages: the later one counts")
                _, lang = parse_assignment(chosen.assignment.name)
                penalty = float(chosen.late_submission_penalty or 0.0)
                raw = float(chosen.score)  # as nbgrader's own CSV export: raw minus penalty
                out.append(
                    Row(
                        student,
                        stem,
                        lang,
                        round(raw, 2),
                        round(penalty, 2),
                        round(max(raw - penalty, 0.0), 2),
                        float(max_score),
                        bool(chosen.needs_manual_grade),
                        chosen.timestamp.isoformat() if chosen.timestamp else "",
                        "; ".join(dict.fromkeys(about)),
                    )
                )
    return out


def export_csv(path: Path, root: Path = COURSE) -> list[Row]:
    table = rows(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for row in table:
            writer.writerow(asdict(row))
    return table


def export_lms(
    lms: str, path: Path, root: Path = COURSE, include_ungraded: bool = False
) -> tuple[list[Row], list[str]]:
    """Grades in ``lms``'s gradebook import format at ``path``, feedback packaged beside it.

    The roster (``grader roster import``) gives the identity columns the LMS
    matches on; the rows are :func:`rows`, late penalty applied. Returns the rows
    and what the instructor should know (empty cells, rescaled columns, students
    outside the roster, where the feedback went).
    """
    from grader.lms import roster as rosters
    from grader.lms.package import package_feedback, write_grades

    roster = rosters.load(root)
    if roster is None or roster.lms != lms:
        raise ValueError(
            f"no {lms} roster in {rosters.path(root)}: first run grader roster import FILE "
            f"with the {lms} export ({'gradebook CSV' if lms == 'canvas' else 'grades export'})"
        )
    table = rows(root)
    said = write_grades(lms, table, roster, path, include_ungraded)
    said += package_feedback(lms, roster, path.parent / f"{path.stem}_feedback", root)
    return table, said
