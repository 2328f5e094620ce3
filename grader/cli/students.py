"""Commands for students: a workspace in their language, and their lab."""

from __future__ import annotations

import typer

from grader.cli.common import STUDENTS


def register(app: typer.Typer) -> None:
    """Add ``grader student ...`` to ``app``, under the students' help panel."""
    from grader.student.commands import app as student_app

    app.add_typer(
        student_app,
        name="student",
        help="A student's workspace in their language, and JupyterLab on it.",
        rich_help_panel=STUDENTS,
    )
