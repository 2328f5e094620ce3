"""The grading task, run on a worker: one submission in, what grading produced out.

Why a scratch course per task: nbgrader grades files in a course root. The worker
copies the assignment's template (from :mod:`.plugin`), writes the submission's
bytes into it, lets nbgrader's own ``autograde`` grade it in the sandbox (the
same :func:`grader.grading.jobs.grade_one` as ever), and returns the autograded
folder's files, the scores and nbgrader's failure log as bytes. The scratch
course is deleted; nothing is written to the instructor's machine from here.

A student's fault (a timeout, a dead kernel) comes back as a result, not an
exception: Dask retries exceptions and dead workers, not wrong answers.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.grading.fingerprints import files_of, fingerprint
from grader.grading.jobs import Job, grade_one


@dataclass
class TaskResult:
    """What one grading returns to the instructor's side."""

    student: str
    assignment: str
    success: bool
    message: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)
    log: str = ""
    worker: str = ""
    seconds: float = 0.0
    started: float = 0.0  # epoch seconds, on the worker's clock
    submission: str = ""  # fingerprints of the bytes and of the release it graded
    release: str = ""


def scores(db_url: str, course_id: str, student: str, assignment: str) -> dict[str, float | None]:
    """Auto scores of one submission, by ``notebook/grade cell``."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gb:
        submission = gb.find_submission(assignment, student)
        return {
            f"{nb.name}/{grade.name}": grade.auto_score
            for nb in submission.notebooks
            for grade in nb.grades
        }


def grade_task(
    student: str,
    assignment: str,
    release: str,
    submission: dict[str, bytes],
    timeout: int | None,
    sandboxed: bool,
) -> TaskResult:
    """Grade one submission on this worker (the function Dask runs)."""
    import time

    from distributed import get_worker

    from grader.course import config
    from grader.grading.cluster.plugin import NAME

    start, started = time.perf_counter(), time.time()
    worker = get_worker()
    template = worker.plugins[NAME].template(release)
    root = Path(tempfile.mkdtemp(prefix="grade-", dir=template.parent))
    try:
        shutil.copytree(template, root, dirs_exist_ok=True)
        folder = root / "submitted" / student / assignment
        for name, data in submission.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        outcome = grade_one(Job(student, assignment), root, timeout, sandboxed)
        result = TaskResult(student, assignment, outcome.success, outcome.message)
        result.submission, result.release = fingerprint(submission), release
        autograded = root / "autograded" / student / assignment
        if autograded.is_dir():
            result.files = files_of(autograded)
        if outcome.success:
            cfg = config(root)
            result.scores = scores(
                cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id, student, assignment
            )
        else:
            log = root / "logs" / f"{student}_{assignment}.log"
            result.log = log.read_text(encoding="utf-8") if log.exists() else ""
        result.worker = worker.address
        result.seconds = time.perf_counter() - start
        result.started = started
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


def task_key(student: str, assignment: str, submission: str, release: str) -> str:
    """Dask's key for one grading: different bytes or a new release never share one."""
    return f"grade-{student}-{assignment}-{submission[:16]}-{release[:16]}"
