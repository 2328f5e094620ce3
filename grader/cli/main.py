"""The ``grader`` application: the three audiences' command modules, and the plugins."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points
from pathlib import Path

import typer
from typer.core import TyperGroup

from grader.cli import authors, instructors, students
from grader.cli.common import AUTHORS, INSTRUCTORS, STUDENTS, set_course

PANELS = (STUDENTS, INSTRUCTORS, AUTHORS)


class AudienceOrder(TyperGroup):
    """Lists students' commands first, then instructors', then maintainers' (Typer would put
    every group after every single command)."""

    def list_commands(self, ctx) -> list[str]:
        names = super().list_commands(ctx)

        def rank(name: str) -> tuple[int, int]:
            panel = getattr(self.commands[name], "rich_help_panel", None)
            return (PANELS.index(panel) if panel in PANELS else len(PANELS), names.index(name))

        return sorted(names, key=rank)


app = typer.Typer(
    cls=AudienceOrder,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Build, release and grade the bilingual regularization course (on nbgrader).",
)


@app.callback()
def options(
    course: Path = typer.Option(
        None,
        help="nbgrader course root [the checkout's course/]",
        envvar="GRADER_COURSE",
        show_envvar=True,
    ),
) -> None:
    """Build, release and grade the bilingual regularization course (on nbgrader)."""
    set_course(course)


students.register(app)
instructors.register(app)
authors.register(app)
for plugin in entry_points(group="grader.commands"):
    try:
        commands = plugin.load()
    except ImportError as error:  # a plugin's package half-removed: the rest still works
        print(f"grader: the {plugin.name!r} commands are unavailable ({error})", file=sys.stderr)
        continue
    app.add_typer(commands, name=plugin.name, rich_help_panel=AUTHORS)


def main() -> None:
    """The ``grader`` command (``[project.scripts]`` and ``python -m grader``): a failure the
    user can act on (:class:`grader.errors.UserError`, an unreachable database) ends in a
    sentence in the command's language, never a traceback."""
    from grader.errors import run

    run(lambda: app(prog_name="grader"))
