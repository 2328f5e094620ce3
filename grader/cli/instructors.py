"""Commands for instructors: release, collect, grade, give feedback, report, export."""

from __future__ import annotations

import csv
from pathlib import Path

import typer
from rich import box
from rich.table import Table

from grader.classes.drawn import MIX_HELP
from grader.cli.common import INSTRUCTORS, _lms_option, assignments_of, console, state
from grader.lessons import select

roster_app = typer.Typer(add_completion=False, no_args_is_help=True)
db_app = typer.Typer(add_completion=False, no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``, under their help panel, in a class's order."""
    for name, command in (
        ("release", release_cmd),
        ("collect", collect),
        ("autograde", autograde_cmd),
        ("feedback", feedback_cmd),
        ("report", report_cmd),
        ("similarity", similarity_cmd),
        ("export", export_cmd),
        ("upgrade", upgrade_cmd),
        ("sample-class", sample_class_cmd),
        ("sample-lms", sample_lms_cmd),
    ):
        app.command(name, rich_help_panel=INSTRUCTORS)(command)
    app.add_typer(
        roster_app,
        name="roster",
        help="Map the LMS's people to nbgrader student ids.",
        rich_help_panel=INSTRUCTORS,
    )
    app.add_typer(
        db_app,
        name="db",
        help="The gradebook's database (SQLite or PostgreSQL).",
        rich_help_panel=INSTRUCTORS,
    )


def upgrade_cmd() -> None:
    """Rename a course graded under old lesson names (gradebook, folders, log, roster)."""
    from grader.authoring.upgrade import upgrade

    for line in upgrade(state["course"]):
        console.print(line, highlight=False, soft_wrap=True)


def release_cmd(
    assignments: list[str] = typer.Argument(None, help="Lesson or assignment prefixes"),
    exchange: bool = typer.Option(False, help="Also release to nbgrader's exchange"),
    due: str = typer.Option(None, help="Due date, e.g. '2026-11-20 23:59:00' (UTC)"),
) -> None:
    """Generate the student versions of every assignment (both languages) into course/release/."""
    from grader.authoring.release import release, set_due_date

    root = state["course"]
    for aid in release(assignments_of(assignments), exchange=exchange, root=root):
        if due:
            set_due_date(aid, due, root)
        console.print(f"released {aid}" + (f" (due {due})" if due else ""))


def sample_class_cmd(
    output: Path = typer.Option(None, help="Zip to write [course/downloaded/sample_class.zip]"),
    students: int = typer.Option(
        None,
        "--students",
        min=1,
        help="Draw a class of N students instead of class.yml's students: " + MIX_HELP,
    ),
    seed: int = typer.Option(0, help="With --students: the draw (same seed, same class)"),
    lesson: list[str] = typer.Option(
        None, "--lesson", help="With --students: only these lessons (prefixes, e.g. 03 10)"
    ),
    vary: bool = typer.Option(
        False,
        help="With --students: each drawn student writes the answers in a personal style "
        "(equivalent formulations, names, comments; grader/analysis/variation.py)",
    ),
    plant: float = typer.Option(
        0.0,
        min=0.0,
        max=0.5,
        help="With --students: this share of drawn students copy another one (exact, "
        "renamed, reordered, translated comments, a wrong answer, partial; implies --vary); "
        "who copied whom goes to <zip>_copies.csv beside the zip, never into a submission",
    ),
) -> None:
    """Write the sample class's LMS zip from the current release, and set its due date.

    Without --students, exactly the class of course/sample_class/class.yml (make demo).
    """
    from grader.authoring.release import set_due_date
    from grader.classes.sample import build_zip, due_date, load_class
    from grader.course import all_assignments

    root = state["course"]
    output = output or root / "downloaded" / "sample_class.zip"
    spec = None
    if students:
        from grader.classes.drawn import drawn_class

        spec = drawn_class(students, seed, load_class(), select(lesson), vary, plant)
        missing = [
            f"{stem}_{info['lang']}"
            for info in spec["students"].values()
            for stem in info["lessons"]
            if not (root / "release" / f"{stem}_{info['lang']}").is_dir()
        ]
        if missing:
            console.print(f"[red]not released[/red]: {missing[0]}; run grader release first")
            raise typer.Exit(1)
    elif lesson or vary or plant:
        raise typer.BadParameter("--lesson, --vary and --plant go with --students")
    console.print(f"wrote {build_zip(output, root=root, spec=spec)}")
    if spec is not None:
        _describe_class(spec, output.with_suffix(".yml"))
    if spec is not None and "copies" in spec:
        manifest = output.with_name(f"{output.stem}_copies.csv")
        with manifest.open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["copier", "source", "kind"])
            out.writerows([c["copier"], c["source"], c["kind"]] for c in spec["copies"])
        console.print(f"{len(spec['copies'])} planted copies: {manifest}")
    for aid in all_assignments():
        if (root / "release" / aid).exists():
            set_due_date(aid, due_date(), root)
    console.print(f"due date of the released assignments: {due_date()}")


def _describe_class(spec: dict, path: Path) -> None:
    """Say what was drawn, and keep the class beside the zip (names and answers)."""
    from collections import Counter

    import yaml

    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    people = spec["students"].values()
    langs = Counter(info["lang"] for info in people)
    answers = spec["code_answers_drawn"]
    total = sum(answers.values()) or 1
    notebooks = sum(len(info["lessons"]) for info in people)
    late = sum(info["submitted"] > spec["due"] for info in people)
    damaged = sum(len(info.get("damage", {})) for info in people)
    console.print(
        f"{len(spec['students'])} students ({langs['en']} EN, {langs['fr']} FR), "
        f"{notebooks} notebooks, seed {spec['seed']}; drawn code answers: "
        + ", ".join(f"{answers[k] / total:.0%} {k}" for k in ("solution", "mistake", "blank"))
        + f"; {late} late, {damaged} damaged notebooks; the class: {path}",
        highlight=False,
    )


def sample_lms_cmd(
    lms: str = typer.Argument(..., help="canvas or moodle"),
    out: Path = typer.Option(None, help="Folder to write [course/downloaded/<lms>]"),
) -> None:
    """The sample class as that LMS hands it over: one download per lesson, roster(s)."""
    from datetime import datetime

    from grader.classes.sample import due_date
    from grader.lms.sample import canvas_files, moodle_files

    _lms_option(lms, ("canvas", "moodle"))
    root = state["course"]
    sample = root / "downloaded" / "sample_class.zip"
    if not sample.exists():
        console.print(f"[red]no {sample}[/red]: run grader sample-class first")
        raise typer.Exit(1)
    out = out or root / "downloaded" / lms
    due = datetime.strptime(due_date(), "%Y-%m-%d %H:%M:%S")
    made = (
        canvas_files(sample, out, root, due) if lms == "canvas" else moodle_files(sample, out, due)
    )
    for path in made:
        console.print(f"wrote {path}")


def collect(
    assignments: list[str] = typer.Argument(None, help="Assignments (exchange collection)"),
    zip_file: Path = typer.Option(
        None, "--zip", help="An LMS download: Canvas's, Moodle's, or <student>/<file>.ipynb"
    ),
    lms: str = typer.Option(
        None, "--lms", help="The zip's layout: canvas, moodle or folders [detected]"
    ),
) -> None:
    """Collect submissions into course/submitted/<student>/<assignment>/."""
    from grader.grading.notes import record
    from grader.lms.collect import collect_exchange, collect_zip
    from grader.lms.download import UnknownLayout
    from grader.lms.safezip import ZipRefused

    if zip_file:
        try:
            written, notes = collect_zip(zip_file, state["course"], _lms_option(lms))
        except (ZipRefused, UnknownLayout) as error:
            console.print(f"[red]refused[/red] {error}", highlight=False)
            raise typer.Exit(1) from None
        record(notes, state["course"])
        for note in notes:
            console.print(
                f"[yellow]{note.student}[/yellow] {note.file}: {note.message}", highlight=False
            )
        console.print(f"collected {len(written)} submissions from {zip_file.name}")
    else:
        for line in collect_exchange(assignments_of(assignments), state["course"]):
            console.print(line)


@roster_app.command("import")
def roster_import(
    file: Path = typer.Argument(
        ...,
        exists=True,
        dir_okay=False,
        help="Canvas gradebook CSV; Moodle grades export, participants or grading worksheet",
    ),
) -> None:
    """Read the LMS's roster into course/lms/roster.json (format detected)."""
    from grader.lms.roster import import_roster, path

    try:
        roster, said = import_roster(file, state["course"])
    except ValueError as error:
        console.print(f"[red]refused[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    for line in said:
        console.print(f"[yellow]note[/yellow] {line}", highlight=False)
    table = Table(title=f"{roster.lms} roster from {roster.source}", box=box.SIMPLE_HEAD)
    for col in ("student id", "name", "LMS id"):
        table.add_column(col)
    for entry in roster.students:
        lms_id = entry.get("ID") or entry.get("Email address") or entry.get("ID number", "")
        table.add_row(entry["student"], entry["full_name"], lms_id)
    console.print(table)
    for stem, column in sorted(roster.columns.items()):
        console.print(f"{stem} -> {roster.lms} column {column['column']!r}", highlight=False)
    if roster.participants:
        console.print(f"{len(roster.participants)} Moodle participant ids known")
    console.print(f"wrote {path(state['course'])}")


def autograde_cmd(
    assignments: list[str] = typer.Argument(None, help="Lesson or assignment prefixes"),
    student: list[str] = typer.Option(None, "--student", help="Only these students"),
    workers: int = typer.Option(2, help="Parallel worker processes"),
    timeout: int = typer.Option(None, help="Per-cell timeout in seconds"),
    force: bool = typer.Option(False, help="Regrade submissions already graded"),
    unsafe_no_sandbox: bool = typer.Option(
        False,
        "--unsafe-no-sandbox",
        help="Run student code with YOUR rights, outside the sandbox (trusted code only)",
    ),
    scheduler: str = typer.Option(
        None,
        help="A Dask scheduler, tcp://HOST:8786, whose `dask worker`s grade (default: a local "
        "cluster of --workers processes)",
    ),
    db: str = typer.Option(
        None,
        "--db",
        envvar="GRADER_DB",
        show_envvar=True,
        help="Gradebook database URL, e.g. postgresql+psycopg://USER@HOST/DB "
        "(default: the course config's db_url, else course/gradebook.db)",
    ),
) -> None:
    """Autograde every submission, in parallel, in the sandbox, resuming where a run stopped."""
    from grader.db import use_database
    from grader.grading.autograde import TooManyWorkers, autograde
    from grader.grading.cluster.faults import SchedulerLost
    from grader.grading.cluster.package import NotReleased
    from grader.sandbox import SandboxUnavailable

    use_database(db, state["course"])

    if unsafe_no_sandbox:
        console.print(
            "[bold red]UNSAFE: grading WITHOUT the sandbox. Student code runs with your rights, "
            "sees the course files and the gradebook, and can fake its test results.[/bold red]"
        )
    try:
        outcomes = autograde(
            assignments_of(assignments),
            student or None,
            workers,
            root=state["course"],
            timeout=timeout,
            force=force,
            sandboxed=not unsafe_no_sandbox,
            scheduler=scheduler,
        )
    except SchedulerLost as error:
        console.print(f"[bold red]Grading stopped:[/bold red] {error}", highlight=False)
        raise typer.Exit(3) from None
    except NotReleased as error:
        console.print(f"[bold red]Nothing was graded:[/bold red] {error}", highlight=False)
        raise typer.Exit(2) from None
    except SandboxUnavailable as error:
        console.print(f"[bold red]Nothing was graded: the sandbox cannot start.[/bold red] {error}")
        console.print("(To grade trusted code anyway: grader autograde --unsafe-no-sandbox)")
        raise typer.Exit(2) from None
    except TooManyWorkers as error:
        console.print(f"[bold red]Nothing was graded:[/bold red] {error}")
        raise typer.Exit(2) from None
    failed = [o for o in outcomes if not o.success]
    for o in failed:
        console.print(f"[red]{o.job.student} {o.job.assignment}[/red]: {o.message}")
    graded = sum(o.success and not o.skipped for o in outcomes)
    skipped = sum(o.skipped for o in outcomes)
    console.print(f"graded {graded}, already graded {skipped}, failed {len(failed)}")
    suspicious = [o for o in outcomes if o.integrity]
    for o in suspicious:
        console.print(
            f"[yellow]suspicious[/yellow] {o.job.student} {o.job.assignment}: "
            + "; ".join(o.integrity[:3])
        )


@db_app.command("migrate")
def db_migrate(
    target: str = typer.Argument(
        ..., help="PostgreSQL URL to copy into, e.g. postgresql+psycopg://USER@HOST/DB"
    ),
    source: str = typer.Option(
        None, "--from", help="Gradebook URL to copy [sqlite:///<course>/gradebook.db]"
    ),
) -> None:
    """Copy the course's SQLite gradebook into PostgreSQL (every table, row for row)."""
    from grader.db import redact
    from grader.db.migrate import MigrationRefused, migrate
    from grader.db.url import sqlite_url

    source = source or sqlite_url(state["course"])
    try:
        copied = migrate(source, target)
    except MigrationRefused as error:
        console.print(f"[red]refused[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    table = Table(title=f"{redact(source)} -> {redact(target)}", box=box.SIMPLE_HEAD)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for entry in copied:
        table.add_row(entry.table, str(entry.rows))
    console.print(table)
    console.print(
        f"copied {sum(e.rows for e in copied)} rows; grade into it with --db or GRADER_DB",
        highlight=False,
    )


def feedback_cmd(
    assignments: list[str] = typer.Argument(None, help="Lesson or assignment prefixes"),
    student: list[str] = typer.Option(None, "--student", help="Only these students"),
) -> None:
    """Per-student HTML feedback in course/feedback/, in the student's language."""
    from grader.grading.feedback import generate_feedback, graded_pairs

    pairs = graded_pairs(assignments_of(assignments), state["course"])
    failed = 0
    for who, aid in pairs:
        if student and who not in student:
            continue
        result = generate_feedback(aid, who, state["course"])
        if not result["success"]:
            failed += 1
            console.print(f"[red]{who} {aid}[/red]: feedback failed")
    console.print(f"feedback written to course/feedback/ ({failed} failed)")


def export_cmd(
    path: Path = typer.Argument(None, help="With --lms: the LMS import CSV to write"),
    csv_path: Path = typer.Option(None, "--csv", help="Output CSV [course/grades.csv]"),
    lms: str = typer.Option(
        None, "--lms", help="canvas or moodle: that LMS's gradebook import CSV, feedback beside it"
    ),
    include_ungraded: bool = typer.Option(
        False, "--include-ungraded", help="With --lms: export scores still awaiting manual grading"
    ),
) -> None:
    """One row per student per lesson (either language): raw score, late penalty, score."""
    from grader.lms.export import export_csv, export_lms

    if lms:
        _lms_option(lms, ("canvas", "moodle"))
        path = path or state["course"] / "lms" / f"{lms}_grades.csv"
        try:
            table, said = export_lms(lms, path, state["course"], include_ungraded)
        except ValueError as error:
            console.print(f"[red]refused[/red] {error}", highlight=False)
            raise typer.Exit(1) from None
        console.print(grade_table(table))
        for line in said:
            console.print(f"  {line}", highlight=False, soft_wrap=True)
        console.print(f"wrote {path} ({lms} gradebook import)")
        return
    csv_path = csv_path or path or state["course"] / "grades.csv"
    table = export_csv(csv_path, state["course"])
    console.print(grade_table(table))
    notes = grade_notes(table)
    if notes:
        console.print("Notes (also in the CSV):")
    for note in notes:
        console.print(f"  {note}", highlight=False, soft_wrap=True)
    console.print(f"wrote {len(table)} rows to {csv_path}")


def grade_table(rows) -> Table:
    """Students by lessons on one screen, the notes below: the CSV holds the rest.

    Why a matrix: one row per student and lesson (the CSV's shape) takes a screen
    per student; here a missing submission is a dash and an unusual one a note.
    """
    lessons = sorted({r.lesson for r in rows})
    maximum = {r.lesson: r.max_score for r in rows}
    table = Table(
        title="Grades out of each lesson's maximum, late penalty included",
        caption="* written answers still to grade in formgrader; - no submission",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
    )
    table.add_column("student")
    table.add_column("lang")
    for lesson in lessons:
        table.add_column(f"{lesson.split('_')[0]}\n/{maximum[lesson]:g}", justify="right")
    by_student: dict[str, dict[str, object]] = {}
    for r in rows:
        by_student.setdefault(r.student, {})[r.lesson] = r
    for student, mine in sorted(by_student.items()):
        langs = sorted({r.language for r in mine.values() if r.language})
        cells = []
        for lesson in lessons:
            r = mine.get(lesson)
            if r is None or not r.language:
                cells.append("-")
            else:
                cells.append(f"{r.score:g}" + ("*" if r.needs_manual_grade else ""))
        table.add_row(student, "+".join(langs) or "-", *cells)
    return table


def grade_notes(rows) -> list[str]:
    """What the instructor should know about a grade, beyond "no submission"."""
    notes = []
    for r in rows:
        text = "; ".join(n for n in r.notes.split("; ") if n and n != "no submission")
        if text:
            notes.append(f"{r.student} {r.lesson}: {text}")
    return notes


def report_cmd(
    output: Path = typer.Option(None, help="Folder for the figures [course/reports]"),
    lang: str = typer.Option("en", help="Language of the figures and the table (en, fr)"),
) -> None:
    """Score distribution, pass rates, hidden failures, item analysis per exercise and quiz item."""
    from grader.analysis.report import TEXT, plot, summarize
    from grader.i18n import translator

    if lang not in TEXT:
        raise typer.BadParameter(f"{lang!r}: one of {', '.join(TEXT)}", param_hint="--lang")
    text = TEXT[lang]
    output = output or state["course"] / "reports"
    summary = summarize(state["course"])
    table = Table(title=text["table"])
    for col in ("lesson", "test cell", "points", "submissions", "pass rate", "hidden fails"):
        table.add_column(text[col])
    for e in summary.exercises:
        table.add_row(
            e.lesson,
            e.grade_id,
            f"{e.points:g}",
            str(len(e.scores)),
            translator(lang).percent(e.pass_rate),
            str(e.hidden_failures),
        )
    console.print(table)
    if summary.suspicious:
        flagged = Table(title=text["suspicious"])
        flagged.add_column(text["saw"], overflow="fold")
        for line in summary.suspicious:
            flagged.add_row(line)
        console.print(flagged)
    from grader.analysis.report import print_items, write_tables

    print_items(summary, console, lang)  # item analysis: difficulty, discrimination, quiz
    for path in plot(summary, output, lang):
        console.print(f"{text['figure']}: {path}")
    for path in write_tables(summary, output, lang):
        console.print(f"{text['table_file']}: {path}")


def similarity_cmd(
    lesson: list[str] = typer.Argument(None, help="Lessons (prefixes); all by default"),
    lang: str = typer.Option("en", help="Language of the pages (en, fr)"),
    threshold: float = typer.Option(None, help="Flag pairs scoring at least this"),
) -> None:
    """Who handed in someone else's work: every pair of a lesson's submissions, EN and FR.

    A flag is a reason to look, not a verdict. Writes course/reports/similarity_<lesson>.csv
    and one side-by-side page per flagged pair in course/reports/similarity/<lesson>/.
    """
    from grader.analysis.similarity import (
        TEXT,
        THRESHOLD,
        fragments,
        similarity,
        write_csv,
        write_pages,
    )

    if lang not in TEXT:
        raise typer.BadParameter(f"{lang!r}: one of {', '.join(TEXT)}", param_hint="--lang")
    reports = state["course"] / "reports"
    for chosen in select(lesson or None):
        result = similarity(chosen, state["course"], threshold or THRESHOLD)
        for note in result.notes:
            console.print(f"[yellow]{note}[/yellow]")
        table = Table(title=f"{TEXT[lang]['title']}: {chosen.stem} ({result.students})")
        for col in ("rank", "pair", "score", "why"):
            table.add_column(TEXT[lang][col], overflow="fold")
        for rank, pair in enumerate(result.flagged, 1):
            table.add_row(str(rank), f"{pair.a} / {pair.b}", f"{pair.score:.1f}",
                          fragments(result, pair))  # fmt: skip
        console.print(table if result.flagged else TEXT[lang]["none"])
        csv_path = write_csv(result, reports / f"similarity_{chosen.stem}.csv")
        pages = write_pages(result, reports / "similarity" / chosen.stem, lang)
        console.print(f"{csv_path}; {len(pages)} page(s) in {reports / 'similarity' / chosen.stem}")
