"""A Jupyter kernel manager that starts each kernel in the sandbox.

nbgrader's ``Execute`` preprocessor (an nbclient executor) takes its kernel
manager class from configuration; this one plugs the sandbox in there, so the
rest of nbgrader's autograding is unchanged. Per kernel it makes

- a scratch copy of the notebook's folder without any ``.ipynb`` (helper
  modules and data only), copied into the kernel's sized working folder;
- a memory cgroup with the submission's memory budget, where the machine has one
  (:mod:`grader.sandbox.budgets`);
- a private runtime folder with the connection file and unix sockets (the
  sandbox has no network, so no TCP), which the launcher moves into a small sized
  tmpfs, leaving a link the grader connects through (:mod:`grader.sandbox.launch`);

and removes all of it when the kernel is shut down. The kernel is IPython's own;
the only grader code it can import is the probes' answering side
(:mod:`grader.probes.answer`), mounted read-only, which holds nothing secret.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer

from grader import sandbox
from grader.kernel_env import KERNEL_ENV
from grader.sandbox import budgets
from grader.sandbox.budgets import MemoryCgroup

PROBES_DIR = Path(__file__).resolve().parent.parent / "probes"  # grader/probes


class SandboxedKernelManager(AsyncKernelManager):
    """Starts IPython's kernel in bubblewrap, with the course's kernel limits."""

    memory_bytes = Integer(sandbox.Limits.memory_bytes, config=True, help="Address space limit")
    cpu_seconds = Integer(sandbox.Limits.cpu_seconds, config=True, help="CPU time limit")
    memory_budget = Integer(
        sandbox.Budgets.memory_bytes,
        config=True,
        help="Memory of the kernel's processes and its tmpfs together (memory cgroup), bytes",
    )
    tmp_budget = Integer(sandbox.Budgets.tmp_bytes, config=True, help="Size of /tmp, bytes")
    work_budget = Integer(
        sandbox.Budgets.work_bytes, config=True, help="Size of the working folder, bytes"
    )
    file_budget = Integer(
        sandbox.Budgets.files, config=True, help="Files and folders in /tmp, and in the work folder"
    )

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        sandbox.check()  # fail closed, before anything is created
        self.workspace = Path(tempfile.mkdtemp(prefix="grader-sandbox-"))
        os.chmod(self.workspace, 0o700)
        self.runtime = self.workspace / "run"
        self.scratch = self.workspace / "work"
        self.runtime.mkdir()
        self.transport = "ipc"
        self.ip = str(self.runtime / "kernel")
        self.connection_file = str(self.runtime / "kernel.json")
        self.kernel_extra_env: dict[str, str] = {}
        self.cgroup: MemoryCgroup | None = None
        self.cgroup_reason = ""
        self.final_report: dict = {}

    @property
    def budgets(self) -> sandbox.Budgets:
        return sandbox.Budgets(
            memory_bytes=self.memory_budget,
            tmp_bytes=self.tmp_budget,
            work_bytes=self.work_budget,
            files=self.file_budget,
        )

    def report(self) -> dict:
        """What the kernel used and hit, read from outside the sandbox only."""
        found = budgets.read_report(self.workspace / sandbox.REPORT)
        found["budgets"] = vars(self.budgets)
        if self.cgroup is not None:
            found["memory"] = {"limit": self.cgroup.limit, **self.cgroup.stats()}
        else:
            found["memory"] = {"unavailable": self.cgroup_reason}
        return found

    def memory_budget_hit(self) -> bool:
        """Whether the kernel lost a process to its memory cgroup's limit."""
        return self.cgroup is not None and self.cgroup.stats()["oom_kills"] > 0

    def _prepare_scratch(self, cwd: str | None) -> None:
        """Copy the notebook's folder, minus every notebook, into the scratch folder."""
        source = Path(cwd) if cwd else None
        if source and source.is_dir():
            shutil.copytree(
                source,
                self.scratch,
                ignore=shutil.ignore_patterns("*.ipynb", "*.rejected", ".grader-*"),
                symlinks=False,
                ignore_dangling_symlinks=True,
            )
        else:
            self.scratch.mkdir()

    async def _async_pre_start_kernel(self, **kw):
        self._prepare_scratch(kw.pop("cwd", None))
        self.cgroup, self.cgroup_reason = MemoryCgroup.create(self.memory_budget)
        self.kernel_extra_env = {k: v for k, v in os.environ.items() if k in FORWARDED_ENV}
        kw["cwd"] = str(self.scratch)
        # IPython's kernel prints its connection banner on the process's own stdout
        kw.setdefault("stdout", subprocess.DEVNULL)
        # bubblewrap does not pass signals on: interrupt through the control channel
        self.kernel_spec.interrupt_mode = "message"
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        kernel_cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", self.connection_file]
        kernel_cmd += list(extra_arguments or [])
        env = sandbox.kernel_env(self.kernel_extra_env)
        limits = sandbox.Limits(memory_bytes=self.memory_bytes, cpu_seconds=self.cpu_seconds)
        procs = self.cgroup.procs if self.cgroup is not None else None
        return sandbox.command(
            kernel_cmd, self.workspace, PROBES_DIR, env, limits, self.budgets, procs
        )

    async def _async_kill_kernel(self, restart: bool = False) -> None:
        self._last_look()
        await super()._async_kill_kernel(restart=restart)

    def _last_look(self) -> None:
        """Have the launcher sample the storage once more before it is killed.

        It samples five times a second and when the kernel ends by itself; a kernel killed
        right after it filled a folder (a quick notebook ends in a fraction of a second)
        would otherwise leave a report that never saw it full.
        """
        process = getattr(self.provisioner, "process", None)
        report = self.workspace / sandbox.REPORT
        if process is None or process.poll() is not None:
            return
        before = report.stat().st_mtime_ns if report.exists() else 0
        try:
            os.kill(process.pid, signal.SIGUSR1)
        except OSError:
            return
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            if report.exists() and report.stat().st_mtime_ns != before:
                return
            time.sleep(0.01)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            if self.workspace.exists():  # cleaned up twice: at shutdown, then by nbclient
                self.final_report = self.report()
            if self.cgroup is not None:
                self.cgroup.remove()
                self.cgroup = None
            shutil.rmtree(self.workspace, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources


# Environment the kernel may inherit from the grader (TensorFlow quiet and deterministic):
# the build's kernel settings, so that the two never drift apart, and a few more.
FORWARDED_ENV = set(KERNEL_ENV) | {
    "KERAS_BACKEND",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
}
