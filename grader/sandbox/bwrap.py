"""Where and how a submission's kernel runs: a bubblewrap sandbox with kernel limits.

Plain nbgrader starts the student's kernel with the instructor's rights, in the
course folder. Here every kernel runs under bubblewrap (``bwrap``, a proven
isolation tool, installed by the set-up) instead:

- its own user, PID, IPC, UTS and network namespaces: no network at all, no
  view of other processes, every capability dropped;
- a filesystem made of read-only system folders, the Python installation and
  the course's virtual environment, a private ``/tmp``, and one scratch copy of
  the submission's folder *without any notebook* (so neither the instructor's
  source nor the notebook being graded, hidden tests included, can be read);
  nothing of ``course/``, the gradebook, other students or the instructor's home;
- four writable places only, each a tmpfs with a size and a number of files made by
  :mod:`.launch`: ``/tmp`` and the working folder (the budgets of :mod:`.budgets`),
  a small ``/dev/shm`` (``multiprocessing``'s locks) and a small runtime folder
  (connection file and sockets). Everything else is read-only, the root and
  ``/dev`` included (bubblewrap makes both tmpfs, bounded by nothing but memory;
  ``--remount-ro``): no write reaches the host's disk or memory unsized;
- kernel limits (``prlimit``): address space, CPU seconds, processes, file size
  and open files, plus the per-cell timeout and a wall-clock limit per notebook
  enforced by the executor (:mod:`grader.preprocessors.execute`).

If bubblewrap cannot start a process, grading fails closed: :func:`check`
raises :class:`SandboxUnavailable` and nothing is graded. Running without the
sandbox needs ``grader autograde --unsafe-no-sandbox``.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from grader.sandbox.budgets import Budgets

REPORT = "storage.json"  # the launcher's report, in the workspace (outside the sandbox)
INSTALL_HINT = "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; `make venv` does it)"
SYSTEM_DIRS = ("/usr", "/bin", "/lib", "/lib64", "/lib32", "/sbin", "/etc")
WORKDIR = "/home/student/work"  # the kernel's working directory, inside the sandbox
STORAGE = "--grader-storage"  # where grader.sandbox.launch puts every writable place
PROBES_DIR = "/opt/grader-probes"  # the probes' answering side, mounted read-only below it


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create namespaces on this machine."""


@dataclass(frozen=True)
class Limits:
    """Kernel limits of one submission's kernel (enforced by the Linux kernel)."""

    memory_bytes: int = 8 * 2**30  # address space; TensorFlow reserves a lot of it
    cpu_seconds: int = 900
    processes: int = 512  # threads count too, and TensorFlow starts dozens
    file_bytes: int = 64 * 2**20  # largest file the kernel may write in its scratch copy
    open_files: int = 1024


def bwrap() -> str | None:
    return shutil.which("bwrap")


@functools.cache
def check() -> str:
    """Path of a working ``bwrap``; raise :class:`SandboxUnavailable` otherwise."""
    path = bwrap()
    if path is None:
        raise SandboxUnavailable(f"bubblewrap (bwrap) not found: {INSTALL_HINT}")
    probe = subprocess.run(
        [path, *_namespace_args(), "--ro-bind", "/", "/", "--proc", "/proc", "true"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if probe.returncode != 0:
        raise SandboxUnavailable(
            f"bubblewrap cannot create a sandbox here: {probe.stderr.strip()[:300]}"
        )
    return path


def _namespace_args() -> list[str]:
    return [
        "--unshare-all",  # user, pid, ipc, uts, cgroup and network namespaces
        "--uid",
        "1000",
        "--gid",
        "1000",
        "--hostname",
        "sandbox",
        "--die-with-parent",
        "--new-session",  # no TIOCSTI on the grader's terminal
        "--cap-drop",
        "ALL",
    ]


def _python_dirs() -> list[str]:
    """The interpreter and the environment the kernel imports from."""
    dirs = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)}
    return sorted(dirs)


def prlimit_args(limits: Limits) -> list[str]:
    return [
        shutil.which("prlimit") or "/usr/bin/prlimit",
        f"--as={limits.memory_bytes}",
        f"--cpu={limits.cpu_seconds}",
        f"--nproc={limits.processes}",
        f"--fsize={limits.file_bytes}",
        f"--nofile={limits.open_files}",
        "--core=0",
        "--",
    ]


def command(
    kernel_cmd: list[str],
    workspace: Path,
    probes_dir: Path,
    env: dict[str, str],
    limits: Limits = Limits(),  # noqa: B008 (frozen dataclass)
    budgets: Budgets = Budgets(),  # noqa: B008 (frozen dataclass)
    cgroup_procs: Path | None = None,
) -> list[str]:
    """The full command line that starts ``kernel_cmd`` inside the sandbox.

    ``workspace`` holds ``run/`` (the connection file, then the kernel's unix sockets:
    no TCP, the sandbox has no network; the launcher moves it into a small tmpfs
    mounted at the same path inside and leaves a link to it in its place), ``work/``
    (the scratch copy of the submission's folder, copied into the sized working
    folder), and the storage report of :mod:`.launch`, which the sandbox cannot see.
    """
    args = [check(), *_namespace_args()]
    # the private /tmp first: the environment or the runtime folder may live below /tmp
    args += ["--proc", "/proc", "--dev", "/dev", STORAGE]
    for folder in SYSTEM_DIRS:
        if os.path.isdir(folder):
            args += ["--ro-bind", folder, folder]
    for folder in _python_dirs():
        args += ["--ro-bind", folder, folder]
    args += ["--ro-bind", str(probes_dir), f"{PROBES_DIR}/grader_probes"]
    # last, once every mount point is made in them: /dev/shm and /tmp are mounts of their own
    args += ["--remount-ro", "/dev", "--remount-ro", "/"]
    args += ["--chdir", WORKDIR, "--clearenv"]
    for key, value in sorted(env.items()):
        args += ["--setenv", key, value]
    launcher = [sys.executable, "-m", "grader.sandbox.launch"]
    launcher += ["--store", str(workspace / "store"), "--scratch", str(workspace / "work")]
    launcher += ["--report", str(workspace / REPORT), "--files", str(budgets.files)]
    launcher += ["--runtime", str(workspace / "run")]
    launcher += ["--tmp-bytes", str(budgets.tmp_bytes), "--work-bytes", str(budgets.work_bytes)]
    launcher += ["--parent", str(os.getpid())]  # this process starts the kernel
    if cgroup_procs is not None:
        launcher += ["--cgroup-procs", str(cgroup_procs)]
    return [*prlimit_args(limits), *launcher, "--", *args, *kernel_cmd]


def kernel_env(extra: dict[str, str]) -> dict[str, str]:
    """A small, explicit environment: nothing of the instructor's leaks in."""
    env = {
        "HOME": "/tmp/home",
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "MPLCONFIGDIR": "/tmp/matplotlib",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": PROBES_DIR,
        "NBGRADER_EXECUTION": "autograde",
    }
    env.update(extra)
    return env
