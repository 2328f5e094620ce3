"""Sized storage for one kernel, built before bubblewrap starts and watched from outside.

Why a process of its own: bubblewrap can size a tmpfs (``--size``) but cannot bound
its number of files, and what happens inside the sandbox's mount namespace cannot be
seen from the grader. So this launcher, started by the kernel manager in place of
``bwrap`` (``python -m grader.sandbox.launch [options] -- bwrap ...``):

1. joins the kernel's memory cgroup, so everything below is counted (tmpfs included);
2. enters a user and mount namespace of its own (what bubblewrap itself does, so it
   works wherever bubblewrap does) and mounts a tmpfs with a size and a number of
   inodes for each place the kernel may write: ``/tmp`` and the working folder (the
   kernel's own limits; the scratch copy of the submission's folder is copied into
   the second), a small ``/dev/shm`` (Python's ``multiprocessing`` makes its locks
   and queues there, with ``sem_open``) and a small runtime folder (the connection
   file, copied in, and the kernel's unix sockets);
3. makes the host's runtime folder a symbolic link to that tmpfs, seen through this
   process's root (``/proc/<pid>/root/...``): the grader connects to the kernel's
   sockets from the host's mount namespace, where the tmpfs is not mounted (the
   grader runs as the same user, so it may follow that link: the right is ptrace's
   to read), and the kernel cannot write anything on the host's disk;
4. starts ``bwrap`` with all of them mounted in place of the marker :data:`STORAGE`
   (every other place is read-only, :mod:`.bwrap`) and watches ``/tmp`` and the
   working folder (``statvfs``, five times a second and once at the end), writing
   the peaks and whether either was full to a JSON report the sandbox cannot reach;
5. ends the sandbox when the process that started it dies (a Dask worker killed with
   SIGKILL shuts no kernel down): bubblewrap's ``--die-with-parent`` covers the
   sandbox below this launcher, this covers the launcher itself.

Where the namespace cannot be made (some hardened kernels allow it to bubblewrap
only), it falls back to bubblewrap's sized tmpfs (the connection file copied in with
``--file``, the runtime folder's link going through the root of the sandbox's first
process, whose pid bubblewrap gives on ``--info-fd``): sizes still hold, the number
of files is then bounded by the memory cgroup only, and the report says so.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import select
import shutil
import signal
import sys
import time
from pathlib import Path

from grader.sandbox.budgets import RUN_BYTES, RUN_FILES, SHM_BYTES, SHM_FILES
from grader.sandbox.bwrap import STORAGE, WORKDIR

CLONE_NEWNS, CLONE_NEWUSER = 0x00020000, 0x10000000
MS_REC, MS_PRIVATE = 0x4000, 1 << 18
PR_SET_PDEATHSIG = 1
FULL_MARGIN_BYTES = 2**20  # less than this left counts as full (a write needs pages)
FULL_MARGIN_FILES = 2
WATCHED = ("tmp", "work")  # the submission's budgets; /dev/shm and the runtime are small


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


def _storage_args(
    own: bool,
    store: Path,
    scratch: Path,
    sizes: dict,
    runtime: Path | None,
    files: dict[str, int],
    info: tuple[int, int] | None,
) -> list[str]:
    """bubblewrap's arguments in place of :data:`STORAGE`: every place the kernel may write.

    In the fallback, ``files`` maps each file of the runtime folder to a descriptor
    this process has open (copied into bubblewrap's tmpfs with ``--file``), and
    bubblewrap writes the sandbox's pid on the pipe ``info``.
    """
    if own:
        args = ["--bind", str(store / "tmp"), "/tmp", "--dir", "/tmp/home"]
        args += ["--bind", str(store / "work"), WORKDIR, "--bind", str(store / "shm"), "/dev/shm"]
        if runtime is not None:  # below /tmp, often: after it
            args += ["--bind", str(store / "run"), str(runtime)]
        return args
    args = ["--size", str(sizes["tmp"][0]), "--tmpfs", "/tmp", "--dir", "/tmp/home"]
    args += ["--size", str(sizes["work"][0]), "--tmpfs", WORKDIR]
    args += ["--size", str(sizes["shm"][0]), "--tmpfs", "/dev/shm"]
    for path in sorted(scratch.rglob("*")):  # the folder's helper files, read-only
        if path.is_file() and not path.is_symlink():
            args += ["--ro-bind", str(path), f"{WORKDIR}/{path.relative_to(scratch)}"]
    if runtime is not None:
        args += ["--size", str(sizes["run"][0]), "--tmpfs", str(runtime)]
        for name, fd in sorted(files.items()):
            args += ["--perms", "0600", "--file", str(fd), str(runtime / name)]
    if info is not None:
        args += ["--info-fd", str(info[1])]
    return args


def _link_runtime(runtime: Path, target: str) -> None:
    """Replace the host's runtime folder (the connection file only) by a link to ``target``.

    A folder cannot be renamed over, so the link is made beside it, the folder moved
    away and the link moved in: a connection attempt in between finds nothing and
    ZeroMQ tries again, as it does until the kernel has made its sockets. The grader
    keeps connecting to ``<runtime>/kernel-N``: only that short path counts against
    the 108 bytes of a unix socket's address, the link is followed by the kernel.
    """
    link, old = runtime.with_name(f"{runtime.name}.link"), runtime.with_name(f"{runtime.name}.old")
    link.unlink(missing_ok=True)
    os.symlink(target, link)
    os.rename(runtime, old)
    os.rename(link, runtime)
    shutil.rmtree(old, ignore_errors=True)


def _sandbox_pid(info: tuple[int, int], files: dict[str, int]) -> int | None:
    """The pid of the sandbox's first process, from bubblewrap's ``--info-fd`` (or None).

    Called once bubblewrap runs: this process's copies of the descriptors it was
    given are closed first, so that the pipe ends when bubblewrap has written.
    """
    reading, writing = info
    for fd in [*files.values(), writing]:
        os.close(fd)
    text = b""
    deadline = time.monotonic() + 30
    while (left := deadline - time.monotonic()) > 0 and select.select([reading], [], [], left)[0]:
        chunk = os.read(reading, 4096)
        if not chunk:
            break
        text += chunk
    os.close(reading)
    try:
        return int(json.loads(text)["child-pid"])
    except (ValueError, KeyError, TypeError):
        return None


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
    # the host's runtime folder, with the connection file: moved into a tmpfs of its own
    parser.add_argument("--runtime", type=Path)
    # who started the kernel: given by the starter, because one that dies before this
    # process reads its parent would leave it nobody's child from the start, unnoticed
    parser.add_argument("--parent", type=int)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    parent = os.getppid() if args.parent is None else args.parent
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    sizes = {"tmp": (args.tmp_bytes, args.files), "work": (args.work_bytes, args.files)}
    sizes["shm"] = (SHM_BYTES, SHM_FILES)
    if args.runtime is not None:
        sizes["run"] = (RUN_BYTES, RUN_FILES)
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
    files: dict[str, int] = {}  # the fallback's runtime files, open for bubblewrap's --file
    info: tuple[int, int] | None = None  # and its pipe for bubblewrap's --info-fd
    if args.runtime is not None and own:
        shutil.copytree(args.runtime, args.store / "run", dirs_exist_ok=True, symlinks=False)
        _link_runtime(args.runtime, f"/proc/{os.getpid()}/root{args.store / 'run'}")
    elif args.runtime is not None:
        files = {path.name: os.open(path, os.O_RDONLY) for path in args.runtime.iterdir()}
        info = os.pipe()
        for fd in [*files.values(), info[1]]:
            os.set_inheritable(fd, True)
    at = command.index(STORAGE)
    storage = _storage_args(own, args.store, args.scratch, sizes, args.runtime, files, info)
    command[at : at + 1] = storage
    watch = Watch(args.store, {k: sizes[k] for k in WATCHED} if own else {}, args.report)
    watch.write(extra)
    child = os.fork()
    if child == 0:
        _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        os.execvp(command[0], command)
    if info is not None and args.runtime is not None:
        pid = _sandbox_pid(info, files)
        if pid is not None:  # bubblewrap failed otherwise, and the kernel with it
            _link_runtime(args.runtime, f"/proc/{pid}/root{args.runtime}")
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda number, _frame: os.kill(child, number))

    def last_look(_number, _frame) -> None:  # the kernel manager is about to kill us
        watch.sample()
        watch.write(extra)

    signal.signal(signal.SIGUSR1, last_look)
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
