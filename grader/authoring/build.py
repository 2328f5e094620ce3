"""Generate, execute and check the per-language notebooks of every lesson.

Composition only: each step is a small preprocessor (see
:mod:`grader.preprocessors`) or nbclient's executor, chained in the order
nbgrader's converters use. The generated files are committed and never edited
by hand; :func:`stale_files` says which ones no longer match their source.
"""

from __future__ import annotations

import copy
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from grader.kernel_env import KERNEL_ENV
from grader.languages import LANGS
from grader.lessons import HELPERS, SRC, Lesson, helper_targets
from grader.preprocessors import (
    CheckBilingual,
    ExpandGraderTags,
    FrenchTypography,
    SelectLanguage,
    StableCellIds,
    StripVolatileMetadata,
)


def read_source(lesson: Lesson) -> nbformat.NotebookNode:
    nb = jupytext.read(lesson.source)
    CheckBilingual().preprocess(nb, {"lesson": lesson.stem})
    return nb


def generate(lesson: Lesson, lang: str, source: nbformat.NotebookNode | None = None):
    """The unexecuted notebook of ``lesson`` in ``lang``."""
    nb = copy.deepcopy(source if source is not None else read_source(lesson))
    resources = {"lesson": lesson.stem}
    for step in (
        SelectLanguage(lang=lang),
        FrenchTypography(),
        ExpandGraderTags(),
        StableCellIds(),
        StripVolatileMetadata(),
    ):
        nb, resources = step.preprocess(nb, resources)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


@dataclass
class RunTime:
    path: Path
    total: float  # whole execution, kernel start excluded
    setup: float  # first code cell: imports, TensorFlow start, seeds

    @property
    def body(self) -> float:
        return self.total - self.setup


def execute(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 300) -> RunTime:
    """Run ``nb`` in place with a fresh kernel in ``cwd``; return its timings."""
    env = {**os.environ, **KERNEL_ENV}
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        record_timing=True,
        shutdown_kernel="immediate",  # nothing left to save; a graceful stop waits ~1.3 s
    )
    setup = None
    with client.setup_kernel(env=env, cwd=str(cwd)):
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            t0 = time.perf_counter()
            client.execute_cell(cell, index)
            if setup is None and cell.cell_type == "code":
                setup = time.perf_counter() - t0
        total = time.perf_counter() - start
    StripVolatileMetadata().preprocess(nb, {})
    return RunTime(cwd, total, setup or 0.0)


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def copy_helpers(lesson: Lesson) -> None:
    for folder in helper_targets(lesson):
        folder.mkdir(parents=True, exist_ok=True)
        for name in HELPERS:
            shutil.copyfile(SRC / name, folder / name)


def write_course_source(lesson: Lesson) -> dict:
    """nbgrader's source assignments of ``lesson`` (no execution); the notebooks by language."""
    source = read_source(lesson)
    copy_helpers(lesson)
    notebooks = {}
    for lang in LANGS:
        notebooks[lang] = generate(lesson, lang, source)
        write(notebooks[lang], lesson.course_notebook(lang))
    return notebooks


def build_lesson(lesson: Lesson, execute_notebooks: bool = True) -> list[RunTime]:
    times = []
    for lang, nb in write_course_source(lesson).items():
        target = lesson.notebook(lang)
        if execute_notebooks:
            times.append(execute(nb, target.parent))
            times[-1].path = target
        write(nb, target)
    return times


def _without_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def stale_files(lesson: Lesson) -> list[str]:
    """Generated files that differ from what the source generates now."""
    stale = []
    source = read_source(lesson)
    for lang in LANGS:
        expected = nbformat.writes(generate(lesson, lang, source)) + "\n"
        course = lesson.course_notebook(lang)
        if not course.exists() or course.read_text(encoding="utf-8") != expected:
            stale.append(str(course))
        target = lesson.notebook(lang)
        if not target.exists():
            stale.append(str(target))
            continue
        stored = _without_outputs(nbformat.read(target, as_version=4))
        if nbformat.writes(stored) + "\n" != expected:
            stale.append(str(target))
    for folder in helper_targets(lesson):
        for name in HELPERS:
            copy_ = folder / name
            if not copy_.exists() or copy_.read_bytes() != (SRC / name).read_bytes():
                stale.append(str(copy_))
    return stale
