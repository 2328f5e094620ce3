"""Check every exercise both ways: the solution passes its tests, the release fails them.

A test cell that also passes on the released stub proves nothing, and a
solution that fails its own tests would cost every student points; both are
course bugs, and this module finds them.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .build import KERNEL_ENV, generate
from .lessons import Lesson
from .release import student_version

MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def grade_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """Autograder test cells: graded, not answers."""
    return [
        c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
        and not c.metadata["nbgrader"].get("solution")
    ]


def errors(cell: nbformat.NotebookNode) -> list[str]:
    return [f"{o.ename}: {o.evalue}" for o in cell.get("outputs", []) if o.output_type == "error"]


@dataclass
class Report:
    lesson: str
    lang: str
    problems: list[str] = field(default_factory=list)
    released_failures: dict[str, str] = field(default_factory=dict)


def check_solution(lesson: Lesson, lang: str) -> list[str]:
    """Problems in the stored, executed instructor notebook (solutions included)."""
    nb = nbformat.read(lesson.notebook(lang), as_version=4)
    problems = []
    for cell in nb.cells:
        if cell.cell_type == "code" and errors(cell):
            problems.append(f"{cell.id}: solution raises {errors(cell)[0]}")
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and out.name == "stderr":
                problems.append(f"{cell.id}: writes to stderr (nbgrader scores it 0): {out.text[:80]!r}")
    if not grade_cells(nb):
        problems.append("no autograded test cell")
    return problems


def run_release(lesson: Lesson, lang: str, timeout: int = 120) -> nbformat.NotebookNode:
    """Execute the released notebook (stubs in place) and return it with its outputs."""
    nb = student_version(generate(lesson, lang), lang)
    with tempfile.TemporaryDirectory() as tmp:
        for helper in lesson.course_notebook(lang).parent.glob("*.py"):
            shutil.copy(helper, Path(tmp) / helper.name)
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True)
        import os

        with client.setup_kernel(env={**os.environ, **KERNEL_ENV}, cwd=tmp):
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
    return nb


def check_release(lesson: Lesson, lang: str) -> Report:
    report = Report(lesson.stem, lang)
    instructor = generate(lesson, lang)
    nb = run_release(lesson, lang)
    text = "\n".join(c.source for c in nb.cells)
    for marker in MARKERS:
        if marker in text:
            report.problems.append(f"release still contains {marker!r}")
    answers = {
        c.id: c.source
        for c in instructor.cells
        if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "markdown"
    }
    for cell in nb.cells:
        if cell.id in answers and cell.source == answers[cell.id]:
            report.problems.append(f"{cell.id}: model answer left in the release")
    for cell in grade_cells(nb):
        errs = errors(cell)
        if not errs:
            report.problems.append(f"{cell.id}: tests pass on the released stub")
        else:
            report.released_failures[cell.id] = errs[0]
    return report
