"""``grader student init|open``: the one command a student types (``make student``)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import typer
from rich.console import Console

from grader.student import lab, labconfig
from grader.student.texts import text
from grader.student.workspace import WorkspaceError, normalize_lang, sync

app = typer.Typer(add_completion=False, no_args_is_help=True)
console = Console(highlight=False, soft_wrap=True)

DEFAULT_DIR = Path("~/regularization-course")

LANG = typer.Option("en", "--lang", help="en or fr (fr_FR.UTF-8 and the like work too)")
DIR = typer.Option(DEFAULT_DIR, "--dir", help="Your folder, outside the course's repository")
EXCHANGE = typer.Option(
    None, "--exchange", help="nbgrader's exchange folder (JupyterHub courses): assignment list"
)
LESSONS = typer.Argument(None, help="Lesson prefixes, e.g. 04 10 (default: all)")


def _init(folder: Path, lang: str, exchange: Path | None, lessons: list[str] | None) -> Path:
    try:
        report = sync(folder, lang, lessons, exchange=exchange is not None)
    except WorkspaceError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    labconfig.write(report.folder, report.lang, exchange.resolve() if exchange else None)
    for line in report.lines():
        console.print(line)
    if exchange is not None:
        console.print(text("from_exchange", report.lang))
    return report.folder


@app.command("init")
def init_cmd(
    lessons: list[str] = LESSONS, lang: str = LANG, folder: Path = DIR, exchange: Path = EXCHANGE
) -> None:
    """Create or update your workspace: the released lessons in your language, no solutions;
    new and corrected lessons added, your answers never overwritten."""
    _init(folder, lang, exchange, lessons)


@app.command("open")
def open_cmd(
    lessons: list[str] = LESSONS,
    lang: str = LANG,
    folder: Path = DIR,
    exchange: Path = EXCHANGE,
    port: int = typer.Option(8888, help="JupyterLab's port on this machine"),
) -> None:
    """Update your workspace (as `init`), then open JupyterLab on it in your language."""
    try:
        code = normalize_lang(lang)
    except WorkspaceError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    if not lab.port_free(port):  # before any work, and in one sentence
        console.print(f"[red]{text('port_busy', code, port=port)}[/red]")
        raise typer.Exit(1)
    root = _init(folder, lang, exchange, lessons)
    console.print(text("opening", code, folder=root))
    args = lab.command(root, port)
    os.chdir(root)
    if os.name == "nt":  # Windows has no exec that keeps the console: wait for the lab
        raise typer.Exit(subprocess.call(args, env=labconfig.environment(root)))
    os.execve(args[0], args, labconfig.environment(root))
