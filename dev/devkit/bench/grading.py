"""Wall-clock comparison of ways to grade the same submissions (not a test).

Each contender grades its own copy of one set of collected submissions:
``grader autograde`` with 1 and with 2 workers, plain serial ``nbgrader
autograde`` (its own command, one assignment after another), and bare
``jupyter nbconvert --execute`` of each submitted notebook, the floor any
grader pays to run the student's code once.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from grader.course import COURSE, _prepare_environment, all_assignments
from grader.grading.autograde import autograde, find_jobs
from grader.grading.intake import check_submission


@dataclass
class Timing:
    name: str
    seconds: float
    notebooks: int

    @property
    def per_notebook(self) -> float:
        return self.seconds / self.notebooks if self.notebooks else 0.0


def _scratch(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("nbgrader_config.py", "gradebook.db"):
        shutil.copy(source / name, target / name)
    for folder in ("source", "release", "submitted"):
        shutil.copytree(source / folder, target / folder)
    return target


def _timed(name: str, notebooks: int, action) -> Timing:
    start = time.perf_counter()
    action()
    return Timing(name, time.perf_counter() - start, notebooks)


def run(root: Path = COURSE, sandbox_only: bool = False) -> list[Timing]:
    """Grade ``root``'s submissions five ways; ``root`` itself is not modified.

    ``sandbox_only`` keeps the two runs that differ only by the sandbox (2 workers,
    with and without it): the sandbox's cost, in a third of the time."""
    _prepare_environment()
    assignments = all_assignments()
    timings = []
    with tempfile.TemporaryDirectory(prefix="grader-bench-") as tmp:
        base = _scratch(root, Path(tmp) / "base")
        jobs = find_jobs(assignments, None, base)
        for job in jobs:  # make every file gradable once, outside the timings
            check_submission(job.student, job.assignment, base)
        n = len(jobs)
        bin_dir = Path(sys.executable).parent

        def plain_nbgrader(course: Path) -> None:
            for aid in sorted({job.assignment for job in jobs}):
                subprocess.run(
                    [bin_dir / "nbgrader", "autograde", aid, "--force", "--create"],
                    cwd=course,
                    check=False,
                    capture_output=True,
                )

        def nbconvert(course: Path) -> None:
            for job in jobs:
                folder = course / "submitted" / job.student / job.assignment
                for notebook in folder.glob("*.ipynb"):
                    for helper in (course / "source" / job.assignment).glob("*.py"):
                        shutil.copy(helper, folder / helper.name)
                    subprocess.run(
                        [
                            bin_dir / "jupyter",
                            "nbconvert",
                            "--execute",
                            "--to",
                            "notebook",
                            "--allow-errors",
                            "--output",
                            f"{notebook.stem}.out",
                            str(notebook),
                        ],
                        cwd=folder,
                        check=False,
                        capture_output=True,
                    )

        contenders = [
            ("jupyter nbconvert --execute (floor)", nbconvert),
            ("plain nbgrader autograde (serial)", plain_nbgrader),
            (
                "grader autograde --workers 1",
                lambda c: autograde(assignments, None, 1, root=c, force=True, progress=False),
            ),
            (
                "grader autograde --workers 2",
                lambda c: autograde(assignments, None, 2, root=c, force=True, progress=False),
            ),
            (
                "grader autograde --workers 2 --unsafe-no-sandbox",
                lambda c: autograde(
                    assignments, None, 2, root=c, force=True, progress=False, sandboxed=False
                ),
            ),
        ]
        if sandbox_only:
            contenders = [c for c in contenders if c[0].startswith("grader autograde --workers 2")]
        for index, (name, action) in enumerate(contenders):
            course = _scratch(base, Path(tmp) / f"run{index}")
            timings.append(_timed(name, n, lambda a=action, c=course: a(c)))
    return timings
