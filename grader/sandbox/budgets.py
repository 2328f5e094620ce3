"""What one submission may hold: memory (tmpfs included) and storage, and what it hit.

Why: the kernel limits of :mod:`.bwrap` cap each process's address space and each
file, but a tmpfs lives in the host's memory outside any process, and many small
files or many processes add up. So every kernel gets

- a **memory cgroup** (cgroup v1 or v2, whichever the machine offers and lets us
  write), whose limit counts the kernel's processes *and* the tmpfs pages they
  write; where there is none, the address-space limit stays the only bound;
- **sized storage** for ``/tmp`` and for its working folder: two tmpfs mounts with
  a size and a number of files (inodes), made by :mod:`.launch`; it makes two small
  ones as well, fixed, not budgets: ``/dev/shm`` and the runtime folder (the only
  other places the kernel can write, see :data:`SHM_BYTES` and :data:`RUN_BYTES`).

Reading what happened comes from outside the sandbox only (the cgroup's counters,
the launcher's report), never from the student's kernel. Messages a student sees
are in their language; the log's are in English, like the rest of the log.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from grader.i18n import N_, translator

MIB = 2**20
# /dev/shm: Python's multiprocessing makes each lock, semaphore and queue there (sem_open,
# a page and a file or two each: a Keras PyDataset with use_multiprocessing=True needs
# it); shared_memory blocks go there too, a few MiB. joblib wants 2 GB and takes /tmp.
SHM_BYTES, SHM_FILES = 16 * MIB, 256
# the runtime folder: the connection file and the kernel's five unix sockets
RUN_BYTES, RUN_FILES = 2 * MIB, 32


@dataclass(frozen=True)
class Budgets:
    """Per-submission budgets (configurable as ``c.SandboxedKernelManager.*``)."""

    memory_bytes: int = 2048 * MIB  # the kernel's processes and its tmpfs together
    tmp_bytes: int = 256 * MIB  # /tmp
    work_bytes: int = 256 * MIB  # the working folder
    files: int = 10_000  # files and folders, in each of the two

    def host_bytes(self, cgroup: bool) -> int:
        """Memory one submission can take from the host: the tmpfs is inside the cgroup."""
        if cgroup:
            return self.memory_bytes
        return self.memory_bytes + self.tmp_bytes + self.work_bytes + SHM_BYTES + RUN_BYTES


def _mib(n: int) -> str:
    return f"{n / MIB:,.0f} MiB" if n < 10 * 2**30 else f"{n / 2**30:,.1f} GiB"


# -- memory cgroup --------------------------------------------------------------------


def _own_cgroup(version: int) -> str | None:
    """This process's cgroup path for the memory controller (v1) or the unified tree (v2)."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if version == 2 and controllers == "":
            return path
        if version == 1 and "memory" in controllers.split(","):
            return path
    return None


def _mounts() -> list[tuple[str, str, str]]:
    """(mount point, file system type, options) of every mount."""
    found = []
    for line in Path("/proc/self/mounts").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 4:
            found.append((parts[1], parts[2], parts[3]))
    return found


def detect() -> tuple[int, Path] | tuple[None, str]:
    """(cgroup version, the folder where our own children go), or (None, why not)."""
    mounts = _mounts()
    v1 = [m for m, fs, opts in mounts if fs == "cgroup" and "memory" in opts.split(",")]
    if v1:
        own = _own_cgroup(1)
        if own is not None:
            return 1, Path(v1[0]) / own.lstrip("/")
    v2 = [m for m, fs, _ in mounts if fs == "cgroup2"]
    if v2:
        own = _own_cgroup(2)
        if own is not None:
            folder = Path(v2[0]) / own.lstrip("/")
            controllers = (folder / "cgroup.controllers").read_text().split()
            if "memory" not in controllers:
                return None, f"cgroup v2: the memory controller is not delegated to {folder}"
            return 2, folder
    return None, "no memory cgroup controller is mounted"


class MemoryCgroup:
    """One kernel's memory cgroup: created before it starts, read and removed after."""

    def __init__(self, version: int, path: Path, limit: int) -> None:
        self.version, self.path, self.limit = version, path, limit

    @classmethod
    def create(cls, limit: int) -> tuple[MemoryCgroup | None, str]:
        """A new child cgroup limited to ``limit`` bytes, or (None, why not)."""
        version, where = detect()
        if version is None:
            return None, str(where)
        assert isinstance(where, Path)
        path = where / f"grader-{secrets.token_hex(6)}"
        try:
            if version == 2 and "memory" not in (where / "cgroup.subtree_control").read_text():
                (where / "cgroup.subtree_control").write_text("+memory")
            path.mkdir()
            if version == 1:
                (path / "memory.limit_in_bytes").write_text(str(limit))
                swap = path / "memory.memsw.limit_in_bytes"
                if swap.exists():  # swap counted too, where the kernel accounts it
                    try:
                        swap.write_text(str(limit))
                    except OSError:
                        pass
            else:
                (path / "memory.max").write_text(str(limit))
                (path / "memory.swap.max").write_text("0")
        except OSError as error:
            if path.exists():
                try:
                    path.rmdir()
                except OSError:
                    pass
            return None, f"cgroup v{version} at {where} is not writable here ({error.strerror})"
        return cls(version, path, limit), ""

    @property
    def procs(self) -> Path:
        return self.path / "cgroup.procs"

    def _counters(self, name: str) -> dict[str, int]:
        try:
            text = (self.path / name).read_text()
        except OSError:
            return {}
        pairs = (line.split() for line in text.splitlines())
        return {p[0]: int(p[1]) for p in pairs if len(p) == 2 and p[1].isdigit()}

    def _number(self, name: str) -> int:
        try:
            return int((self.path / name).read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return 0

    def stats(self) -> dict[str, int]:
        """Peak usage and how many times the kernel killed a process for the limit."""
        if self.version == 1:
            return {
                "peak": self._number("memory.max_usage_in_bytes"),
                "oom_kills": self._counters("memory.oom_control").get("oom_kill", 0),
                "limit_hits": self._number("memory.failcnt"),
            }
        events = self._counters("memory.events")
        return {
            "peak": self._number("memory.peak"),
            "oom_kills": events.get("oom_kill", 0),
            "limit_hits": events.get("max", 0),
        }

    def remove(self) -> None:
        """Remove the cgroup once its processes are gone (their exit may lag a little)."""
        for _ in range(50):
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.1)


# -- workers --------------------------------------------------------------------------


def available_memory() -> int:
    """``MemAvailable`` of /proc/meminfo: what can be used without swapping."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES")


def check_workers(workers: int, budgets: Budgets, available: int | None = None) -> str:
    """Why ``workers`` kernels at once do not fit in this machine's memory ('' if they do)."""
    cgroup = detect()[0] is not None
    each = budgets.host_bytes(cgroup)
    available = available_memory() if available is None else available
    if workers * each <= available:
        return ""
    fit = max(0, available // each)
    what = "memory budget, tmpfs included" if cgroup else "memory budget plus its tmpfs"
    return (
        f"refusing {workers} workers: each submission may hold {_mib(each)} ({what}), "
        f"and {workers} x {_mib(each)} is more than the {_mib(available)} this machine has "
        f"available; use --workers {fit} or fewer, or lower the budgets in the course's "
        f"nbgrader_config.py (c.SandboxedKernelManager.memory_budget, tmp_budget, work_budget)"
    )


# -- what was hit ---------------------------------------------------------------------

MESSAGES = {  # the budget of files is a plural: student_message
    "memory": N_(
        "the grader stopped this notebook: it reached its memory budget ({limit}, "
        "files in /tmp and in the working folder included); the cells that ran are graded"
    ),
    "bytes": N_(
        "this notebook filled its storage budget for {where} ({limit}): writing more failed"
    ),
}
WHERE = {"tmp": "/tmp", "work": N_("the working folder")}


def _where(area: str, lang: str) -> str:
    return translator(lang).gettext(WHERE[area])


def _size(n: int, lang: str) -> str:
    """:func:`_mib` as the student's locale writes it (``2,5 Gio``)."""
    tr = translator(lang)
    if n < 10 * 2**30:
        return tr.gettext("{n} MiB").format(n=tr.decimal(n / MIB, "#,##0"))
    return tr.gettext("{n} GiB").format(n=tr.decimal(n / 2**30, "#,##0.0"))


def storage_hits(report: dict) -> list[tuple[str, str, int]]:
    """(area, 'bytes' or 'files', limit) for each storage budget the launcher saw full."""
    hits = []
    for area in ("tmp", "work"):
        seen = report.get(area) or {}
        if seen.get("full_bytes"):
            hits.append((area, "bytes", int(seen.get("limit_bytes", 0))))
        if seen.get("full_files"):
            hits.append((area, "files", int(seen.get("limit_files", 0))))
    return hits


def student_message(kind: str, lang: str, limit: int, area: str = "") -> str:
    tr = translator(lang)
    where = _where(area, lang) if area else ""
    if kind == "files":
        return tr.ngettext(
            "this notebook reached its budget of {limit} file in {where}: creating more failed",
            "this notebook reached its budget of {limit} files in {where}: creating more failed",
            limit,
        ).format(limit=tr.decimal(limit), where=where)
    return tr.gettext(MESSAGES[kind]).format(limit=_size(limit, lang), where=where)


def log_message(kind: str, limit: int, area: str = "") -> str:
    """The grading log's note: names the budget that was hit."""
    if kind == "memory":
        return f"budget: memory budget of {_mib(limit)} reached: the kernel was stopped"
    if kind == "bytes":
        return f"budget: storage budget of {_mib(limit)} for {_where(area, 'en')} filled"
    return f"budget: budget of {limit:,} files in {_where(area, 'en')} reached"


def read_report(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
