"""What the instructor looks at after grading: distributions, pass rates, failing tests.

Read from nbgrader's gradebook (scores) and from the autograded notebooks
(which part of a test cell failed: a traceback line after the
``### BEGIN HIDDEN TESTS`` marker means the visible tests passed and a hidden
one did not, the sign of an answer tuned to the visible tests). EN and FR
submissions of a lesson are pooled: they share grade ids and points. The
figures and the table are written in the instructor's language (``TEXT``, from the
gettext catalogues of :mod:`grader.i18n`),
like everything else the course shows.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import numpy as np
from nbgrader.api import Gradebook

from grader.analysis.items import BLANK, OTHER, TESTS, Analysis, ItemStats, collect, lesson_title
from grader.course import COURSE, config, parse_assignment
from grader.grading.notes import read_log
from grader.i18n import N_, Table, translator

HIDDEN = "### BEGIN HIDDEN TESTS"
_LINE = re.compile(r"line (\d+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")

# Every label the report shows, in English; each language's from its catalogue
# (grader/i18n.py), which a test keeps complete.
TEXT = Table(
    {
        "score_y": N_("score / max score"),
        "lesson": N_("lesson"),
        "score_title": N_("Score distribution per lesson"),
        "pass_y": N_("share of submissions"),
        "full": N_("full marks"),
        "partial": N_("part of the points"),
        "zero": N_("no points"),
        "none": N_("no submission failed a hidden test only"),
        "exercise": N_("exercise (lesson:test cell)"),
        "pass_title": N_("Pass rate per exercise"),
        "hidden_x": N_("submissions passing the visible tests but failing hidden ones"),
        "hidden_title": N_("Hidden tests that fail most"),
        "table": N_("Exercises"),
        "test cell": N_("test cell"),
        "points": N_("points"),
        "submissions": N_("submissions"),
        "pass rate": N_("pass rate"),
        "hidden fails": N_("hidden fails"),
        "suspicious": N_("Suspicious submissions (see course/grading_log.jsonl)"),
        "saw": N_("what the grader saw"),
        "figure": N_("figure"),
        "table_file": N_("table"),
        "exercise_y": N_("exercise (lesson · test cell)"),
        "n": N_("n"),
        "title": N_("lesson"),
        "cell": N_("cell"),
        "kind": N_("kind"),
        "auto": N_("autograded"),
        "manual": N_("graded by hand"),
        "quiz": N_("quiz"),
        "difficulty": N_("difficulty"),
        "item_rest": N_("item-rest r"),
        "upper_lower": N_("upper-lower 27 %"),
        "suspect": N_("suspect"),
        "negative": N_("negative discrimination"),
        "distractor": N_("a distractor beats the right answer"),
        "items_title": N_(
            "Item analysis (difficulty: mean share of points; discrimination: "
            "item-rest r and upper-lower 27 %)"
        ),
        "map_title": N_("Difficulty vs discrimination per item"),
        "map_x": N_("difficulty (mean share of points; 1 = everyone scored)"),
        "map_y": N_("discrimination (item-rest r)"),
        "map_none": N_("no item has a defined discrimination yet (too few or identical scores)"),
        "options_title": N_("Answers per quiz question"),
        "options_x": N_("share of the answers"),
        "question": N_("question"),
        "right": N_("right answer"),
        "wrong": N_("wrong option"),
        "other": N_("other (not a letter)"),
        "blank": N_("blank"),
        "option": N_("option"),
        "share": N_("share"),
        "count": N_("count"),
        "is_right": N_("right"),
        "flag": N_("suspect"),
        "misconceptions": N_("Misconceptions behind failed tests"),
        "failed": N_("failed"),
        "mistake": N_("mistake or message"),
        "matched": N_("in the catalogue"),
        "yes": N_("yes"),
        "no": N_("no"),
        "matched_line": N_("{share} of those who failed `{exercise}`: {name} ({says})"),
        "unmatched_line": N_(
            "{share} of those who failed `{exercise}`: not in the catalogue: {message}"
        ),
        "no_message": N_("(no error message)"),
        "notes": N_("Notes"),
        "note_single": N_("{lesson}: {n} submission only, discrimination is undefined"),
        "note_unreadable": N_(
            "unreadable notebook, its scores are used without its answers: {path}"
        ),
        "note_catalogue": N_("{lesson}: the mistakes catalogue could not be read ({error})"),
        "note_failed": N_("item analysis skipped: {error}"),
        "note_key": N_(
            "{lesson}, {question}: the source's answer is {source!r} but the "
            "grading rewarded {graded!r} (source changed after grading?): shares "
            "use {graded!r}"
        ),
        "none_yet": N_("nothing to show yet"),
    }
)


@dataclass
class ExerciseStats:
    lesson: str
    grade_id: str
    points: float
    scores: list[float] = field(default_factory=list)
    hidden_failures: int = 0

    @property
    def label(self) -> str:
        return f"{self.lesson[:2]}:{self.grade_id}"

    @property
    def pass_rate(self) -> float:
        return sum(s >= self.points for s in self.scores) / len(self.scores) if self.scores else 0.0

    @property
    def zero_rate(self) -> float:
        return sum(s <= 0 for s in self.scores) / len(self.scores) if self.scores else 0.0


@dataclass
class Summary:
    lesson_scores: dict[str, list[float]]  # lesson -> fraction of max score, per student
    exercises: list[ExerciseStats]
    suspicious: list[str]
    items: Analysis | None = None  # item analysis (grader.analysis.items); None when not computed


def _failed_in_hidden(cell) -> bool:
    """Whether a test cell's error was raised after its hidden-tests marker."""
    lines = cell.source.splitlines()
    if HIDDEN not in cell.source:
        return False
    start = next(i for i, line in enumerate(lines) if HIDDEN in line) + 1
    for output in cell.get("outputs", []):
        if output.output_type != "error":
            continue
        text = _ANSI.sub("", "\n".join(output.get("traceback", [])))
        frames = [int(n) for n in _LINE.findall(text)]
        return bool(frames) and frames[0] > start
    return False


def summarize(root: Path = COURSE) -> Summary:
    cfg = config(root)
    lesson_scores: dict[str, list[float]] = defaultdict(list)
    stats: dict[tuple[str, str], ExerciseStats] = {}
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        for assignment in gb.assignments:
            lesson, _ = parse_assignment(assignment.name)
            for submission in assignment.submissions:
                if assignment.max_score:
                    lesson_scores[lesson.stem].append(submission.score / assignment.max_score)
                for notebook in submission.notebooks:
                    path = (
                        root
                        / "autograded"
                        / submission.student.id
                        / assignment.name
                        / f"{notebook.name}.ipynb"
                    )
                    cells = {}
                    if path.exists():
                        nb = nbformat.read(path, as_version=4)
                        cells = {
                            c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells
                        }
                    for grade in notebook.grades:
                        if grade.cell.cell_type != "code":  # written answers: graded by hand
                            continue
                        key = (lesson.stem, grade.name)
                        entry = stats.setdefault(
                            key, ExerciseStats(lesson.stem, grade.name, grade.max_score)
                        )
                        entry.scores.append(float(grade.score))
                        cell = cells.get(grade.name)
                        if (
                            cell is not None
                            and grade.score < grade.max_score
                            and _failed_in_hidden(cell)
                        ):
                            entry.hidden_failures += 1
    exercises = sorted(stats.values(), key=lambda e: (e.lesson, e.grade_id))
    suspicious = sorted(
        {
            f"{note.student} {note.assignment}: {note.message.removeprefix('suspicious: ')}"
            for note in read_log(root)
            if note.message.startswith("suspicious:")
        }
    )
    try:
        items = collect(root)
    except Exception as error:  # the older parts of the report stay useful without it
        items = Analysis([], [], [("note_failed", {"error": f"{type(error).__name__}: {error}"})])
    return Summary(dict(lesson_scores), exercises, suspicious, items)


def plot(summary: Summary, folder: Path, lang: str = "en") -> list[Path]:
    """Three PNG figures for the instructor, labelled in ``lang``; returns their paths."""
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, fig in figures(summary, lang).items():
        paths.append(folder / f"{name}.png")
        fig.savefig(paths[-1])
        plt.close(fig)
    return paths


def _wrap(text: str, width: int = 30) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _rows_height(labels: list[str], per_line: float = 0.19, extra: float = 1.6) -> float:
    """Figure height (inches) that gives each horizontal bar's label room for all its lines."""
    return extra + sum(max(0.32, per_line * (label.count("\n") + 1) + 0.08) for label in labels)


def percent(value: float, lang: str) -> str:
    """``41%`` in English, ``41 %`` in French: the locale's spacing, from CLDR."""
    return translator(lang).percent(value)


def figures(summary: Summary, lang: str = "en") -> dict:
    """The report's figures by file name, kept apart from saving so tests can read labels.

    Every category sits on the y axis of a horizontal chart, labelled with the lesson's
    title in ``lang`` (wrapped): long labels then stack instead of overlapping, and the
    figure grows with the number of rows (:func:`label_faults` checks it).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    text = TEXT[lang]
    made = {}

    lessons = sorted(summary.lesson_scores)[::-1]  # first lesson on top
    scores = [summary.lesson_scores[x] for x in lessons]
    ticks = [
        f"{_wrap(lesson_title(x, lang))}\n(n={len(s)})"
        for x, s in zip(lessons, scores, strict=True)
    ]
    fig, ax = plt.subplots(figsize=(8, _rows_height(ticks, extra=1.4)), layout="constrained")
    if lessons:
        ax.boxplot(scores, tick_labels=ticks, orientation="horizontal")
        # every student as a dot: a box hides a class split between blanks and full marks
        jitter = np.random.default_rng(0)
        for i, values in enumerate(scores, start=1):
            ys = i + jitter.uniform(-0.18, 0.18, len(values))
            ax.plot(values, ys, "o", color="C0", alpha=0.25, markersize=3)
    else:
        ax.text(0.5, 0.5, text["none_yet"], ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel(text["score_y"])
    ax.set_ylabel(text["lesson"])
    ax.set_title(text["score_title"])
    ax.set_xlim(-0.05, 1.05)
    ax.tick_params(axis="y", labelsize=8)
    made["score_distribution"] = fig

    rows = summary.exercises[::-1]
    labels = [f"{e.lesson[:2]} · {e.grade_id}" for e in rows]
    fig, ax = plt.subplots(figsize=(8, _rows_height(labels, extra=1.8)), layout="constrained")
    full = np.array([e.pass_rate for e in rows])
    zero = np.array([e.zero_rate for e in rows])
    ax.barh(labels, full, color="C2", label=text["full"])
    ax.barh(labels, 1 - full - zero, left=full, color="C1", label=text["partial"])
    ax.barh(labels, zero, left=1 - zero, color="C3", label=text["zero"])
    if not rows:
        ax.text(0.5, 0.5, text["none_yet"], ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel(text["pass_y"])
    ax.set_ylabel(text["exercise_y"])
    ax.set_title(text["pass_title"])
    ax.set_xlim(0, 1)
    ax.tick_params(axis="y", labelsize=8)
    fig.legend(fontsize=8, loc="outside lower center", ncols=3)
    made["pass_rate"] = fig

    ranked = sorted(summary.exercises, key=lambda e: -e.hidden_failures)[:10]
    ranked = [e for e in ranked if e.hidden_failures][::-1]
    labels = [f"{e.lesson[:2]} · {e.grade_id}" for e in ranked]
    fig, ax = plt.subplots(
        figsize=(8, _rows_height(labels or ["x"], extra=1.4)), layout="constrained"
    )
    ax.barh(labels, [e.hidden_failures for e in ranked], color="C3")
    if not ranked:
        ax.text(0.5, 0.5, text["none"], ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
    ax.set_xlabel(text["hidden_x"])
    ax.set_title(text["hidden_title"])
    ax.tick_params(axis="y", labelsize=8)
    made["hidden_failures"] = fig

    made["item_map"] = _item_map(summary, lang)
    made["quiz_options"] = _quiz_options(summary, lang)
    return made


def _item_label(stats: ItemStats) -> str:
    return f"{stats.item.lesson[:2]} · {stats.item.grade_id.removesuffix(TESTS)}"


def _item_map(summary: Summary, lang: str):
    """Difficulty against item-rest r: the lower half of the chart is what to reread first."""
    import matplotlib.pyplot as plt

    text = TEXT[lang]
    stats = [s for s in (summary.items.items if summary.items else []) if s.item_rest is not None]
    fig, ax = plt.subplots(figsize=(8, 5.5), layout="constrained")
    for index, kind in enumerate(("auto", "manual", "quiz")):
        chosen = [s for s in stats if s.item.kind == kind]
        if chosen:
            ax.scatter(
                [s.difficulty for s in chosen],
                [s.item_rest for s in chosen],
                color=f"C{index}",
                label=text[kind],
                alpha=0.8,
            )
    for s in stats:
        if s.suspect:
            ax.annotate(
                _item_label(s),
                (s.difficulty, s.item_rest),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=7,
                color="C3",
            )
    if not stats:
        ax.text(
            0.5, 0.5, _wrap(text["map_none"], 50), ha="center", va="center", transform=ax.transAxes
        )
    else:
        fig.legend(fontsize=8, loc="outside lower center", ncols=3)
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_xlim(-0.05, 1.1)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(text["map_x"])
    ax.set_ylabel(text["map_y"])
    ax.set_title(text["map_title"])
    return fig


def _quiz_options(summary: Summary, lang: str):
    """One stacked bar per question: the right answer's share first, in green."""
    import matplotlib.pyplot as plt

    text = TEXT[lang]
    quiz = [s for s in (summary.items.items if summary.items else []) if s.options][::-1]
    labels = [_item_label(s) + (f"\n({text['suspect']})" if s.suspect else "") for s in quiz]
    fig, ax = plt.subplots(
        figsize=(8, _rows_height(labels or ["x"], extra=1.8)), layout="constrained"
    )
    colors = {"right": "C2", "wrong": "C1", OTHER: "0.55", BLANK: "0.82"}
    shown = set()
    for row, s in enumerate(quiz):
        wrong = [k for k in s.options if k not in (s.right, OTHER, BLANK)]
        left = 0.0
        for key in [s.right, *wrong, OTHER, BLANK]:
            share = s.options.get(key, 0.0)
            role = "right" if key == s.right else key if key in (OTHER, BLANK) else "wrong"
            if share <= 0:
                continue
            ax.barh(
                row,
                share,
                left=left,
                color=colors[role],
                edgecolor="white",
                label=None if role in shown else text[role],
            )
            shown.add(role)
            if share >= 0.07 and role in ("right", "wrong"):
                ax.text(left + share / 2, row, key, ha="center", va="center", fontsize=8)
            left += share
    ax.set_yticks(range(len(quiz)), labels)
    if not quiz:
        ax.text(0.5, 0.5, text["none_yet"], ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
    else:
        fig.legend(fontsize=8, loc="outside lower center", ncols=4)
    ax.set_xlim(0, 1)
    ax.set_xlabel(text["options_x"])
    ax.set_ylabel(text["question"])
    ax.set_title(text["options_title"])
    ax.tick_params(axis="y", labelsize=8)
    return fig


def label_faults(fig) -> list[str]:
    """Tick labels that overlap one another, and any text cut off by the figure's edge.

    Draws the figure and compares the rendered boxes (in pixels), which is what a
    reader sees; an empty list means every label can be read.
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    faults = []
    for ax in fig.axes:
        shown = []
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            pairs = zip(axis.get_majorticklocs(), axis.get_majorticklabels(), strict=False)
            ticks = [  # matplotlib keeps labels for ticks outside the view: never drawn
                t
                for loc, t in pairs
                if t.get_visible() and t.get_text() and low - 1e-9 <= loc <= high + 1e-9
            ]
            shown += ticks
            boxes = [t.get_window_extent(renderer).expanded(1.0, 1.0) for t in ticks]
            for i, j in itertools.combinations(range(len(ticks)), 2):
                a, b = boxes[i], boxes[j]
                if (
                    a.x0 < b.x1 - 0.5
                    and b.x0 < a.x1 - 0.5
                    and a.y0 < b.y1 - 0.5
                    and b.y0 < a.y1 - 0.5
                ):
                    faults.append(f"overlap: {ticks[i].get_text()!r} / {ticks[j].get_text()!r}")
        for t in [*shown, ax.title, ax.xaxis.label, ax.yaxis.label]:
            if not (t.get_visible() and t.get_text()):
                continue
            box = t.get_window_extent(renderer)
            if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
                faults.append(f"cut off: {t.get_text()!r}")
    return faults


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def item_rows(summary: Summary, lang: str) -> list[dict[str, str]]:
    """One row per item, headed in ``lang``: the table of the CSV, the markdown and the CLI."""
    text = TEXT[lang]
    out = []
    for s in summary.items.items if summary.items else []:
        out.append(
            {
                text["title"]: lesson_title(s.item.lesson, lang),
                text["cell"]: s.item.grade_id,
                text["kind"]: text[s.item.kind],
                text["points"]: f"{s.item.points:g}",
                text["n"]: str(s.n),
                text["difficulty"]: _fmt(s.difficulty),
                text["item_rest"]: _fmt(s.item_rest),
                text["upper_lower"]: _fmt(s.upper_lower),
                text["suspect"]: "; ".join(text[r] for r in s.suspect),
            }
        )
    return out


def option_rows(summary: Summary, lang: str) -> list[dict[str, str]]:
    text = TEXT[lang]
    out = []
    for s in summary.items.items if summary.items else []:
        for option, share in (s.options or {}).items():
            out.append(
                {
                    text["title"]: lesson_title(s.item.lesson, lang),
                    text["question"]: s.item.grade_id.removesuffix(TESTS),
                    text["option"]: text.get(option, option)
                    if option in (OTHER, BLANK)
                    else option,
                    text["count"]: str(round(share * s.n)),
                    text["share"]: percent(share, lang),
                    text["is_right"]: text["yes"] if option == s.right else "",
                    text["flag"]: "; ".join(text[r] for r in s.suspect),
                }
            )
    return out


def misconception_lines(summary: Summary, lang: str) -> list[str]:
    """Sentences such as "41 % of those who failed `inverted_dropout`: no_rescaling (...)"."""
    text = TEXT[lang]
    lines = []
    for m in summary.items.misconceptions if summary.items else []:
        if not m.failed:
            continue
        for name, count in m.matched.most_common():
            says = m.says[name].get(lang) or next(iter(m.says[name].values()))
            share = percent(count / m.failed, lang)
            lines.append(
                text["matched_line"].format(share=share, exercise=m.grade_id, name=name, says=says)
            )
        for message, count in m.unmatched.most_common():
            share = percent(count / m.failed, lang)
            lines.append(
                text["unmatched_line"].format(
                    share=share, exercise=m.grade_id, message=message or text["no_message"]
                )
            )
    return lines


def misconception_rows(summary: Summary, lang: str) -> list[dict[str, str]]:
    text = TEXT[lang]
    out = []
    for m in summary.items.misconceptions if summary.items else []:
        found = [(name, n, True) for name, n in m.matched.most_common()]
        found += [(msg or text["no_message"], n, False) for msg, n in m.unmatched.most_common()]
        for what, count, matched in found:
            out.append(
                {
                    text["title"]: lesson_title(m.lesson, lang),
                    text["exercise"]: m.grade_id,
                    text["failed"]: str(m.failed),
                    text["mistake"]: what,
                    text["count"]: str(count),
                    text["share"]: percent(count / m.failed, lang),
                    text["matched"]: text["yes"] if matched else text["no"],
                }
            )
    return out


def note_lines(summary: Summary, lang: str) -> list[str]:
    """The notes of the item analysis in ``lang``, lessons named by their titles."""
    lines = []
    for key, args in summary.items.notes if summary.items else []:
        if "lesson" in args:
            args = {**args, "lesson": lesson_title(args["lesson"], lang)}
        if key == "note_blank":
            tr = translator(lang)
            line = tr.ngettext(
                "{lesson}: {n} blank submission (no points) is included",
                "{lesson}: {n} blank submissions (no points) are included",
                args["n"],
            )
            lines.append(line.format(**{**args, "n": tr.decimal(args["n"])}))
            continue
        lines.append(TEXT[lang][key].format(**args))
    return lines


def _markdown(rows: list[dict[str, str]], empty: str) -> list[str]:
    if not rows:
        return [f"_{empty}_", ""]
    head = list(rows[0])
    cell = lambda v: v.replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(r[h]) for h in head) + " |" for r in rows]
    return lines + [""]


def write_tables(summary: Summary, folder: Path, lang: str = "en") -> list[Path]:
    """CSV files and a markdown page of the item analysis, headed in ``lang``; their paths."""
    import csv

    text = TEXT[lang]
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "items": item_rows(summary, lang),
        "quiz_options": option_rows(summary, lang),
        "misconceptions": misconception_rows(summary, lang),
    }
    paths = []
    for name, rows in tables.items():
        path = folder / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            if rows:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        paths.append(path)
    page = [f"# {text['items_title']}", ""]
    page += _markdown(tables["items"], text["none_yet"])
    page += [f"## {text['options_title']}", ""] + _markdown(
        tables["quiz_options"], text["none_yet"]
    )
    page += [f"## {text['misconceptions']}", ""]
    page += [f"- {line}" for line in misconception_lines(summary, lang)] or [
        f"_{text['none_yet']}_"
    ]
    page += [""]
    notes = note_lines(summary, lang)
    if notes:
        page += [f"## {text['notes']}", ""] + [f"- {n}" for n in notes] + [""]
    for name in ("score_distribution", "pass_rate", "hidden_failures", "item_map", "quiz_options"):
        page.append(f"![{name}]({name}.png)")
    path = folder / "report.md"
    path.write_text("\n".join(page) + "\n", encoding="utf-8")
    return [*paths, path]


def print_items(summary: Summary, console, lang: str = "en") -> None:
    """The item analysis on the terminal: tables, misconception sentences, notes."""
    from rich.table import Table

    text = TEXT[lang]
    for title, rows in (
        (text["items_title"], item_rows(summary, lang)),
        (text["options_title"], option_rows(summary, lang)),
    ):
        if not rows:
            continue
        table = Table(title=title)
        for column in rows[0]:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row.values())
        console.print(table)
    lines = misconception_lines(summary, lang)
    if lines:
        console.print(f"[bold]{text['misconceptions']}[/bold]")
        for line in lines:
            console.print(f"  {line}", markup=False)
    for note in note_lines(summary, lang):
        console.print(
            f"{text['notes']}: {note}" if lang != "fr" else f"{text['notes']}\u202f: {note}",
            markup=False,
        )
