"""Where a sandboxed kernel can write (grader/sandbox/bwrap.py, launch.py), both ways.

A real kernel, started by the grader's own kernel manager in real bubblewrap, tries
to write in each place a submission could think of. Only four places take a write,
each a tmpfs of a fixed size: ``/tmp`` and the working folder (the budgets), a small
``/dev/shm`` (Python's ``multiprocessing`` makes its locks there) and the small
runtime folder (the connection file and the kernel's sockets), which the grader
reaches from the host through a link. Everywhere else, the root, ``/dev``, ``/home``
and ``/opt`` (bubblewrap's own tmpfs, bounded by memory only) included, is read-only.
The same holds in bubblewrap's fallback (the launcher cannot make its namespace).
"""

from __future__ import annotations

import asyncio
import json
import os
import time

import pytest

from grader.sandbox import WORKDIR
from grader.sandbox.budgets import RUN_BYTES, RUN_FILES, SHM_BYTES, SHM_FILES
from grader.sandbox.kernel import SandboxedKernelManager

READ_ONLY = ("/", "/dev", "/home", "/opt", "/usr")

# Runs in the kernel: one small file in each place, then a fill of the small tmpfs
# (bytes up to 32 MiB, below the 64 MiB file size limit, and empty files up to 1,000).
PROBE = r"""
import errno, json, multiprocessing, os, ipykernel

def attempt(place):
    path = os.path.join(place, "probe.bin")
    try:
        with open(path, "wb") as f:
            f.write(b"x")
    except OSError as error:
        return errno.errorcode[error.errno]
    os.remove(path)
    return "written"

def fill_bytes(place):
    path, written, said = os.path.join(place, "fill.bin"), 0, None
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        while written < 32 * 2**20:
            written += os.write(fd, b"\1" * 2**20)
    except OSError as error:
        said = errno.errorcode[error.errno]
    finally:
        os.close(fd)
        os.remove(path)
    return [written, said]

def fill_files(place):
    made, said = [], None
    try:
        while len(made) < 1000:
            path = os.path.join(place, f"fill-{len(made)}")
            open(path, "w").close()
            made.append(path)
    except OSError as error:
        said = errno.errorcode[error.errno]
    for path in made:
        os.remove(path)
    return [len(made), said]

def writable_mounts():
    found = []
    for line in open("/proc/self/mounts"):
        _, where, kind, options = line.split()[:4]
        if "rw" in options.split(",") and kind not in ("proc", "devpts"):
            if not os.path.exists(where) or not os.path.isdir(where):
                continue  # a device node bound from the host's /dev (/dev/null, ...)
            found.append(where)
    return found

run = os.path.dirname(ipykernel.get_connection_file())
places = [*READ_ONLY, "/dev/shm", run, "/tmp", os.getcwd()]
seen = {"run": run, "cwd": os.getcwd(), "writes": {p: attempt(p) for p in places}}
seen["fill"] = {p: {"bytes": fill_bytes(p), "files": fill_files(p)} for p in ("/dev/shm", run)}
seen["mounts"] = writable_mounts()
multiprocessing.Lock()  # needs /dev/shm (sem_open)
seen["lock"] = "made"
print(json.dumps(seen))
"""

# The launcher made to fall back to bubblewrap's tmpfs, as on a kernel that allows
# user namespaces to bubblewrap only (tests/grading/test_budgets.py does the same).
REFUSE = """
import sys
from grader.sandbox import launch
def refused(*args):
    raise PermissionError(1, "Operation not permitted", "unshare")
launch._own_namespace = refused
sys.exit(launch.main(sys.argv[1:]))
"""


class FallbackKernelManager(SandboxedKernelManager):
    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        at = command.index("grader.sandbox.launch")
        command[at - 1 : at + 1] = ["-c", REFUSE]
        return command


async def _probe(manager_class) -> dict:
    """What the kernel saw, and what the host saw of its runtime folder meanwhile."""
    started = time.monotonic()
    km = manager_class()
    await km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=60)
        ready = time.monotonic() - started
        said: list[str] = []
        errors: list[str] = []

        def hook(message):
            if message["msg_type"] == "stream":
                said.append(message["content"]["text"])
            elif message["msg_type"] == "error":
                errors.append("\n".join(message["content"]["traceback"]))

        code = f"READ_ONLY = {READ_ONLY!r}\n{PROBE}"
        reply = await kc.execute_interactive(code, output_hook=hook, timeout=60)
        # the reply came back through the runtime folder's sockets, after its fill
        assert reply["content"]["status"] == "ok", errors
        seen = json.loads("".join(said))
        fs = os.statvfs(km.runtime)  # the host's side, through the link
        seen["host"] = {
            "link": os.readlink(km.runtime) if km.runtime.is_symlink() else None,
            "bytes": fs.f_blocks * fs.f_frsize,
            "files": fs.f_files,
            "sockets": sorted(p.name for p in km.runtime.iterdir()),
            "mode": km.report().get("mode"),
        }
        seen["runtime"] = str(km.runtime)
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
    seen["workspace_left"] = km.workspace.exists()
    seen["seconds"] = {"ready": ready, "all": time.monotonic() - started}
    return seen


@pytest.fixture(scope="module", params=["own tmpfs", "bubblewrap fallback"])
def seen(request):
    manager = SandboxedKernelManager if request.param == "own tmpfs" else FallbackKernelManager
    return request.param, asyncio.run(_probe(manager))


def test_a_kernel_writes_only_in_its_four_sized_tmpfs(seen):
    mode, seen = seen
    run, writes = seen["run"], seen["writes"]
    assert seen["cwd"] == WORKDIR and run == seen["runtime"]
    assert {place: writes[place] for place in READ_ONLY} == dict.fromkeys(READ_ONLY, "EROFS")
    for place in ("/tmp", WORKDIR, "/dev/shm", run):
        assert writes[place] == "written", place
    assert sorted(seen["mounts"]) == sorted(["/tmp", WORKDIR, "/dev/shm", run])
    assert seen["lock"] == "made", "multiprocessing's locks need /dev/shm"


def test_dev_shm_and_the_runtime_folder_stop_at_their_small_size(seen):
    mode, seen = seen
    for place, size, files in (
        ("/dev/shm", SHM_BYTES, SHM_FILES),
        (seen["run"], RUN_BYTES, RUN_FILES),
    ):
        written, said = seen["fill"][place]["bytes"]
        assert said == "ENOSPC" and written <= size, (place, written)
        made, said = seen["fill"][place]["files"]
        if mode == "own tmpfs":
            assert said == "ENOSPC" and made < files, (place, made)
        else:  # bubblewrap sizes a tmpfs, its files are bounded by the memory cgroup only
            assert made == 1000


def test_the_grader_reaches_the_runtime_folder_through_a_link(seen):
    mode, seen = seen
    host = seen["host"]
    assert host["link"].startswith("/proc/") and host["link"].endswith("/run")
    assert host["bytes"] == RUN_BYTES  # the small tmpfs, not the host's disk
    assert "kernel.json" in host["sockets"] and "kernel-1" in host["sockets"]
    assert host["mode"] == ("tmpfs" if mode == "own tmpfs" else "bwrap")
    if mode == "own tmpfs":
        assert host["files"] == RUN_FILES
    assert not seen["workspace_left"]
    assert seen["seconds"]["ready"] < 30
