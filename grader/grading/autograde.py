"""Autograde every submission with nbgrader, on a Dask cluster (local by default).

Each (student, assignment) is one nbgrader ``autograde`` in the sandbox on a Dask
worker (:mod:`grader.grading.cluster`): a local cluster of ``workers`` processes started
here, or the workers of an external scheduler. Workers get bytes and return bytes;
only this process writes the course folder and the gradebook, through nbgrader's
own gradebook writes on what each worker returned (:mod:`grader.grading.cluster.record`).
Grades do not depend on the number of workers or machines: every submission is
executed alone in a fresh kernel, whatever runs beside it.

Resuming: a submission is skipped when its marker says it was graded from the
same bytes *and* the same release of its assignment (a corrected test regrades
it); an interrupted run leaves no marker, so it is graded again.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from rich.progress import Progress

from grader.course import COURSE, config
from grader.grading.cluster.package import NotReleased
from grader.grading.fingerprints import files_of, fingerprint, release_fingerprint
from grader.grading.intake import check_submission
from grader.grading.jobs import (
    Job,
    Outcome,
    TooManyWorkers,
    _integrity,
    _interrupted,
    _size,
    _write_marker,
    already_graded,
    course_budgets,
    find_jobs,
)
from grader.grading.notes import Note, forget, record
from grader.sandbox import check_workers


def _create_students(students: set[str], root: Path) -> None:
    """Create students up front: two workers creating the same one would collide."""
    from nbgrader.api import Gradebook

    from grader.course import config

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
    scheduler: str | None = None,
) -> list[Outcome]:
    """Grade every submission found; in the sandbox unless ``sandboxed`` is False.

    On a local cluster of ``workers`` processes, or on the cluster of the Dask
    ``scheduler`` (``tcp://host:8786``). Without a working sandbox on this machine
    (local cluster) this raises :class:`grader.sandbox.SandboxUnavailable` before
    anything is graded (fail closed); a remote worker without one refuses work
    (:mod:`grader.grading.cluster.plugin`). A lost scheduler raises
    :class:`grader.grading.cluster.faults.SchedulerLost` once what finished is recorded.
    """
    config(root)  # a missing course root, or one under old lesson names, is said first
    if sandboxed and scheduler is None:
        from grader.sandbox import check

        check()
    jobs = find_jobs(assignments, students, root)
    releases = {aid: release_fingerprint(root, aid) for aid in {job.assignment for job in jobs}}
    notes: list[Note] = []
    todo, outcomes = [], []
    for job in jobs:
        if not force and already_graded(job, root, releases[job.assignment]):
            outcomes.append(Outcome(job, True, "already graded", skipped=True))
            continue
        todo.append(job)
    unreleased = sorted({job.assignment for job in todo} - {p.name for p in root.glob("release/*")})
    if unreleased:  # intake puts the release in place of an unreadable upload: it must exist
        raise NotReleased(
            f"{', '.join(unreleased)} never released in {root} (no release/{unreleased[0]}): "
            f"run `grader release {' '.join(unreleased)}` first"
        )
    for job in todo:
        notes += check_submission(job.student, job.assignment, root)
    if sandboxed and todo and scheduler is None:
        refused = check_workers(min(max(1, workers), len(todo)), course_budgets(root))
        if refused:
            raise TooManyWorkers(refused)
    graded = {(job.student, job.assignment) for job in todo}
    for stage in ("autograde", "integrity", "budget"):
        forget(stage, graded, root)
    record(notes, root)
    if todo:
        from grader.grading.cluster.package import package_assignment

        # refuses an assignment the gradebook does not hold, before anything is written to it
        packages = {
            aid: package_assignment(root, aid) for aid in sorted({j.assignment for j in todo})
        }
        _create_students({job.student for job in todo}, root)
        try:
            outcomes += _fan_out(
                todo, packages, root, workers, timeout, sandboxed, scheduler, progress
            )
        finally:
            _clear_stage(root)
    return sorted(outcomes, key=lambda o: (o.job.student, o.job.assignment))


STAGE = ".grader-incoming"  # in the course root: what workers returned, until recorded


def _clear_stage(root: Path) -> None:
    import shutil

    shutil.rmtree(root / STAGE, ignore_errors=True)


def _fan_out(
    todo: list[Job],
    packages: dict,
    root: Path,
    workers: int,
    timeout: int | None,
    sandboxed: bool,
    scheduler: str | None,
    progress: bool,
) -> list[Outcome]:
    """Submit every grading to Dask and record each result as it arrives."""
    from distributed import as_completed

    from grader.grading.cluster.faults import RETRIES, SchedulerLost, describe, is_lost_scheduler
    from grader.grading.cluster.local import open_client
    from grader.grading.cluster.plugin import NAME, GradingPlugin
    from grader.grading.cluster.tasks import grade_task, task_key
    from grader.grading.cluster.watch import arrivals

    # longest first (bigger notebooks run longer), so no worker is left alone at the end
    todo = sorted(todo, key=lambda job: -_size(root / "submitted" / job.student / job.assignment))
    outcomes: list[Outcome] = []
    where = scheduler or f"local cluster, {max(1, workers)} workers"
    with open_client(workers, scheduler) as client, Progress(disable=not progress) as bar:
        client.register_plugin(GradingPlugin(list(packages.values()), sandboxed), name=NAME)
        task = bar.add_task(f"autograde ({where})", total=len(todo))
        waiting = list(todo)
        running: dict = {}
        arrived = as_completed()

        def submit_next() -> None:
            job = waiting.pop(0)
            files = files_of(root / "submitted" / job.student / job.assignment)
            release = packages[job.assignment].fingerprint
            key = task_key(job.student, job.assignment, fingerprint(files), release)
            future = client.submit(
                grade_task,
                job.student,
                job.assignment,
                release,
                files,
                timeout,
                sandboxed,
                key=key,
                retries=RETRIES,
            )
            running[future] = (job, files, release)
            arrived.add(future)

        def fill() -> None:
            # as many gradings in flight as the cluster has threads, no more: the scheduler
            # then never queues one behind another on a worker, where that worker's death
            # would count against it too (Dask's allowed-failures)
            free = _threads(client) - len(running)
            for _ in range(min(max(free, 0 if running else 1), len(waiting))):
                submit_next()

        fill()
        lost = None
        say = lambda text: bar.update(task, description=text)  # noqa: E731
        for future in arrivals(arrived, client, say, f"autograde ({where})", scheduler):
            job, files, release = running.pop(future)
            try:
                result, failed = future.result(), ""
            except Exception as error:  # noqa: BLE001 - each kind is named below
                if is_lost_scheduler(error):
                    lost = error
                    continue
                result, failed = None, describe(error)
            if lost is None:
                # the next grading starts before this one is recorded: the worker that just
                # finished does not wait for the instructor's side to write the gradebook
                fill()
            if result is None:
                outcome = Outcome(job, False, failed)
            else:
                outcome = record_result(job, result, root, files, release)
            outcomes.append(outcome)
            record(_notes(outcome), root)
            bar.advance(task)
        if lost is not None:
            raise SchedulerLost(
                f"lost the Dask scheduler ({where}) after {len(outcomes)} of {len(todo)} "
                "submissions were recorded; run the same command again to grade the rest"
            )
    return outcomes


def _threads(client) -> int:
    """Threads of the workers the scheduler knows now (workers come and go)."""
    workers = client.scheduler_info(n_workers=-1).get("workers", {})
    return sum(info.get("nthreads", 1) for info in workers.values())


def record_result(
    job: Job,
    result,
    root: Path,
    files: dict[str, bytes],
    release: str,
) -> Outcome:
    """Record a worker's grading here with nbgrader's writes (:mod:`.cluster.record`)."""
    from grader.grading.cluster import record as rec
    from grader.grading.cluster.tasks import scores

    started = time.perf_counter()
    stage = root / STAGE / job.student / job.assignment
    submitted = root / "submitted" / job.student / job.assignment
    autograded = root / "autograded" / job.student / job.assignment
    cfg = config(root)
    submission = fingerprint(files)
    try:
        if (result.submission, result.release) != (submission, release):
            raise rec.Mismatch("the worker graded other bytes or another release")
        with rec.open_submission(cfg, job.student, job.assignment) as gb:
            if not result.success:  # nbgrader leaves no autograded folder after a failure
                shutil.rmtree(autograded, ignore_errors=True)
                logs = root / "logs"
                logs.mkdir(exist_ok=True)
                log = logs / f"{job.student}_{job.assignment}.log"
                log.write_text(result.log, encoding="utf-8")
                return Outcome(job, False, result.message or "nbgrader failed on the worker")
            rec.stage_files(stage, result.files)
            names = rec.check_release(cfg, gb, stage, submitted, job.assignment)
        rec.save_grades(cfg, stage, names, job.student, job.assignment)
        here = scores(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id, *_pair(job))
        if here != result.scores:
            raise rec.Mismatch(f"the worker's grades {result.scores} differ from {here}")
        rec.put_in_place(stage, autograded)
    except Exception as error:  # noqa: BLE001 - named in the outcome; the batch goes on
        shutil.rmtree(autograded, ignore_errors=True)
        reason = error if isinstance(error, rec.Mismatch) else f"{type(error).__name__}: {error}"
        return Outcome(job, False, f"recording the worker's grading failed: {reason}")
    _write_marker(job, root, submission, release)
    outcome = Outcome(job, True, _interrupted(job, root), integrity=_integrity(job, root))
    outcome.seconds = result.seconds
    outcome.started = result.started
    outcome.worker = result.worker
    outcome.recorded = time.perf_counter() - started
    outcome.recorded_until = time.time()
    return outcome


def _pair(job: Job) -> tuple[str, str]:
    return job.student, job.assignment


def _notes(outcome: Outcome) -> list[Note]:
    """What the grading log keeps of one outcome."""
    job = outcome.job
    notes = []
    if outcome.success and outcome.message:
        notes.append(
            Note(job.student, job.assignment, outcome.message, job.assignment, "autograde")
        )
    notes += [
        Note(job.student, job.assignment, text, job.assignment, "budget")
        if text.startswith("budget: ")
        else Note(job.student, job.assignment, f"suspicious: {text}", job.assignment, "integrity")
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
    return notes
