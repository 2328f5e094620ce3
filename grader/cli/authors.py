"""Commands for authors and maintainers: build, check and publish the lessons."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import typer
from rich.table import Table

from grader.authoring import build as _build
from grader.cli.common import AUTHORS, assignments_of, console
from grader.lessons import ROOT, Lesson, select


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``, under their help panel."""
    for command in (build, perturb, site_cmd, check_exercises, validate_cmd):
        name = command.__name__.removesuffix("_cmd").replace("_", "-")
        app.command(name, rich_help_panel=AUTHORS)(command)


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


def build(
    ctx: typer.Context,
    lessons: list[str] = typer.Argument(None, help="Lesson prefixes, e.g. 01 02 (default: all)"),
    execute: bool = typer.Option(True, help="Execute the notebooks and store their outputs"),
    check: bool = typer.Option(False, "--check", help="Only report stale generated files"),
    workers: int = typer.Option(2, help="Notebooks built in parallel"),
) -> None:
    """Generate every lesson's EN and FR notebooks from its one source, and execute them;
    and the guide's command reference from this application."""
    from grader.cli import reference

    chosen = select(lessons)
    if check:
        stale = [path for lesson in chosen for path in _build.stale_files(lesson)]
        stale += reference.stale_pages(ctx.find_root().command)
        for path in stale:
            console.print(f"[red]stale[/red] {path}")
        if stale:
            console.print("Run `make build` to regenerate them.")
            raise typer.Exit(1)
        console.print(f"{len(chosen)} lessons and the command reference up to date.")
        return
    for page in reference.write_pages(ctx.find_root().command):
        console.print(f"wrote {page.relative_to(ROOT)}")
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        results = pool.map(_build_one, [x.stem for x in chosen], [execute] * len(chosen))
        times = [t for batch in results for t in batch]
    if times:
        console.print(_times_table(times))
    console.print(f"Built {len(chosen)} lessons into notebooks/<lang>/ and course/source/.")


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
    from grader.authoring.perturb import PERTURBATIONS, applicable, spread
    from grader.authoring.perturb import perturb as run

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
    from grader.authoring.margin import margins

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

    from grader.site.build import OUT, SiteBuildError, build_site
    from grader.site.check import page_weights, problems
    from grader.site.texts import MissingTranslation

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


def check_exercises(
    lessons: list[str] = typer.Argument(None, help="Lesson prefixes (default: all)"),
) -> None:
    """Each solution passes its tests; each released (solution-free) notebook fails them."""
    from grader.authoring.exercises import check_release, check_solution
    from grader.languages import LANGS

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
    from grader.authoring.validate import validate

    result = validate(
        assignments_of(assignments),
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
