"""``grader bench``: the benchmarks, one sub-command each (a plugin of ``grader``)."""

from __future__ import annotations

import os
import platform
from datetime import date
from pathlib import Path

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from grader.authoring import build as _build
from grader.cli.authors import _times_table
from grader.cli.common import console, state
from grader.lessons import ROOT, select

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Benchmarks: notebook run times, grading speed, grading at scale, similarity.",
)


@app.command("notebooks")
def notebooks(
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


@app.command("grading")
def grading(
    sandbox_only: bool = typer.Option(
        False, "--sandbox-only", help="Only 2 workers with and without the sandbox"
    ),
) -> None:
    """Time grader (1 and 2 workers) against plain nbgrader and bare nbconvert."""
    from devkit.bench.grading import run

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


@app.command("scale")
def scale(
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
    """Grade one drawn class with a plain process pool (the baseline), the local Dask cluster
    and dask scheduler + workers with PostgreSQL, each with 1 and 2 workers; print the table."""
    from datetime import UTC, datetime

    from devkit.bench.scale import KINDS, run
    from devkit.servers import stopped_on_sigterm

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
    from devkit.bench.scale import Run

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
    from devkit.bench.scale import uses_tensorflow

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
    """The figures that matter: Dask's overhead over the pool, and the 2-worker speed-up."""
    lines = [f"CPU counted by {cpu_source}"]
    by = {(r.kind, r.workers): r for r in runs}
    for r in runs:
        kind, count = r.kind, r.workers
        pool = by.get(("pool", count))
        if kind == "local" and pool:
            gap = 100 * (r.wall / pool.wall - 1)
            lines.append(
                f"local Dask, {count} worker(s): {gap:+.1f} % against the pool's wall time; "
                f"{(r.wall - pool.wall) / r.notebooks:+.2f} s per notebook of scheduling overhead"
            )
        one = by.get((kind, 1))
        if count == 2 and one:
            lines.append(f"{r.name}: 2 workers {one.wall / r.wall:.2f}x 1 worker")
        if r.failed:
            lines.append(f"[red]{r.name}, {count} worker(s): {r.failed} gradings failed[/red]")
    return lines


@app.command(
    "similarity",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def similarity(ctx: typer.Context) -> None:
    """The similarity check on a drawn class with planted copies (its options: --help)."""
    import sys

    from devkit.bench import similarity as bench

    sys.argv = ["grader bench similarity", *ctx.args]
    bench.main()
