"""A Jupyter kernel manager that starts each kernel in the sandbox, under the guard.

nbgrader's ``Execute`` preprocessor (an nbclient executor) takes its kernel
manager class from configuration; this one plugs the sandbox in there, so the
rest of nbgrader's autograding is unchanged. Per kernel it makes

- a scratch copy of the notebook's folder without any ``.ipynb`` (helper
  modules and data only), copied into the kernel's sized working folder;
- a memory cgroup with the submission's memory budget, where the machine has one
  (:mod:`grader.sandbox.budgets`);
- a private runtime folder with the connection file and unix sockets (the
  sandbox has no network, so no TCP), a one-time HMAC key file and the FIFO on
  which :mod:`grader_guard` sends its signed verdicts;

and removes all of it when the kernel is shut down.
"""

from __future__ import annotations

import array
import fcntl
import os
import secrets
import select
import shutil
import sys
import tempfile
import termios
import threading
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer

from . import sandbox
from .kernel_env import KERNEL_ENV
from .sandbox import budgets
from .sandbox.budgets import MemoryCgroup

GUARD_DIR = Path(__file__).parent / "guard"
MAX_CHANNEL_BYTES = 4 * 2**20


class GuardChannel:
    """The grader's end of the guard's FIFO: collects its lines in a thread.

    The guard writes a test's verdict before the kernel replies to that cell, so once
    the reply has come, :meth:`drained` tells whether the verdict can still arrive:
    the reader takes a chunk and files its lines under one lock, and the pipe holds
    no unread byte. A test whose verdict never came (the guard was disabled) is then
    failed at once, not after a wait per test cell.
    """

    def __init__(self, path: Path, key: bytes) -> None:
        self.path, self.key = path, key
        self.lines: list[str] = []
        self.overflow = False
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._closed = False
        os.mkfifo(path, 0o600)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        size = 0
        pending = b""
        with open(self.path, "rb", buffering=0) as fifo:  # blocks until the guard opens it
            self._fd = fifo.fileno()
            os.set_blocking(self._fd, False)
            poller = select.poll()
            poller.register(self._fd, select.POLLIN)
            self._ready.set()
            try:
                while True:
                    poller.poll()  # data, or every writer gone (POLLHUP)
                    with self._lock:
                        try:
                            chunk = os.read(self._fd, 65536)
                        except BlockingIOError:
                            continue
                        if not chunk:
                            break
                        size += len(chunk)
                        if size > MAX_CHANNEL_BYTES:
                            self.overflow = True
                            continue
                        pending += chunk
                        *complete, pending = pending.split(b"\n")
                        self.lines += [line.decode("utf-8", "replace") for line in complete]
            finally:
                with self._lock:
                    self._closed = True

    def drained(self) -> bool:
        """Whether every byte written so far is in :attr:`lines` (or the guard is gone)."""
        if not self._ready.is_set():
            return False  # the guard never opened its end: nothing can be said yet
        with self._lock:
            if self._closed:
                return True
            unread = array.array("i", [0])
            fcntl.ioctl(self._fd, termios.FIONREAD, unread)
            return unread[0] == 0

    def unblock(self) -> None:
        """Let the reader thread end if the guard never opened the FIFO."""
        if not self._ready.is_set() and self.path.exists():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
                os.close(fd)
            except OSError:
                pass


class SandboxedKernelManager(AsyncKernelManager):
    """Starts ``python -m grader_guard`` in bubblewrap, with the course's kernel limits."""

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
        self.guard_key = secrets.token_bytes(32)
        self.channel: GuardChannel | None = None
        self.guard_env: dict[str, str] = {}
        # Modules the guard imports before its snapshot, beyond its own base list:
        # what the assignment's instructor cells import (set by SandboxedExecute).
        self.preimport: list[str] = []
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
        key_file = self.runtime / "guard.key"
        key_file.write_bytes(self.guard_key)
        key_file.chmod(0o600)
        self.channel = GuardChannel(self.runtime / "guard.fifo", self.guard_key)
        self.cgroup, self.cgroup_reason = MemoryCgroup.create(self.memory_budget)
        self.guard_env = {
            **{k: v for k, v in os.environ.items() if k in FORWARDED_ENV},
            "GRADER_GUARD_KEY_FILE": str(key_file),
            "GRADER_GUARD_CHANNEL": str(self.channel.path),
            "GRADER_GUARD_PREIMPORT": ",".join(self.preimport),
        }
        kw["cwd"] = str(self.scratch)
        # bubblewrap does not pass signals on: interrupt through the control channel
        self.kernel_spec.interrupt_mode = "message"
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        kernel_cmd = [sys.executable, "-m", "grader_guard", "-f", self.connection_file]
        kernel_cmd += list(extra_arguments or [])
        env = sandbox.kernel_env(self.guard_env)
        limits = sandbox.Limits(memory_bytes=self.memory_bytes, cpu_seconds=self.cpu_seconds)
        procs = self.cgroup.procs if self.cgroup is not None else None
        return sandbox.command(
            kernel_cmd, self.workspace, GUARD_DIR, env, limits, self.budgets, procs
        )

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            if self.channel is not None:
                self.channel.unblock()
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
