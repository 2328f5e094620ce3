"""The instructor's side of a grading: nbgrader records what a worker ran.

Why replay rather than copy: the gradebook must hold exactly what nbgrader itself
would have written (submission, timestamps, late penalty, every grade and
comment), whatever database it is. So the instructor's machine runs nbgrader's
own ``autograde`` on the submission as usual (sanitizing, ``OverwriteCells``,
``SaveAutoGrades``, ``AssignLatePenalties``), with one step swapped: instead of
executing the notebook, :class:`Replay` takes each code cell's outputs from the
notebook the worker executed in its sandbox. A worker's failure is replayed as
the same failure. The grades nbgrader records here are then compared with the
ones the worker's own nbgrader computed: they must be equal.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

FAILURE = "FAILURE.txt"


class ReplayMismatch(RuntimeError):
    """The executed notebook is not the one this course would grade."""


class WorkerFailed(RuntimeError):
    """The worker's nbgrader failed on this notebook (kernel died, timeout...)."""


class Replay(NbGraderPreprocessor):
    """In place of ``Execute``: the outputs of the worker's run, cell by cell."""

    stage = Unicode(help="Folder holding the worker's autograded files").tag(config=True)

    def preprocess(self, nb, resources):
        stage = Path(self.stage)
        if (stage / FAILURE).exists():
            raise WorkerFailed((stage / FAILURE).read_text(encoding="utf-8"))
        name = resources.get("unique_key", "")
        ran = nbformat.read(stage / f"{name}.ipynb", as_version=4)
        if len(ran.cells) != len(nb.cells):
            raise ReplayMismatch(f"{name}: {len(ran.cells)} cells run, {len(nb.cells)} here")
        for index, (cell, done) in enumerate(zip(nb.cells, ran.cells, strict=True)):
            if cell.source != done.source or cell.cell_type != done.cell_type:
                raise ReplayMismatch(f"{name}: cell {index + 1} differs from the one run")
            if cell.cell_type == "code":
                cell.outputs = done.outputs
                cell.execution_count = done.get("execution_count")
        return nb, resources


def replay_config(stage: Path, sandboxed: bool = True, timeout: int | None = None):
    """nbgrader's Autograde steps with :class:`Replay` in place of execution."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades

    from ..autograde import grading_config

    extra = grading_config(sandboxed, timeout)
    # the worker's run already went through IgnorePattern, LimitOutput and CheckCellMetadata
    # (and the sanitizing pass here checks the metadata again): what is left records it
    extra.Autograde.autograde_preprocessors = [
        Replay,
        ClearMetadataPreprocessor,
        SaveAutoGrades,
        AssignLatePenalties,
    ]
    extra.Replay.stage = str(stage)
    return extra


def stage_files(stage: Path, files: dict[str, bytes], failure: str = "") -> None:
    """Write what the worker returned where :class:`Replay` reads it."""
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    for name, data in files.items():
        path = (stage / name).resolve()
        if stage.resolve() not in path.parents:  # a worker names files; never outside
            raise ReplayMismatch(f"a returned file escapes its folder: {name!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if failure:
        (stage / FAILURE).write_text(failure, encoding="utf-8")


def copy_reports(stage: Path, autograded: Path) -> None:
    """The worker's reports (integrity, budgets) beside the recorded notebooks."""
    for path in stage.glob(".grader-*.json"):
        if not path.name.startswith(".grader-done"):
            shutil.copy(path, autograded / path.name)
