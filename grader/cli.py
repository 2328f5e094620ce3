"""The ``grader`` command: build and check the course (grading commands follow)."""

from __future__ import annotations

import os
import platform
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from . import build as _build
from .drawn_class import MIX_HELP
from .lessons import ROOT, Lesson, select

app = typer.Typer(add_completion=False, help=__doc__, no_args_is_help=True)
console = Console()
state = {"course": ROOT / "course"}


@app.callback()
def main(
    course: Path = typer.Option(
        ROOT / "course", help="nbgrader course root", envvar="GRADER_COURSE"
    ),
) -> None:
    """Build, release and grade the bilingual regularization course (on nbgrader)."""
    state["course"] = course.resolve()


def _build_one(stem: str, execute: bool) -> list[_build.RunTime]:
    return _build.build_lesson(Lesson(stem), execute_notebooks=execute)


def _times_table(times: list[_build.RunTime]) -> Table:
    table = Table(title="Notebook execution (kernel start excluded)")
    for col in ("notebook", "setup s", "lesson s", "total s"):
        table.add_column(col, justify="right" if col != "notebook" else "left")
    for t in times:
        table.add_row(
            str(t.path.relative_to(ROOT)), f"{t.setup:.1f}", f"{t.body:.1f}", f"{t.total:.1f}"
        )
    return table


@app.command()
def build(
    lessons: list[str] = typer.Argument(None, help="Lesson prefixes, e.g. 01 02 (default: all)"),
    execute: bool = typer.Option(True, help="Execute the notebooks and store their outputs"),
    check: bool = typer.Option(False, "--check", help="Only report stale generated files"),
    workers: int = typer.Option(2, help="Notebooks built in parallel"),
) -> None:
    """Generate every lesson's EN and FR notebooks from its one source, and execute them."""
    chosen = select(lessons)
    if check:
        stale = [path for lesson in chosen for path in _build.stale_files(lesson)]
        for path in stale:
            console.print(f"[red]stale[/red] {path}")
        if stale:
            console.print("Run `make build` to regenerate them.")
            raise typer.Exit(1)
        console.print(f"{len(chosen)} lessons up to date.")
        return
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        results = pool.map(_build_one, [x.stem for x in chosen], [execute] * len(chosen))
        times = [t for batch in results for t in batch]
    if times:
        console.print(_times_table(times))
    console.print(f"Built {len(chosen)} lessons into notebooks/<lang>/ and course/source/.")


@app.command()
def bench(
    lessons: list[str] = typer.Argument(None, help="Lesson prefixes (default: all)"),
    output: Path = typer.Option(ROOT / "notebooks" / "TIMINGS.md", help="Markdown table"),
) -> None:
    """Time each notebook's execution, one at a time, without rewriting any notebook."""
    times = []
    for lesson in select(lessons):
        for lang in _build.LANGS:
            nb = _build.generate(lesson, lang)
            run = _build.execute(nb, lesson.notebook(lang).parent)
            run.path = lesson.notebook(lang)
            times.append(run)
            console.print(f"{run.path.relative_to(ROOT)}: {run.total:.1f} s")
    console.print(_times_table(times))
    lines = [
        "# Notebook execution times",
        "",
        "Written by `make bench` (one notebook at a time, 2-core CPU). *setup* is the first",
        "code cell (imports, TensorFlow start-up, seeds); the 30 s budget applies to *lesson*.",
        "",
        f"Measured on {date.today().isoformat()}, {_machine()}: machines of the same kind",
        "differ, up to twice as slow (lesson 1 took 20 s on 2026-12-02).",
        "",
        "| notebook | setup s | lesson s | total s |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {t.path.relative_to(ROOT)} | {t.setup:.1f} | {t.body:.1f} | {t.total:.1f} |"
        for t in times
    ]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    console.print(f"Wrote {output}")  # may lie outside the project


def _machine() -> str:
    """The CPU the times were taken on: the same kind of machine is not always as fast."""
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        model = next(line.split(":", 1)[1].strip() for line in lines if "model name" in line)
    except (OSError, StopIteration):
        model = platform.processor() or "unknown CPU"
    return f"{model}, {os.cpu_count()} cores"


@app.command()
def perturb(
    lessons: list[str] = typer.Argument(None, help="Lesson prefixes (default: all)"),
    lang: str = typer.Option("en", help="Language of the notebooks (the code is the same)"),
    setting: list[str] = typer.Option(
        None, "--setting", "-s", help="Only these settings (default: all this CPU can play)"
    ),
    workers: int = typer.Option(2, help="Notebooks executed at once"),
    list_settings: bool = typer.Option(False, "--list", help="List the settings and stop"),
    margin: bool = typer.Option(
        False,
        "--margin",
        help="Print 4 more digits everywhere and report each number's spread over the "
        "settings and its margin to a rounding edge; fail where the margin is the smaller",
    ),
) -> None:
    """Re-run lessons under settings that change float rounding; fail if a compared output moves."""
    from .perturb import PERTURBATIONS, applicable, spread
    from .perturb import perturb as run

    settings = applicable(setting)
    if list_settings:
        for name, (why, env) in PERTURBATIONS.items():
            played = "" if name in settings else "  [dim](not on this CPU)[/dim]"
            pairs = " ".join(f"{k}={v}" for k, v in env.items()) or "-"
            console.print(f"[bold]{name}[/bold]: {why}\n    {pairs}{played}")
        return
    if margin:
        _margins(select(lessons), lang, settings, workers)
        return
    chosen = select(lessons)
    console.print(
        f"{len(chosen)} lessons x {len(settings)} settings ({', '.join(settings)}), "
        f"{workers} at a time"
    )
    outcomes = []
    for outcome in run(chosen, lang, settings, workers=workers):
        outcomes.append(outcome)
        name = outcome.notebook.relative_to(ROOT)
        if outcome.ok:
            console.print(f"[green]same[/green]   {name} under {outcome.setting}")
            continue
        console.print(f"[red]moved[/red]  {name} under {outcome.setting}")
        if outcome.error:
            console.print(f"    {outcome.error}", markup=False, highlight=False)
        for difference in outcome.differences:
            console.print(f"    {difference.describe()}", markup=False, highlight=False)
    failed = [o for o in outcomes if not o.ok]
    moved = spread(outcomes)
    if moved:
        console.print("Spread of the numbers that moved (stored value: every value seen):")
    for (notebook, cell, key, index), (stored, seen) in sorted(moved.items()):
        values = sorted(seen, key=lambda text: float(text.replace(",", ".")))
        console.print(
            f"  {notebook.name} cell {cell} {key} #{index}: {stored}: {values[0]} .. {values[-1]}"
            f" ({len(seen)} values)",
            markup=False,
            highlight=False,
        )
    if failed:
        console.print(
            f"[red]{len(failed)} of {len(outcomes)} runs differ from the stored outputs[/red]: "
            "print those numbers at a precision their spread supports, or make the run "
            "less sensitive (docs/guide/en/authors.md, Determinism)."
        )
        raise typer.Exit(1)
    console.print(f"All {len(outcomes)} runs give the stored outputs.")


def _margins(chosen: list[Lesson], lang: str, settings: dict, workers: int) -> None:
    from .margin import margins

    tight_total = 0
    for path, found, unaligned in margins(chosen, lang, settings, workers=workers):
        moving = [number for number in found if number.spread > 0]
        tight = [number for number in found if number.tight]
        tight_total += len(tight) + len(unaligned)
        console.print(
            f"{path.relative_to(ROOT)}: {len(found)} printed numbers, {len(moving)} vary below "
            f"their printed precision, {len(tight)} tight"
        )
        for number in sorted(moving, key=lambda n: n.margin / n.spread):
            flag = "[red]tight[/red]" if number.tight else "ok   "
            console.print(f"  {flag} ", end="")
            console.print(number.describe(), markup=False, highlight=False)
        for where in unaligned:
            console.print(f"  [red]not lined up[/red] {where}")
    if tight_total:
        console.print(f"[red]{tight_total} numbers or outputs with less margin than spread[/red]")
        raise typer.Exit(1)
    console.print("Every printed number keeps more margin than its spread.")


@app.command("site")
def site_cmd(
    fresh: bool = typer.Option(
        False, "--fresh", help="Rebuild every page (forget Sphinx's caches)"
    ),
    check: bool = typer.Option(
        True, help="Check the built site: every lesson, every link, no solution text, page weights"
    ),
) -> None:
    """Build the course website into build/site/, one site per language, from stored notebooks."""
    import time

    from .site.build import OUT, SiteBuildError, build_site
    from .site.check import page_weights, problems
    from .site.texts import MissingTranslation

    start = time.perf_counter()
    try:
        builds = build_site(fresh=fresh)
    except SiteBuildError as error:
        console.print("[red]Sphinx failed or warned:[/red]")
        console.print(str(error), markup=False, highlight=False)
        raise typer.Exit(1) from None
    except MissingTranslation as error:
        console.print(str(error), style="red", markup=False, highlight=False)
        raise typer.Exit(1) from None
    table = Table(
        title=f"Site built in {time.perf_counter() - start:.1f} s ({OUT.relative_to(ROOT)}/)"
    )
    for col in ("lang", "Sphinx s", "pages", "largest page", "HTML", "all it loads"):
        table.add_column(col, justify="left" if col in ("lang", "largest page") else "right")
    for run in builds:
        weights = page_weights(OUT / run.lang)
        top = max(weights, key=lambda w: w.total)
        table.add_row(
            run.lang,
            f"{run.seconds:.1f}",
            str(len(weights)),
            top.page.name,
            f"{top.html / 1e3:.0f} kB",
            f"{top.total / 1e6:.2f} MB",
        )
    console.print(table)
    found = problems(OUT) if check else []
    for problem in found:
        console.print(f"[red]{problem}[/red]", highlight=False)
    if found:
        raise typer.Exit(1)
    console.print(f"Open {OUT / 'index.html'} in a browser: no server needed.")


@app.command("check-exercises")
def check_exercises(
    lessons: list[str] = typer.Argument(None, help="Lesson prefixes (default: all)"),
) -> None:
    """Each solution passes its tests; each released (solution-free) notebook fails them."""
    from .exercises import check_release, check_solution
    from .languages import LANGS

    failed = False
    for lesson in select(lessons):
        for lang in LANGS:
            problems = check_solution(lesson, lang)
            report = check_release(lesson, lang)
            problems += report.problems
            for cell_id, error in report.released_failures.items():
                console.print(f"{lesson.stem} ({lang}) {cell_id}: release fails with {error[:100]}")
            for problem in problems:
                console.print(f"[red]{lesson.stem} ({lang}) {problem}[/red]")
            failed |= bool(problems)
    if failed:
        raise typer.Exit(1)
    console.print("Every exercise checked both ways.")


def _assignments(names: list[str] | None) -> list[str]:
    from .course import all_assignments

    chosen = all_assignments(names)
    if not chosen:
        raise typer.BadParameter(f"no assignment matches {names}")
    return chosen


@app.command("release")
def release_cmd(
    assignments: list[str] = typer.Argument(None, help="Lesson or assignment prefixes"),
    exchange: bool = typer.Option(False, help="Also release to nbgrader's exchange"),
    due: str = typer.Option(None, help="Due date, e.g. '2026-11-20 23:59:00' (UTC)"),
) -> None:
    """Generate the student versions of every assignment (both languages) into course/release/."""
    from .release import release, set_due_date

    root = state["course"]
    for aid in release(_assignments(assignments), exchange=exchange, root=root):
        if due:
            set_due_date(aid, due, root)
        console.print(f"released {aid}" + (f" (due {due})" if due else ""))


@app.command("sample-class")
def sample_class_cmd(
    output: Path = typer.Option(None, help="Zip to write [course/downloaded/sample_class.zip]"),
    students: int = typer.Option(
        None,
        "--students",
        min=1,
        help="Draw a class of N students instead of class.yml's seven: " + MIX_HELP,
    ),
    seed: int = typer.Option(0, help="With --students: the draw (same seed, same class)"),
    lesson: list[str] = typer.Option(
        None, "--lesson", help="With --students: only these lessons (prefixes, e.g. 03 10)"
    ),
) -> None:
    """Write the sample class's LMS zip from the current release, and set its due date.

    Without --students, exactly the class of course/sample_class/class.yml (make demo).
    """
    from .course import all_assignments
    from .release import set_due_date
    from .sample_class import build_zip, due_date, load_class

    root = state["course"]
    output = output or root / "downloaded" / "sample_class.zip"
    spec = None
    if students:
        from .drawn_class import drawn_class

        spec = drawn_class(students, seed, load_class(), select(lesson))
        missing = [
            f"{stem}_{info['lang']}"
            for info in spec["students"].values()
            for stem in info["lessons"]
            if not (root / "release" / f"{stem}_{info['lang']}").is_dir()
        ]
        if missing:
            console.print(f"[red]not released[/red]: {missing[0]}; run grader release first")
            raise typer.Exit(1)
    elif lesson:
        raise typer.BadParameter("--lesson goes with --students")
    console.print(f"wrote {build_zip(output, root=root, spec=spec)}")
    if spec is not None:
        _describe_class(spec, output.with_suffix(".yml"))
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


@app.command("sample-lms")
def sample_lms_cmd(
    lms: str = typer.Argument(..., help="canvas or moodle"),
    out: Path = typer.Option(None, help="Folder to write [course/downloaded/<lms>]"),
) -> None:
    """The sample class as that LMS hands it over: one download per lesson, roster(s)."""
    from datetime import datetime

    from .lms.sample import canvas_files, moodle_files
    from .sample_class import due_date

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


LMS_NAMES = ("canvas", "moodle", "folders")


def _lms_option(value: str | None, allowed: tuple[str, ...] = LMS_NAMES) -> str | None:
    if value is not None and value not in allowed:
        raise typer.BadParameter(f"{value!r}: one of {', '.join(allowed)}")
    return value


@app.command()
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
    from .collect import collect_exchange, collect_zip
    from .lms.download import UnknownLayout
    from .lms.safezip import ZipRefused
    from .notes import record

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
        for line in collect_exchange(_assignments(assignments), state["course"]):
            console.print(line)


roster_app = typer.Typer(add_completion=False, no_args_is_help=True)
app.add_typer(roster_app, name="roster", help="Map the LMS's people to nbgrader student ids.")

from .student.commands import app as student_app  # noqa: E402

app.add_typer(student_app, name="student", help="A student's workspace in their language.")


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
    from .lms.roster import import_roster, path

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


@app.command("autograde")
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
    from .autograde import TooManyWorkers, autograde
    from .cluster.faults import SchedulerLost
    from .cluster.package import NotReleased
    from .db import use_database
    from .sandbox import SandboxUnavailable

    use_database(db, state["course"])

    if unsafe_no_sandbox:
        console.print(
            "[bold red]UNSAFE: grading WITHOUT the sandbox. Student code runs with your rights, "
            "sees the course files and the gradebook, and can fake its test results.[/bold red]"
        )
    try:
        outcomes = autograde(
            _assignments(assignments),
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


@app.command("upgrade")
def upgrade_cmd() -> None:
    """Rename a course graded under old lesson names (gradebook, folders, log, roster)."""
    from .upgrade import upgrade

    for line in upgrade(state["course"]):
        console.print(line, highlight=False, soft_wrap=True)


db_app = typer.Typer(add_completion=False, no_args_is_help=True)
app.add_typer(db_app, name="db", help="The gradebook's database (SQLite or PostgreSQL).")


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
    from .db import redact
    from .db.migrate import MigrationRefused, migrate
    from .db.url import sqlite_url

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


@app.command("feedback")
def feedback_cmd(
    assignments: list[str] = typer.Argument(None, help="Lesson or assignment prefixes"),
    student: list[str] = typer.Option(None, "--student", help="Only these students"),
) -> None:
    """Per-student HTML feedback in course/feedback/, in the student's language."""
    from .feedback import generate_feedback, graded_pairs

    pairs = graded_pairs(_assignments(assignments), state["course"])
    failed = 0
    for who, aid in pairs:
        if student and who not in student:
            continue
        result = generate_feedback(aid, who, state["course"])
        if not result["success"]:
            failed += 1
            console.print(f"[red]{who} {aid}[/red]: feedback failed")
    console.print(f"feedback written to course/feedback/ ({failed} failed)")


@app.command("export")
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
    from .export import export_csv, export_lms

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


@app.command("report")
def report_cmd(
    output: Path = typer.Option(None, help="Folder for the figures [course/reports]"),
    lang: str = typer.Option("en", help="Language of the figures and the table (en, fr)"),
) -> None:
    """Score distribution, pass rates, hidden failures, and item analysis (see grader.items)."""
    from .report import TEXT, plot, summarize

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
            f"{e.pass_rate:.0%}",
            str(e.hidden_failures),
        )
    console.print(table)
    if summary.suspicious:
        flagged = Table(title=text["suspicious"])
        flagged.add_column(text["saw"], overflow="fold")
        for line in summary.suspicious:
            flagged.add_row(line)
        console.print(flagged)
    from .report import print_items, write_tables

    print_items(summary, console, lang)  # item analysis: difficulty, discrimination, quiz
    for path in plot(summary, output, lang):
        console.print(f"{text['figure']}: {path}")
    for path in write_tables(summary, output, lang):
        console.print(f"{text['table_file']}: {path}")


@app.command("similarity")
def similarity_cmd(
    lesson: list[str] = typer.Argument(None, help="Lessons (prefixes); all by default"),
    lang: str = typer.Option("en", help="Language of the pages (en, fr)"),
    threshold: float = typer.Option(None, help="Flag pairs scoring at least this"),
) -> None:
    """Who handed in someone else's work: every pair of a lesson's submissions, EN and FR.

    A flag is a reason to look, not a verdict. Writes course/reports/similarity_<lesson>.csv
    and one side-by-side page per flagged pair in course/reports/similarity/<lesson>/.
    """
    from .similarity import TEXT, THRESHOLD, fragments, similarity, write_csv, write_pages

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


@app.command("validate")
def validate_cmd(
    assignments: list[str] = typer.Argument(None, help="Lesson or assignment prefixes"),
    workers: int = typer.Option(2, help="Parallel worker processes"),
    mistakes: bool = typer.Option(True, help="Also check the catalogued wrong answers"),
    every_language: bool = typer.Option(
        False,
        help="Grade the solution and the blank through nbgrader in every language, even when "
        "the languages share their code (always so with --no-mistakes)",
    ),
) -> None:
    """Self-check: solution = full marks, blank = 0, EN = FR, every typical mistake loses points."""
    from .validate import validate

    result = validate(
        _assignments(assignments),
        workers=workers,
        mistakes=mistakes,
        every_language=every_language or not mistakes,
    )
    table = Table(title="Grading soundness per assignment")
    for col in ("assignment", "auto points", "solution", "blank", "verdict"):
        table.add_column(col)
    for c in result.checks:
        verdict = (
            "[green]ok[/green]" if not c.problems else "[red]" + "; ".join(c.problems) + "[/red]"
        )
        table.add_row(
            c.assignment,
            f"{c.max_auto:g}",
            *(
                f"{c.scores.get(probe, 0):g}"
                + (f" (graded as {c.shared[probe]})" if probe in c.shared else "")
                for probe in ("solution", "blank")
            ),
            verdict,
        )
    console.print(table)
    if result.mistakes:
        caught = sum(r.failed for _, r in result.mistakes)
        named = sum(bool(r.visible_message) for _, r in result.mistakes)
        console.print(
            f"wrong answers: {caught}/{len(result.mistakes)} lose points; "
            f"{named} already fail the visible tests, with the student told why"
        )
    for problem in result.problems:
        console.print(f"[red]{problem}[/red]")
    if not result.ok:
        raise typer.Exit(1)
    console.print("grading is sound")


@app.command("bench-grading")
def bench_grading(
    sandbox_only: bool = typer.Option(
        False, "--sandbox-only", help="Only 2 workers with and without the sandbox"
    ),
) -> None:
    """Time grader (1 and 2 workers) against plain nbgrader and bare nbconvert."""
    from .benchmark import run

    timings = run(state["course"], sandbox_only=sandbox_only)
    plain = next((t for t in timings if t.name.startswith("plain")), None)
    floor = next((t for t in timings if "nbconvert" in t.name), None)
    table = Table(title=f"Grading {timings[0].notebooks} submitted notebooks")
    for col in ("how", "wall s", "s / notebook", "vs plain nbgrader", "vs nbconvert"):
        table.add_column(col)
    for t in timings:
        table.add_row(
            t.name,
            f"{t.seconds:.1f}",
            f"{t.per_notebook:.1f}",
            f"{plain.seconds / t.seconds:.2f}x faster" if plain else "-",
            f"{t.per_notebook / floor.per_notebook:.2f}x the time" if floor else "-",
        )
    console.print(table)
    sandboxed = next(t for t in timings if t.name == "grader autograde --workers 2")
    bare = next(t for t in timings if "unsafe" in t.name)
    console.print(
        f"sandbox and trusted tests cost: {100 * (sandboxed.seconds / bare.seconds - 1):+.1f} % "
        f"({sandboxed.seconds:.1f} s against {bare.seconds:.1f} s without, 2 workers)"
    )


@app.command("bench-scale")
def bench_scale(
    students: int = typer.Option(
        60, min=1, help="Drawn students (grader sample-class --students); ~1.9 notebooks each"
    ),
    lesson: list[str] = typer.Option(
        None, "--lesson", help="Lessons handed in (prefixes) [03 (TensorFlow) and 10 (quiz)]"
    ),
    seed: int = typer.Option(0, help="The class's draw"),
    workers: list[int] = typer.Option([1, 2], "--workers", help="Worker counts to time"),
    only: list[str] = typer.Option(
        None, "--only", help="Only these ways: pool, local, cli [all three]"
    ),
    timeout: int = typer.Option(None, help="Per-cell timeout in seconds [the course's]"),
) -> None:
    """Grade one drawn class with 84f589f's process pool, the local Dask cluster and
    dask scheduler + workers with PostgreSQL, each with 1 and 2 workers; print the table."""
    from datetime import UTC, datetime

    from .bench_scale import KINDS, run
    from .cluster.servers import stopped_on_sigterm

    kinds = tuple(k for k in KINDS if not only or k in only)
    if only and set(only) - set(KINDS):
        raise typer.BadParameter(f"--only: one of {', '.join(KINDS)}")
    started = datetime.now(UTC)
    with stopped_on_sigterm():  # a killed benchmark stops its PostgreSQL and Dask servers
        runs, cpu_source = run(
            students, lesson or None, seed, tuple(workers), kinds, timeout,
            say=lambda text: console.print(text, highlight=False),
        )  # fmt: skip
    wide = Console(width=max(console.width, 170))
    wide.print(_scale_table(runs, started))
    wide.print(_lesson_table(runs))
    for line in _scale_findings(runs, cpu_source):
        wide.print(line, highlight=False)


def _scale_table(runs, started) -> Table:
    from .bench_scale import Run

    def same(kind: str, count: int) -> Run | None:
        return next((r for r in runs if r.kind == kind and r.workers == count), None)

    table = Table(
        title=f"Grading {runs[0].notebooks} notebooks, {started:%Y-%m-%d %H:%M} UTC, {_machine()}",
        box=box.SIMPLE_HEAD,
    )
    columns = ("how", "workers", "wall s", "CPU s", "s / nb", "vs 1 worker", "vs pool",
               "overhead s/nb", "idle s/nb", "record s/nb", "peak MiB/worker", "load")  # fmt: skip
    for col in columns:
        table.add_column(col, justify="left" if col == "how" else "right")
    for r in runs:
        one, pool = same(r.kind, 1), same("pool", r.workers)
        table.add_row(
            r.name,
            str(r.workers),
            f"{r.wall:.1f}",
            f"{r.cpu:.1f}",
            f"{r.per_notebook:.2f}",
            f"{one.wall / r.wall:.2f}x" if one and r.workers > 1 else "-",
            f"{100 * (r.wall / pool.wall - 1):+.1f} %" if pool and r.kind != "pool" else "-",
            f"{(r.wall - pool.wall) / r.notebooks:+.2f}" if pool and r.kind != "pool" else "-",
            f"{r.idle_per_notebook:.2f}",
            f"{r.recorded / r.notebooks:.2f}" if r.kind != "pool" else "-",
            f"{r.peak_worker / 2**20:,.0f}",
            f"{r.load[0]:.1f}-{r.load[1]:.1f}",
        )
    table.caption = (
        "overhead: (wall - pool's wall, same workers) / notebooks; idle: (wall x workers - "
        "grading time on the workers) / notebooks; record: the instructor's recording, "
        "overlapped with grading; peak: worker process + its sandboxed kernel (RSS); "
        "load: 1-min load average before-after"
    )
    return table


def _lesson_table(runs) -> Table:
    from .bench_scale import uses_tensorflow

    table = Table(title="Grading time per notebook on its worker (s, mean)", box=box.SIMPLE_HEAD)
    table.add_column("lesson")
    table.add_column("TensorFlow")
    table.add_column("notebooks", justify="right")
    for r in runs:
        table.add_column(f"{r.kind} {r.workers}", justify="right")
    stems = sorted({aid.rpartition("_")[0] for r in runs for aid in r.grading})
    for stem in stems:
        cells = []
        for r in runs:
            times = [t for aid, ts in r.grading.items() if aid.startswith(stem) for t in ts]
            cells.append(f"{sum(times) / len(times):.2f}" if times else "-")
        count = sum(len(ts) for aid, ts in runs[0].grading.items() if aid.startswith(stem))
        tf = "yes" if uses_tensorflow(f"{stem}_en") else "no"
        table.add_row(stem, tf, str(count), *cells)
    return table


def _scale_findings(runs, cpu_source: str) -> list[str]:
    """The issue's goals, said against the measured figures."""
    lines = [f"CPU counted by {cpu_source}"]
    by = {(r.kind, r.workers): r for r in runs}
    for r in runs:
        kind, count = r.kind, r.workers
        pool = by.get(("pool", count))
        if kind == "local" and pool:
            gap = 100 * (r.wall / pool.wall - 1)
            verdict = "within" if gap <= 5 else "beyond"
            lines.append(
                f"local Dask, {count} worker(s): {gap:+.1f} % against the pool's wall time "
                f"({verdict} the 5 % goal); {(r.wall - pool.wall) / r.notebooks:+.2f} s per "
                "notebook of scheduling overhead"
            )
        one = by.get((kind, 1))
        if count == 2 and one:
            speedup = one.wall / r.wall
            verdict = "meets" if speedup >= 1.8 else "misses"
            lines.append(f"{r.name}: 2 workers {speedup:.2f}x 1 worker ({verdict} the 1.8x goal)")
        if r.failed:
            lines.append(f"[red]{r.name}, {count} worker(s): {r.failed} gradings failed[/red]")
    return lines


if __name__ == "__main__":
    app()
