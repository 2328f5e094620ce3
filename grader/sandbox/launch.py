"""Sized storage for one kernel, built before bubblewrap starts and watched from outside.

Why a process of its own: bubblewrap can size a tmpfs (``--size``) but cannot bound
its number of files, and what happens inside the sandbox's mount namespace cannot be
seen from the grader. So this launcher, started by the kernel manager in place of
``bwrap`` (``python -m grader.sandbox.launch [options] -- bwrap ...``):

1. joins the kernel's memory cgroup, so everything below is counted (tmpfs included);
2. enters a user and mount namespace of its own (what bubblewrap itself does, so it
   works wherever bubblewrap does) and mounts two tmpfs there, ``/tmp`` and the
   working folder, each with a size and a number of inodes, the kernel's own
   limits; the scratch copy of the submission's folder is copied into the second;
3. starts ``bwrap`` with both mounted in place of the marker :data:`STORAGE` and
   watches them (``statvfs``, five times a second and once at the end), writing
   the peaks and whether either was full to a JSON report the sandbox cannot reach;
4. ends the sandbox when the process that started it dies (a Dask worker killed with
   SIGKILL shuts no kernel down): bubblewrap's ``--die-with-parent`` covers the
   sandbox below this launcher, this covers the launcher itself.

Where the namespace cannot be made (some hardened kernels allow it to bubblewrap
only), it falls back to bubblewrap's sized tmpfs: sizes still hold, the number of
files is then bounded by the memory cgroup only, and the report says so.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

from .bwrap import STORAGE, WORKDIR

CLONE_NEWNS, CLONE_NEWUSER = 0x00020000, 0x10000000
MS_REC, MS_PRIVATE = 0x4000, 1 << 18
PR_SET_PDEATHSIG = 1
FULL_MARGIN_BYTES = 2**20  # less than this left counts as full (a write needs pages)
FULL_MARGIN_FILES = 2


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _own_namespace(store: Path, sizes: dict[str, tuple[int, int]]) -> None:
    """A user and mount namespace with one sized tmpfs per area, mounted under ``store``."""
    libc = _libc()
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare")
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"0 {uid} 1")
    Path("/proc/self/gid_map").write_text(f"0 {gid} 1")
    if libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        raise OSError(ctypes.get_errno(), "mount --make-rprivate /")
    for area, (size, files) in sizes.items():
        target = store / area
        target.mkdir(parents=True, exist_ok=True)
        options = f"size={size},nr_inodes={files},mode=0700".encode()
        if libc.mount(b"tmpfs", str(target).encode(), b"tmpfs", 0, options) != 0:
            raise OSError(ctypes.get_errno(), f"mount tmpfs on {target}")


def _storage_args(own: bool, store: Path, scratch: Path, sizes: dict) -> list[str]:
    if own:
        return ["--bind", str(store / "tmp"), "/tmp", "--dir", "/tmp/home"] + [
            "--bind",
            str(store / "work"),
            WORKDIR,
        ]
    args = ["--size", str(sizes["tmp"][0]), "--tmpfs", "/tmp", "--dir", "/tmp/home"]
    args += ["--size", str(sizes["work"][0]), "--tmpfs", WORKDIR]
    for path in sorted(scratch.rglob("*")):  # the folder's helper files, read-only
        if path.is_file() and not path.is_symlink():
            args += ["--ro-bind", str(path), f"{WORKDIR}/{path.relative_to(scratch)}"]
    return args


class Watch:
    """Peak use of each tmpfs, and whether it was ever (nearly) full."""

    def __init__(self, store: Path, sizes: dict[str, tuple[int, int]], report: Path) -> None:
        self.store, self.report = store, report
        self.seen = {
            area: {
                "limit_bytes": size,
                "limit_files": files,
                "peak_bytes": 0,
                "peak_files": 0,
                "full_bytes": False,
                "full_files": False,
            }
            for area, (size, files) in sizes.items()
        }

    def sample(self) -> bool:
        changed = False
        for area, seen in self.seen.items():
            try:
                fs = os.statvfs(self.store / area)
            except OSError:
                continue
            used = (fs.f_blocks - fs.f_bfree) * fs.f_frsize
            files = fs.f_files - fs.f_ffree
            full_bytes = fs.f_bavail * fs.f_frsize < FULL_MARGIN_BYTES
            full_files = fs.f_ffree < FULL_MARGIN_FILES
            new = {
                "peak_bytes": max(seen["peak_bytes"], used),
                "peak_files": max(seen["peak_files"], files),
                "full_bytes": seen["full_bytes"] or full_bytes,
                "full_files": seen["full_files"] or full_files,
            }
            if any(seen[k] != v for k, v in new.items()):
                seen.update(new)
                changed = True
        return changed

    def write(self, extra: dict) -> None:
        temporary = self.report.with_suffix(".tmp")
        temporary.write_text(json.dumps({**extra, **self.seen}))
        os.replace(temporary, self.report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.sandbox.launch")
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--scratch", type=Path, required=True)
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--tmp-bytes", type=int, required=True)
    parser.add_argument("--work-bytes", type=int, required=True)
    parser.add_argument("--files", type=int, required=True)
    parser.add_argument("--cgroup-procs", type=Path)
    # who started the kernel: given by the starter, because one that dies before this
    # process reads its parent would leave it nobody's child from the start, unnoticed
    parser.add_argument("--parent", type=int)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    parent = os.getppid() if args.parent is None else args.parent
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    sizes = {"tmp": (args.tmp_bytes, args.files), "work": (args.work_bytes, args.files)}
    extra: dict = {"mode": "tmpfs", "cgroup": None}
    if args.cgroup_procs is not None:
        try:
            args.cgroup_procs.write_text(str(os.getpid()))
            extra["cgroup"] = str(args.cgroup_procs.parent)
        except OSError as error:
            extra["cgroup_error"] = error.strerror
    try:
        _own_namespace(args.store, sizes)
        shutil.copytree(args.scratch, args.store / "work", dirs_exist_ok=True, symlinks=False)
        own = True
    except OSError as error:
        own = False
        extra.update(mode="bwrap", reason=f"{error.filename or ''} {error.strerror}".strip())
    at = command.index(STORAGE)
    command[at : at + 1] = _storage_args(own, args.store, args.scratch, sizes)
    watch = Watch(args.store, sizes if own else {}, args.report)
    watch.write(extra)
    child = os.fork()
    if child == 0:
        _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        os.execvp(command[0], command)
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda number, _frame: os.kill(child, number))
    orphaned = False
    while True:
        pid, status = os.waitpid(child, os.WNOHANG)
        if not pid and not orphaned and os.getppid() != parent:
            orphaned = True  # whoever started the kernel is gone: nobody will stop it
            os.kill(child, signal.SIGKILL)
        if watch.sample():
            watch.write(extra)
        if pid:
            watch.sample()
            watch.write(extra)
            code = os.waitstatus_to_exitcode(status)
            return code if code >= 0 else 128 - code
        time.sleep(0.2)


if __name__ == "__main__":
    sys.exit(main())
