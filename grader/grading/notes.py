"""The grading log: what happened to each student's files, for the instructor.

Every problem met while collecting, checking or grading a submission is a
:class:`Note` naming the student and the file; export and report read them back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from grader.course import COURSE

LOG_NAME = "grading_log.jsonl"


@dataclass
class Note:
    student: str
    file: str
    message: str
    assignment: str = ""
    stage: str = "collect"


def record(notes: list[Note], root: Path = COURSE) -> None:
    """Append notes to the course's grading log, read by report and export."""
    log_path = root / LOG_NAME
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("a", encoding="utf-8") as log:
        for note in notes:
            log.write(json.dumps(asdict(note), ensure_ascii=False) + "\n")


def read_log(root: Path = COURSE) -> list[Note]:
    log_path = root / LOG_NAME
    if not log_path.exists():
        return []
    lines = log_path.read_text(encoding="utf-8").splitlines()
    return [Note(**json.loads(line)) for line in lines if line.strip()]


def forget(stage: str, pairs: set[tuple[str, str]], root: Path = COURSE) -> None:
    """Drop earlier notes of ``stage`` for (student, assignment) pairs graded again."""
    kept = [
        note
        for note in read_log(root)
        if not (note.stage == stage and (note.student, note.assignment) in pairs)
    ]
    lines = [json.dumps(asdict(note), ensure_ascii=False) + "\n" for note in kept]
    (root / LOG_NAME).write_text("".join(lines), encoding="utf-8")
