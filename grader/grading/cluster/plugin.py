"""The worker plugin: no working sandbox, no work; each assignment's source once per worker.

Why a plugin: Dask gives a plugin to every worker of the cluster, those that join
later included, and runs its ``setup`` there before the worker's first task. So
the sandbox is checked *on the machine that will run student code* (fail closed:
a worker without it leaves the cluster and any task that reaches it refuses to
run), and the assignments' sources travel once per worker instead of once per
submission. A scratch template course per assignment is made on first use.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from distributed import WorkerPlugin

from grader.grading.cluster.package import AssignmentPackage, write_scratch_course
from grader.grading.jobs import course_budgets

NAME = "grader"


class SandboxRefused(RuntimeError):
    """This worker cannot sandbox student code: it grades nothing."""


class GradingPlugin(WorkerPlugin):
    """Installed on every worker by ``grader autograde`` (``client.register_plugin``)."""

    name = NAME

    def __init__(self, packages: list[AssignmentPackage], sandboxed: bool = True) -> None:
        self.packages = {package.fingerprint: package for package in packages}
        self.sandboxed = sandboxed
        self.refused = ""
        self.templates: dict[str, Path] = {}
        self.scratch: Path | None = None

    def setup(self, worker) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="grader-worker-"))
        if not self.sandboxed:
            return
        self.refused = sandbox_problem()
        if self.refused:
            worker.log_event("grader", {"refused": self.refused})
            # leave the cluster: the scheduler then gives this worker nothing
            worker.loop.add_callback(worker.close, nanny=True, reason="grader: no sandbox")

    def teardown(self, worker) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def template(self, release: str) -> Path:
        """A scratch course holding the assignment ``release`` names, made once."""
        if self.refused:
            raise SandboxRefused(self.refused)
        if release not in self.templates:
            package = self.packages.get(release)
            if package is None:
                raise KeyError(f"this worker was not given the release {release[:12]}")
            assert self.scratch is not None
            root = self.scratch / f"template-{release[:16]}"
            write_scratch_course(package, root)
            self.templates[release] = root
        return self.templates[release]


def sandbox_problem() -> str:
    """Why this machine cannot grade untrusted code ('' when it can)."""
    from grader.sandbox import SandboxUnavailable, check, check_workers

    try:
        check()
    except SandboxUnavailable as error:
        return f"the sandbox cannot start on this worker: {error}"
    return check_workers(1, course_budgets())
