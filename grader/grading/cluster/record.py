"""The instructor's side of a grading: nbgrader's gradebook writes, from what a worker returned.

Why not nbgrader's whole ``autograde`` a second time: the worker already ran it in
its scratch course and returns the autograded files, the notebooks exactly as
nbgrader wrote them (sanitized, executed in the sandbox, every preprocessor
applied). What is left for this machine is what nbgrader writes into the
gradebook, and that is done here with nbgrader's own code: the student and the
submission with its timestamp, and 0 for a missing notebook, as
``Autograde.init_assignment`` does; then, for each notebook, nbgrader's
``SaveAutoGrades`` and ``AssignLatePenalties`` on the returned notebook, so manual
scores are kept and the late penalty is the course's plugin's. Running the whole
conversion again (sanitizing, a replay of every cell, ``validate_nb``'s schema
checks, a dozen gradebook connections) took 0.6 s per quiz notebook on a 2-core
AMD EPYC, on the cores the workers grade with.

Why the checks: what is recorded must be this submission graded against this
release. The worker says which bytes and which release it graded (the task's
fingerprints); each returned notebook must have the gradebook's grade cells, with
their points, and its locked cells must hold the gradebook's source; and the
scores nbgrader then holds here must be the ones the worker's nbgrader computed.
Any difference refuses the recording, with the reason, and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import shutil
import warnings
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook

REPORTS = ".grader-"  # the worker's reports (integrity, budgets, its own completion marker)

_QUIET = logging.getLogger("grader.record")
_QUIET.addHandler(logging.NullHandler())
_QUIET.propagate = False  # nbgrader's "... is N seconds late" warnings: the notes say it


class Mismatch(RuntimeError):
    """What the worker returned is not this submission graded against this release."""


def stage_files(stage: Path, files: dict[str, bytes]) -> None:
    """Write what the worker returned in a folder of its own, never outside it."""
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    for name, data in files.items():
        path = (stage / name).resolve()
        if stage.resolve() not in path.parents:  # a worker names files; never outside
            raise Mismatch(f"a returned file escapes its folder: {name!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def open_submission(cfg, student: str, assignment: str) -> Gradebook:
    """nbgrader's ``init_assignment`` writes: the submission, its time, 0 for a missing notebook.

    Returns the open gradebook (close it), so the checks read the same connection.
    """
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=cfg)
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    timestamp = coursedir.get_existing_timestamp(str(submitted))
    gb = Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id)
    try:
        with warnings.catch_warnings():
            # nbgrader's own autoflush warnings on a new submission (its documentation shows
            # them too): harmless, and not the instructor's to read in every grading run
            warnings.filterwarnings("ignore", r"Object of type <Submitted\w+> not in session")
            _init_submission(gb, submitted, student, assignment, timestamp)
    except BaseException:
        gb.close()
        raise
    return gb


def _init_submission(gb: Gradebook, submitted: Path, student: str, assignment: str, timestamp):
    gb.update_or_create_student(student)
    gb.find_assignment(assignment)  # MissingEntry when it was never released here
    if timestamp:
        gb.update_or_create_submission(assignment, student, timestamp=timestamp)
    else:
        gb.update_or_create_submission(assignment, student)
    for notebook in gb.find_assignment(assignment).notebooks:
        if not (submitted / f"{notebook.name}.ipynb").exists():
            for grade in gb.find_submission_notebook(notebook.name, assignment, student).grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
            gb.db.commit()


def check_release(cfg, gb: Gradebook, stage: Path, submitted: Path, assignment: str) -> list[str]:
    """The returned notebooks against the gradebook's release; the names to record.

    A locked cell holds the release's source, or, when the student deleted a test cell,
    what nbgrader's ``OverwriteCells`` puts back (``add_missing_cells``): the same source
    after its own notice, made here by its own ``missing_cell_transform``.
    """
    from nbgrader.preprocessors import OverwriteCells

    overwrite = OverwriteCells(config=cfg)
    names = []
    for notebook in gb.find_assignment(assignment).notebooks:
        returned = stage / f"{notebook.name}.ipynb"
        if returned.exists() != (submitted / f"{notebook.name}.ipynb").exists():
            raise Mismatch(f"{notebook.name}.ipynb: submitted and returned do not match")
        if not returned.exists():
            continue
        nb = nbformat.read(returned, as_version=4)
        cells = {
            cell.metadata.nbgrader["grade_id"]: cell
            for cell in nb.cells
            if "grade_id" in cell.metadata.get("nbgrader", {})
        }
        graded = {name for name, cell in cells.items() if utils.is_grade(cell)}
        expected = {cell.name: cell.max_score for cell in notebook.grade_cells}
        if graded != set(expected):
            raise Mismatch(f"{notebook.name}: graded cells {sorted(graded)}, not the release's")
        for name, points in expected.items():
            if float(cells[name].metadata.nbgrader.get("points", 0)) != float(points):
                raise Mismatch(f"{notebook.name}: {name} is not worth {points} points")
        for source in notebook.source_cells:
            if not source.locked:
                continue
            allowed = {source.source}
            if source.name in expected:  # a grade cell, which nbgrader puts back when deleted
                put_back = overwrite.missing_cell_transform(source, expected[source.name])
                allowed.add(put_back["source"])
            if cells.get(source.name, {}).get("source") not in allowed:
                raise Mismatch(f"{notebook.name}: locked cell {source.name} is not the release's")
        names.append(notebook.name)
    return names


def save_grades(cfg, stage: Path, names: list[str], student: str, assignment: str) -> None:
    """nbgrader's ``SaveAutoGrades`` then ``AssignLatePenalties``, as its autograde runs them."""
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades

    for name in names:
        nb = nbformat.read(stage / f"{name}.ipynb", as_version=4)
        resources = {
            "nbgrader": {
                "notebook": name,
                "assignment": assignment,
                "student": student,
                "db_url": cfg.CourseDirectory.db_url,
            }
        }
        for step in (SaveAutoGrades, AssignLatePenalties):
            nb, resources = step(config=cfg, log=_QUIET).preprocess(nb, resources)


def put_in_place(stage: Path, autograded: Path) -> None:
    """The returned files become the course's autograded folder, read-only as nbgrader leaves it.

    The worker's own completion marker is dropped: this side writes its own once
    everything is recorded.
    """
    shutil.rmtree(autograded, ignore_errors=True)
    autograded.parent.mkdir(parents=True, exist_ok=True)
    for marker in stage.glob(f"{REPORTS}done*"):
        marker.unlink()
    shutil.move(stage, autograded)
    for path in autograded.rglob("*"):
        if path.is_file() and not path.name.startswith(REPORTS):
            os.chmod(path, 0o444)
