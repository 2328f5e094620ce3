"""Autograde every submission with nbgrader, in parallel worker processes.

Each (student, assignment) is one nbgrader ``autograde`` call in a worker
process, with the course's per-cell timeout; the gradebook is SQLite, whose
short write transactions wait for each other (see :func:`grader.course.config`).
Grades do not depend on the number of workers: every submission is executed
alone in a fresh kernel, whatever runs beside it.

Resuming: a submission is skipped when its marker says it was graded from the
same bytes; an interrupted run leaves no marker, so it is graded again.
"""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import Progress

from .course import COURSE, api, config, parse_assignment
from .intake import check_submission
from .notes import Note, forget, record
from .sandbox import Budgets, check_workers

MARKER = ".grader-done.json"


class TooManyWorkers(RuntimeError):
    """The workers' memory budgets together exceed what this machine has available."""


def course_budgets(root: Path = COURSE) -> Budgets:
    """The budgets the course's configuration gives each kernel (``SandboxedKernelManager``)."""
    from .kernel import SandboxedKernelManager

    manager = SandboxedKernelManager(config=config(root))
    return manager.budgets


@dataclass
class Job:
    student: str
    assignment: str


@dataclass
class Outcome:
    job: Job
    success: bool
    message: str = ""
    skipped: bool = False
    integrity: list[str] = field(default_factory=list)


def find_jobs(assignments: list[str], students: list[str] | None, root: Path = COURSE) -> list[Job]:
    jobs = []
    submitted = root / "submitted"
    if not submitted.exists():
        return jobs
    for student_dir in sorted(p for p in submitted.iterdir() if p.is_dir()):
        if students and student_dir.name not in students:
            continue
        for aid in assignments:
            if (student_dir / aid).is_dir():
                jobs.append(Job(student_dir.name, aid))
    return jobs


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.ipynb"))


def _marker(job: Job, root: Path) -> Path:
    return root / "autograded" / job.student / job.assignment / MARKER


def already_graded(job: Job, root: Path = COURSE) -> bool:
    marker = _marker(job, root)
    if not marker.exists():
        return False
    stored = json.loads(marker.read_text())
    return stored.get("submission") == _fingerprint(
        root / "submitted" / job.student / job.assignment
    )


KNOWN_FAILURES = {
    "DeadKernelError": "the kernel died running the notebook (crash, exit, memory): graded 0",
    "CellTimeoutError": "a cell never finished, even after an interrupt: graded 0",
}


def _reason(log: str) -> str:
    """The most telling line of a failed nbgrader run."""
    for needle, message in KNOWN_FAILURES.items():
        if needle in log:
            return message
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for needle in ("Timeout", "DeadKernel", "Kernel died", "Error:", "Exception:", "[ERROR]"):
        hits = [line for line in lines if needle in line and "see the the above" not in line]
        if hits:
            return hits[0][:300]
    return lines[-1][:300] if lines else "nbgrader failed"


def grading_config(sandboxed: bool = True, timeout: int | None = None):
    """nbgrader's Autograde steps, with the sandboxed executor in place of ``Execute``."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )
    from traitlets.config import Config

    from .preprocessors import SandboxedExecute

    extra = Config()
    # a deleted test cell is put back (and graded), not silently skipped
    extra.OverwriteCells.add_missing_cells = True
    if sandboxed:
        extra.Autograde.autograde_preprocessors = [
            SandboxedExecute,
            IgnorePattern,
            ClearMetadataPreprocessor,
            LimitOutput,
            SaveAutoGrades,
            AssignLatePenalties,
            CheckCellMetadata,
        ]
    if timeout:
        extra.Execute.timeout = timeout
        extra.SandboxedExecute.timeout = timeout
    return extra


def grade_one(
    job: Job, root: Path = COURSE, timeout: int | None = None, sandboxed: bool = True
) -> Outcome:
    """One nbgrader autograde; runs in a worker process."""
    _, lang = parse_assignment(job.assignment)
    extra = grading_config(sandboxed, timeout)
    fingerprint = _fingerprint(root / "submitted" / job.student / job.assignment)
    result = api(root, lang, extra).autograde(job.assignment, job.student, force=True, create=True)
    if not result["success"]:
        logs = root / "logs"
        logs.mkdir(exist_ok=True)
        text = f"{result.get('log', '')}\n{result.get('error', '')}"
        (logs / f"{job.student}_{job.assignment}.log").write_text(text, encoding="utf-8")
        return Outcome(job, False, _reason(text))
    _marker(job, root).write_text(json.dumps({"submission": fingerprint}))
    return Outcome(job, True, _interrupted(job, root), integrity=_integrity(job, root))


def _integrity(job: Job, root: Path) -> list[str]:
    """What the sandboxed executor reported about each notebook of the submission."""
    from .preprocessors.execute import INTEGRITY_PREFIX

    found = []
    for path in sorted(
        (root / "autograded" / job.student / job.assignment).glob(f"{INTEGRITY_PREFIX}*.json")
    ):
        found += json.loads(path.read_text(encoding="utf-8"))
    return found


def _interrupted(job: Job, root: Path) -> str:
    """Name the cells nbgrader interrupted at the per-cell timeout, if any."""
    import nbformat

    cells = []
    for path in sorted((root / "autograded" / job.student / job.assignment).glob("*.ipynb")):
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            for output in cell.get("outputs", []):
                # nbclient's own CellTimeoutError, and the kernel's KeyboardInterrupt if
                # the interrupt landed before nbclient gave up waiting (not under load)
                if output.get("output_type") == "error" and output.get("ename") in (
                    "KeyboardInterrupt",
                    "CellTimeoutError",
                ):
                    name = f"{path.name} cell {index + 1}"
                    if name not in cells:
                        cells.append(name)
    return f"interrupted at the per-cell timeout: {', '.join(cells)}" if cells else ""


def _create_students(students: set[str], root: Path) -> None:
    """Create students up front: two workers creating the same one would collide."""
    from nbgrader.api import Gradebook

    from .course import config

    cfg = config(root)
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        for student in sorted(students):
            gb.update_or_create_student(student)


def autograde(
    assignments: list[str],
    students: list[str] | None = None,
    workers: int = 1,
    root: Path = COURSE,
    timeout: int | None = None,
    force: bool = False,
    progress: bool = True,
    sandboxed: bool = True,
) -> list[Outcome]:
    """Grade every submission found; in the sandbox unless ``sandboxed`` is False.

    Without a working sandbox this raises :class:`grader.sandbox.SandboxUnavailable`
    before anything is graded (fail closed).
    """
    if sandboxed:
        from .sandbox import check

        check()
    jobs = find_jobs(assignments, students, root)
    notes: list[Note] = []
    todo, outcomes = [], []
    for job in jobs:
        if not force and already_graded(job, root):
            outcomes.append(Outcome(job, True, "already graded", skipped=True))
            continue
        notes += check_submission(job.student, job.assignment, root)
        todo.append(job)
    if sandboxed and todo:
        refused = check_workers(min(max(1, workers), len(todo)), course_budgets(root))
        if refused:
            raise TooManyWorkers(refused)
    _create_students({job.student for job in todo}, root)
    with Progress(disable=not progress, transient=False) as bar:
        task = bar.add_task(f"autograde ({workers} workers)", total=len(todo))
        with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
            # longest first (bigger notebooks run longer), so no worker is left alone at the end
            todo.sort(key=lambda job: -_size(root / "submitted" / job.student / job.assignment))
            futures = {pool.submit(grade_one, job, root, timeout, sandboxed): job for job in todo}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcome = future.result()
                except Exception as error:  # a worker that died still names its submission
                    outcome = Outcome(job, False, f"{type(error).__name__}: {error}")
                outcomes.append(outcome)
                if outcome.success and outcome.message:
                    notes.append(
                        Note(
                            job.student,
                            job.assignment,
                            outcome.message,
                            job.assignment,
                            "autograde",
                        )
                    )
                notes += [
                    Note(job.student, job.assignment, text, job.assignment, "budget")
                    if text.startswith("budget: ")
                    else Note(
                        job.student,
                        job.assignment,
                        f"suspicious: {text}",
                        job.assignment,
                        "integrity",
                    )
                    for text in outcome.integrity
                ]
                if not outcome.success:
                    notes.append(
                        Note(
                            job.student,
                            job.assignment,
                            f"autograde failed: {outcome.message}",
                            job.assignment,
                            "autograde",
                        )
                    )
                bar.advance(task)
    graded = {(job.student, job.assignment) for job in todo}
    for stage in ("autograde", "integrity", "budget"):
        forget(stage, graded, root)
    record(notes, root)
    return sorted(outcomes, key=lambda o: (o.job.student, o.job.assignment))
