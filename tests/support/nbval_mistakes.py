"""Catalogued wrong answers, checked in nbval's own kernel after a notebook's last cell.

Why here: the check needs a kernel in which the whole instructor notebook ran,
and nbval has just made one. Running the notebook once more for the mistakes
alone would cost a full execution per notebook and language (TensorFlow import
and training included), about a quarter of the suite.

Each test also runs as grading runs it (outside the kernel, with probes into it:
:func:`grader.authoring.exercises.trusted`), so the stub and every wrong answer must fail there
too, with the message the student's own run shows.

Rule: with ``--nbval``, every collected lesson notebook gets one more item,
``<notebook>::wrong answers lose points``, placed after its last cell, with the
same parent (so the same kernel, the same xdist group). Without ``--nbval``,
tests/course/test_mistakes.py runs the same check in kernels of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.authoring.exercises import MistakeResult, run_mistakes, trusted
from grader.lessons import ROOT, Lesson

ITEM_NAME = "wrong answers lose points"
CELL_TIMEOUT = 120


def verdict(stem: str, results: list[MistakeResult], problems: list[str]) -> list[str]:
    """What is wrong with a lesson's catalogue run: empty when every mistake loses points."""
    found = list(problems)
    if not results:
        found.append(f"{stem}: no catalogued wrong answers in notebooks/src/mistakes/")
    found += [
        f"wrong answer that still gets full marks: {r.grade_id}/{r.mistake}"
        for r in results
        if not r.failed
    ]
    for grade_id in sorted({r.grade_id for r in results}):
        if len([r for r in results if r.grade_id == grade_id]) < 3:
            found.append(f"{grade_id}: each exercise needs at least 3 catalogued wrong answers")
    return found


def lesson_of(path: Path) -> tuple[Lesson, str] | None:
    """``notebooks/<lang>/<stem>.ipynb`` -> (lesson, lang), for shipped lessons only."""
    path = Path(path).resolve()
    if path.parents[1] != (ROOT / "notebooks").resolve():
        return None
    lesson = Lesson(path.stem)
    return (lesson, path.parent.name) if lesson.source.exists() else None


class MistakesItem(pytest.Item):
    def __init__(self, *, lesson: Lesson, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lesson, self.lang = lesson, lang

    def runtest(self) -> None:
        client = self.parent.kernel.kc

        def execute(source: str) -> list[str]:
            found: list[str] = []

            def collect(message: dict) -> None:
                if message["msg_type"] == "error":
                    content = message["content"]
                    found.append(f"{content['ename']}: {content['evalue']}")

            client.execute_interactive(
                source,
                store_history=False,
                allow_stdin=False,
                timeout=CELL_TIMEOUT,
                output_hook=collect,
            )
            return found

        grade = trusted(client, self.lesson, self.lang)
        results, problems = run_mistakes(self.lesson, self.lang, execute, grade)
        wrong = verdict(self.lesson.stem, results, problems)
        if wrong:
            raise AssertionError("\n".join(wrong))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, AssertionError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"{self.lesson.stem} ({self.lang}): {ITEM_NAME}"


def add_mistake_items(items: list[pytest.Item]) -> None:
    """Insert one MistakesItem after the last nbval cell of each lesson notebook."""
    last: dict[object, int] = {}
    for index, item in enumerate(items):
        if type(item.parent).__name__ == "IPyNbFile":
            last[item.parent] = index
    for parent, index in sorted(last.items(), key=lambda pair: -pair[1]):
        found = lesson_of(parent.path)
        if found is None:
            continue
        lesson, lang = found
        item = MistakesItem.from_parent(parent, name=ITEM_NAME, lesson=lesson, lang=lang)
        items.insert(index + 1, item)
