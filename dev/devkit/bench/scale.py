"""``grader bench scale``: the same drawn class graded by the old pool and by Dask (not a test).

Why: issue 17 moved grading from a process pool on one machine to Dask distributed
with a PostgreSQL gradebook; this measures what the move costs on one machine and
what it buys beyond it. Each contender grades its own copy of one collected class
(``grader sample-class --students``, lessons with and without TensorFlow):

- **the process pool the course used before Dask**: its grading loop is
  kept here (:func:`pool_autograde`), not in the product, as the baseline; the
  workers run today's ``grade_one`` (the same nbgrader call and sandbox) and write
  the course's SQLite gradebook themselves;
- **the local Dask cluster** that ``grader autograde --workers N`` starts (its start
  is timed: every ``grader autograde`` pays it);
- **``dask scheduler`` + N ``dask worker`` commands** (one worker process each, as N
  machines would run) on loopback, recording into a throwaway PostgreSQL; these are
  long-lived services, so their start is not timed.

What is measured, and how: wall time; CPU time of every process the benchmark
starts, kernels inside the sandbox included (a cpuacct cgroup holding this
process: ``/usr/bin/time`` misses the sandboxed kernels, and so would psutil's
counters of waited-for children); each grading's own time on its worker; the
instructor's time recording each result (Dask paths); the peak resident memory of
each grading worker's process tree (the worker and the sandboxed kernel it runs,
sampled four times a second); the load average around each run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import COURSE, _prepare_environment, parse_assignment
from grader.grading.jobs import Job, Outcome, find_jobs

KINDS = ("pool", "local", "cli")
KIND_NAMES = {
    "pool": "process pool (before Dask), SQLite",
    "local": "local Dask cluster, SQLite",
    "cli": "dask CLI workers, PostgreSQL",
}


@dataclass
class Run:
    """One contender's grading of the class."""

    kind: str
    workers: int
    notebooks: int
    wall: float
    cpu: float | None
    load: tuple[float, float]  # 1-minute load average before and after
    grading: dict[str, list[float]] = field(default_factory=dict)  # assignment -> seconds
    recorded: float = 0.0  # the instructor's recording, summed (Dask paths)
    peaks: dict[int, int] = field(default_factory=dict)  # worker pid -> peak tree RSS bytes
    failed: int = 0

    @property
    def name(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def per_notebook(self) -> float:
        return self.wall / self.notebooks

    @property
    def graded_seconds(self) -> float:
        return sum(sum(times) for times in self.grading.values())

    @property
    def idle_per_notebook(self) -> float:
        """Worker time not spent grading, per notebook: start-up, dispatch, waits, the tail."""
        return (self.wall * self.workers - self.graded_seconds) / self.notebooks

    @property
    def peak_worker(self) -> int:
        return max(self.peaks.values(), default=0)


# -- the baseline: the grading loop before Dask -----------------------------------------


def _graded_and_timed(job: Job, root: Path, timeout: int | None) -> tuple[Outcome, float]:
    from grader.grading.jobs import grade_one

    start = time.perf_counter()
    outcome = grade_one(job, root, timeout, True)
    return outcome, time.perf_counter() - start


def pool_autograde(
    assignments: list[str], workers: int, root: Path, timeout: int | None = None
) -> list[tuple[Outcome, float]]:
    """The baseline: the process-pool ``autograde`` the course used before Dask, timed per grading.

    A ``ProcessPoolExecutor`` of ``workers`` processes, each running nbgrader's
    autograde on the shared course folder and SQLite gradebook; longest submissions
    first. Kept as the benchmark's baseline only.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from grader.grading.autograde import _create_students, _notes, _size
    from grader.grading.intake import check_submission
    from grader.grading.notes import forget, record
    from grader.sandbox import check

    check()
    jobs = find_jobs(assignments, None, root)
    notes = []
    for job in jobs:
        notes += check_submission(job.student, job.assignment, root)
    _create_students({job.student for job in jobs}, root)
    done = []
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        jobs.sort(key=lambda job: -_size(root / "submitted" / job.student / job.assignment))
        futures = {pool.submit(_graded_and_timed, job, root, timeout): job for job in jobs}
        for future in as_completed(futures):
            try:
                outcome, seconds = future.result()
            except Exception as error:  # noqa: BLE001 - a worker that died names its job
                outcome, seconds = Outcome(futures[future], False, f"{error}"), 0.0
            notes += _notes(outcome)
            done.append((outcome, seconds))
    graded = {(job.student, job.assignment) for job in jobs}
    forget("autograde", graded, root)
    forget("integrity", graded, root)
    record(notes, root)
    return done


# -- measuring ---------------------------------------------------------------------------


def _own_cpuacct() -> Path | None:
    """This process's cgroup v1 ``cpuacct`` folder, if the controller is mounted."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if "cpuacct" in controllers.split(","):
            mounted = Path("/sys/fs/cgroup/cpuacct")
            return mounted / path.lstrip("/") if mounted.is_dir() else None
    return None


class CpuMeter:
    """CPU time of this process and everything it starts, sandboxed kernels included.

    A cgroup v1 ``cpuacct`` group holding this process (its children inherit it);
    where none can be made (no root, cgroup v2 only), psutil's counters of this
    process, its waited-for children and the live ones, which miss kernels that
    ended inside the sandbox: ``source`` says which.
    """

    def __init__(self) -> None:
        self.group: Path | None = None
        self.source = "psutil (sandboxed kernels that ended are missed)"
        base = _own_cpuacct()
        if base is not None and (base / "cpuacct.usage").exists():
            # a child of our own group: whoever measures us there still counts us
            group = base / f"grader-bench-{os.getpid()}"
            try:
                group.mkdir(exist_ok=True)
                (group / "cgroup.procs").write_text(str(os.getpid()))
            except OSError:
                with contextlib.suppress(OSError):
                    group.rmdir()
            else:
                self.group = group
                self.source = f"cgroup {group}"

    def seconds(self) -> float:
        if self.group is not None:
            return int((self.group / "cpuacct.usage").read_text()) / 1e9
        import psutil

        me = psutil.Process()
        times = me.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += sum(child.cpu_times()[:2])
        return total

    def close(self) -> None:
        """Move this process and what is left of its own (fork servers) out; remove the group."""
        if self.group is None:
            return
        with contextlib.suppress(OSError):
            for pid in (self.group / "cgroup.procs").read_text().split():
                with contextlib.suppress(OSError):  # ended meanwhile
                    (self.group.parent / "cgroup.procs").write_text(pid)
            self.group.rmdir()
        self.group = None


KERNELS = ("ipykernel_launcher", "ipykernel")  # the sandboxed kernel's module, a bare kernel's
SANDBOX_CHAIN = (*KERNELS, "bwrap", "grader.sandbox.launch")


class WorkerMemory:
    """Peak resident memory of each grading worker's process tree, sampled in a thread.

    A grading worker is the process that started a sandboxed kernel (the kernel's
    nearest ancestor outside the sandbox's launcher chain): a pool process or a
    Dask worker process. Its tree is that process and every process below it, the
    kernel included; RSS counts shared pages in each process, so this is an upper
    bound of what the worker needs.
    """

    def __init__(self, every: float = 0.25) -> None:
        self.every = every
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(self.every):
            with contextlib.suppress(psutil.Error):
                self.sample(me.children(recursive=True))

    def sample(self, processes) -> None:
        import psutil

        for process in processes:
            try:
                if not any(k in " ".join(process.cmdline()) for k in KERNELS):
                    continue
                worker = process.parent()
                while worker and any(p in " ".join(worker.cmdline()) for p in SANDBOX_CHAIN):
                    worker = worker.parent()
                if worker is None:
                    continue
                tree = [worker, *worker.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in tree if p.is_running())
            except psutil.Error:
                continue
            self.peaks[worker.pid] = max(self.peaks.get(worker.pid, 0), rss)


# -- the class and the contenders ----------------------------------------------------------


def prepare(folder: Path, students: int, seed: int, lessons) -> Path:
    """A scratch course: the lessons released, a drawn class collected and made gradable."""
    from grader.authoring.release import release, set_due_date
    from grader.classes.drawn import drawn_class
    from grader.classes.sample import build_zip, load_class
    from grader.grading.intake import check_submission
    from grader.grading.notes import record
    from grader.languages import LANGS
    from grader.lms.collect import collect_zip

    root = folder / "base"
    root.mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    assignments = [lesson.assignment(lang) for lesson in lessons for lang in LANGS]
    release(assignments, root=root)
    spec = drawn_class(students, seed, load_class(), lessons)
    for aid in assignments:
        set_due_date(aid, spec["due"], root)
    _, notes = collect_zip(build_zip(folder / "class.zip", root=root, spec=spec), root)
    record(notes, root)
    for job in find_jobs(assignments, None, root):  # make every file gradable, untimed
        record(check_submission(job.student, job.assignment, root), root)
    return root


def _copy(base: Path, target: Path) -> Path:
    from devkit.bench.grading import _scratch

    _scratch(base, target)
    for name in ("grading_log.jsonl",):
        if (base / name).exists():
            shutil.copy(base / name, target / name)
    return target


def _by_assignment(pairs: list[tuple[Outcome, float]]) -> dict[str, list[float]]:
    grading: dict[str, list[float]] = {}
    for outcome, seconds in pairs:
        grading.setdefault(outcome.job.assignment, []).append(seconds)
    return grading


@contextlib.contextmanager
def _measured(meter: CpuMeter) -> Iterator[dict]:
    found: dict = {"load": os.getloadavg()[0]}
    cpu = meter.seconds()
    with WorkerMemory() as memory:
        start = time.perf_counter()
        yield found
        found["wall"] = time.perf_counter() - start
    found["cpu"] = meter.seconds() - cpu
    found["peaks"] = memory.peaks
    found["load"] = (found["load"], os.getloadavg()[0])


def run(
    students: int = 60,
    lessons: list[str] | None = None,
    seed: int = 0,
    workers: tuple[int, ...] = (1, 2),
    kinds: tuple[str, ...] = KINDS,
    timeout: int | None = None,
    say: Callable[[str], None] = print,
) -> tuple[list[Run], str]:
    """Grade one drawn class every way asked; the runs, and how CPU was counted."""
    from devkit.servers import postgres_server, start_dask
    from grader.db import use_database
    from grader.db.migrate import migrate
    from grader.db.url import sqlite_url
    from grader.grading.autograde import autograde
    from grader.grading.cluster.local import close_local_clusters
    from grader.lessons import select

    _prepare_environment()
    chosen = select(lessons or ["03", "12"])
    meter = CpuMeter()
    runs: list[Run] = []
    with (
        tempfile.TemporaryDirectory(prefix="grader-bench-scale-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        stack.callback(meter.close)  # last: the servers below have stopped by then
        folder = Path(tmp)
        say(f"drawing and collecting {students} students ({', '.join(x.stem for x in chosen)})")
        base = prepare(folder, students, seed, chosen)
        assignments = sorted({job.assignment for job in find_jobs(_all(chosen), None, base)})
        notebooks = len(find_jobs(assignments, None, base))
        postgres = stack.enter_context(postgres_server()) if "cli" in kinds else None
        for kind in kinds:
            for count in workers:
                root = _copy(base, folder / f"{kind}-{count}")
                say(f"{KIND_NAMES[kind]}, {count} worker(s): {notebooks} notebooks")
                cluster = None
                if kind == "cli":
                    url = postgres.database(f"bench_{count}")
                    migrate(sqlite_url(root), url)
                    use_database(url, root)
                    cluster = start_dask(folder / f"dask-{count}", count, commands=count)
                try:
                    with _measured(meter) as found:
                        if kind == "pool":
                            pairs = pool_autograde(assignments, count, root, timeout)
                        else:
                            outcomes = autograde(
                                assignments, None, count, root=root, timeout=timeout,
                                force=True, progress=False,
                                scheduler=cluster.address if cluster else None,
                            )  # fmt: skip
                            pairs = [(o, o.seconds) for o in outcomes]
                finally:
                    if cluster is not None:
                        cluster.stop()
                    use_database(None, root)
                    close_local_clusters()
                outcomes = [o for o, _ in pairs]
                runs.append(
                    Run(
                        kind, count, notebooks, found["wall"], found["cpu"], found["load"],
                        _by_assignment(pairs), sum(o.recorded for o in outcomes),
                        found["peaks"], sum(not o.success for o in outcomes),
                    )
                )  # fmt: skip
                say(f"  {runs[-1].wall:.1f} s wall, {runs[-1].cpu:.1f} s CPU")
                shutil.rmtree(root, ignore_errors=True)
    return runs, meter.source


def _all(lessons) -> list[str]:
    from grader.languages import LANGS

    return [lesson.assignment(lang) for lesson in lessons for lang in LANGS]


def uses_tensorflow(assignment: str) -> bool:
    """Whether the lesson imports Keras/TensorFlow (a second of start-up per kernel)."""
    lesson, _ = parse_assignment(assignment)
    text = lesson.source.read_text(encoding="utf-8")
    return "import keras" in text or "tensorflow" in text
