"""One submission graded by nbgrader in the sandbox: the worker's side of autograding.

Why a module of its own: a Dask worker (:mod:`grader.grading.cluster.tasks`) and the
coordinator (:mod:`grader.grading.autograde`) both need the job, its outcome and the
marker that says a submission was graded from these bytes and this release; keeping
them here lets the cluster package import them without importing the coordinator,
which imports the cluster package (no cycle).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import COURSE, api, config, parse_assignment
from grader.grading.fingerprints import files_of, fingerprint, release_fingerprint
from grader.sandbox import Budgets

MARKER = ".grader-done.json"


class TooManyWorkers(RuntimeError):
    """The workers' memory budgets together exceed what this machine has available."""


def course_budgets(root: Path = COURSE) -> Budgets:
    """The budgets the course's configuration gives each kernel (``SandboxedKernelManager``)."""
    from grader.sandbox.kernel import SandboxedKernelManager

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
    seconds: float = 0.0  # on the worker
    recorded: float = 0.0  # recording it here
    started: float = 0.0  # when the worker began it (epoch seconds)
    worker: str = ""  # which worker graded it
    recorded_until: float = 0.0  # when its recording here ended (epoch seconds)


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
    return fingerprint(files_of(folder))


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.ipynb"))


def _marker(job: Job, root: Path) -> Path:
    return root / "autograded" / job.student / job.assignment / MARKER


def already_graded(job: Job, root: Path = COURSE, release: str | None = None) -> bool:
    """Graded from these bytes, and from this release of the assignment's source."""
    marker = _marker(job, root)
    if not marker.exists():
        return False
    stored = json.loads(marker.read_text())
    release = release or release_fingerprint(root, job.assignment)
    return stored.get("release") == release and stored.get("submission") == _fingerprint(
        root / "submitted" / job.student / job.assignment
    )


KNOWN_FAILURES = {
    "DeadKernelError": "the kernel died running the notebook (crash, exit, memory): graded 0",
    "CellTimeoutError": "a cell never finished, even after an interrupt: graded 0",
    "JSONDecodeError": "the kernel sent messages the grader cannot read "
    "(the submission broke its kernel's messaging): graded 0",
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

    from grader.preprocessors import SandboxedExecute

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
    submitted = _fingerprint(root / "submitted" / job.student / job.assignment)
    result = api(root, lang, extra).autograde(job.assignment, job.student, force=True, create=True)
    if not result["success"]:
        logs = root / "logs"
        logs.mkdir(exist_ok=True)
        text = f"{result.get('log', '')}\n{result.get('error', '')}"
        (logs / f"{job.student}_{job.assignment}.log").write_text(text, encoding="utf-8")
        return Outcome(job, False, _reason(text))
    _write_marker(job, root, submitted, release_fingerprint(root, job.assignment))
    return Outcome(job, True, _interrupted(job, root), integrity=_integrity(job, root))


def _write_marker(job: Job, root: Path, submission: str, release: str) -> None:
    _marker(job, root).write_text(json.dumps({"submission": submission, "release": release}))


def _integrity(job: Job, root: Path) -> list[str]:
    """What the sandboxed executor reported about each notebook of the submission."""
    from grader.preprocessors.execute import INTEGRITY_PREFIX

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
