"""What every command module shares: the console, the course root, argument checks."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console

from grader.lessons import SRC, course_root

console = Console()
state = {"course": course_root()}

STUDENTS = "Students"
INSTRUCTORS = "Instructors"
AUTHORS = "Authors and maintainers"


def set_course(course: Path | None) -> Path:
    """Every command reads the course root from here; an installed grader (no lesson sources)
    also from ``GRADER_COURSE``, where its lessons are listed from the course root."""
    root = (course or course_root()).resolve()
    state["course"] = root
    if not SRC.is_dir():  # an installed grader lists the lessons from the course root's sources
        os.environ["GRADER_COURSE"] = str(root)
    return root


def assignments_of(names: list[str] | None) -> list[str]:
    from grader.course import all_assignments

    chosen = all_assignments(names)
    if not chosen:
        raise typer.BadParameter(f"no assignment matches {names}")
    return chosen


LMS_NAMES = ("canvas", "moodle", "folders")


def _lms_option(value: str | None, allowed: tuple[str, ...] = LMS_NAMES) -> str | None:
    if value is not None and value not in allowed:
        raise typer.BadParameter(f"{value!r}: one of {', '.join(allowed)}")
    return value
