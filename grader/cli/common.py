"""What every command module shares: the console, the course root, argument checks."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console

from grader.lessons import course_root

console = Console()
state = {"course": course_root()}

STUDENTS = "Students"
INSTRUCTORS = "Instructors"
AUTHORS = "Authors and maintainers"


def set_course(course: Path | None) -> Path:
    """Every stage reads the course root from here and from ``GRADER_COURSE`` (workers, too)."""
    root = (course or course_root()).resolve()
    state["course"] = root
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
