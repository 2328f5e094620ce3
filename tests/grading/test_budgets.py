"""The sandbox's budgets (grader/sandbox/budgets.py, launch.py), each tried both ways.

The hostile corpus (tests/support/hostile.py) fills /tmp, the working folder, the file table
and memory through the real grader; these tests check the parts on their own: the
memory cgroup kills over its limit and not under it, the launcher's storage holds its
sizes (also in bubblewrap's fallback), the worker check refuses what does not fit,
and a student reads the budget in their language.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.sandbox import Budgets, budgets, check_workers
from grader.sandbox.budgets import MIB, RUN_BYTES, SHM_BYTES, MemoryCgroup

HOLD = "import sys\nheld = b'\\1' * int(sys.argv[1]) * 2**20\nprint('held')\n"


def _in_cgroup(cgroup: MemoryCgroup, mib: int) -> subprocess.CompletedProcess:
    join = f"open({str(cgroup.procs)!r}, 'w').write(str(__import__('os').getpid()))\n"
    return subprocess.run(
        [sys.executable, "-c", join + HOLD, str(mib)], capture_output=True, text=True
    )


def test_the_memory_cgroup_stops_a_process_over_its_budget_only():
    version, where = budgets.detect()
    if version is None:
        pytest.skip(f"no memory cgroup here: {where}")
    cgroup, why = MemoryCgroup.create(256 * MIB)
    if cgroup is None:
        pytest.skip(why)
    try:
        under = _in_cgroup(cgroup, 64)
        assert under.returncode == 0 and "held" in under.stdout, under.stderr
        assert cgroup.stats()["oom_kills"] == 0
        over = _in_cgroup(cgroup, 512)
        assert over.returncode != 0 and "held" not in over.stdout
        assert cgroup.stats()["oom_kills"] >= 1
        assert cgroup.stats()["peak"] >= 200 * MIB
    finally:
        cgroup.remove()
    assert not cgroup.path.exists()


def _launcher_args(tmp_path: Path, scratch: Path, program: list[str]) -> list[str]:
    """The launcher's arguments for ``program`` in a bubblewrap sandbox, 16 MiB each side."""
    from grader.sandbox import bwrap

    command = [bwrap.check(), "--unshare-all", "--die-with-parent"]
    command += ["--proc", "/proc", "--dev", "/dev", bwrap.STORAGE]
    for folder in bwrap.SYSTEM_DIRS:
        if Path(folder).is_dir():
            command += ["--ro-bind", folder, folder]
    command += ["--chdir", bwrap.WORKDIR, *program]
    args = ["--store", str(tmp_path / "store"), "--scratch", str(scratch)]
    args += ["--report", str(tmp_path / "report.json"), "--files", "100"]
    return args + ["--tmp-bytes", str(16 * MIB), "--work-bytes", str(16 * MIB), "--", *command]


def _fill(tmp_path: Path, own: bool) -> tuple[int, dict, str]:
    """Run the launcher on a shell that fills /tmp: (exit code, its report, stderr)."""

    scratch = tmp_path / "work"
    scratch.mkdir()
    (scratch / "helper.py").write_text("x = 1\n")
    report = tmp_path / "report.json"
    script = (
        "cat helper.py >/dev/null && dd if=/dev/zero of=/tmp/f bs=1M count=64 2>/dev/null;"
        "test $(stat -c %s /tmp/f) -le 16777216"
    )
    args = _launcher_args(tmp_path, scratch, ["sh", "-c", script])
    code = subprocess.run(
        [sys.executable, "-c", _LAUNCH, str(own), *args], capture_output=True, text=True
    )
    return code.returncode, budgets.read_report(report), code.stderr


# The launcher in a process of its own (it changes its namespaces); the fallback is
# forced by refusing its namespace step, as a kernel that allows only bubblewrap would.
_LAUNCH = """
import sys
from grader.sandbox import launch
if sys.argv[1] == "False":
    def refused(*args):
        raise PermissionError(1, "Operation not permitted", "unshare")
    launch._own_namespace = refused
sys.exit(launch.main(sys.argv[2:]))
"""


@pytest.mark.parametrize("own", [True, False], ids=["own tmpfs", "bubblewrap fallback"])
def test_the_launchers_storage_holds_its_size(tmp_path, own):
    code, report, stderr = _fill(tmp_path, own)
    assert code == 0, stderr  # the 64 MiB file stopped at the 16 MiB budget
    if own:
        assert report["mode"] == "tmpfs"
        assert report["tmp"]["full_bytes"] and not report["work"]["full_bytes"]
        assert report["tmp"]["peak_bytes"] <= 16 * MIB
        assert budgets.storage_hits(report) == [("tmp", "bytes", 16 * MIB)]
    else:
        assert report["mode"] == "bwrap" and "unshare" in report["reason"]
        assert budgets.storage_hits(report) == [], "not watched in the fallback"


def test_the_watch_sees_full_and_not_full(tmp_path):
    report = {"tmp": {"full_bytes": False, "full_files": True, "limit_files": 10}}
    assert budgets.storage_hits(report) == [("tmp", "files", 10)]
    assert budgets.storage_hits({"tmp": {"full_bytes": False}, "work": {}}) == []


def test_too_many_workers_for_the_memory_are_refused():
    each = Budgets()
    assert check_workers(2, each, available=64 * 2**30) == ""
    said = check_workers(4, each, available=5 * 2**30 + 512 * MIB)  # with a cgroup or without
    assert said.startswith("refusing 4 workers") and "--workers 2 or fewer" in said
    assert "memory_budget" in said
    assert check_workers(1, each, available=2 * 2**30 + 2 * 512 * MIB) == ""
    # without a cgroup, every tmpfs adds to the processes: /dev/shm and the runtime too
    assert each.host_bytes(False) == (2048 + 256 + 256) * MIB + SHM_BYTES + RUN_BYTES
    assert each.host_bytes(True) == 2048 * MIB


def test_the_student_reads_the_budget_in_their_language():
    fr = budgets.student_message("bytes", "fr", 256 * MIB, "work")
    en = budgets.student_message("bytes", "en", 256 * MIB, "work")
    assert "256\u202fMio" in fr and "dossier de travail" in fr
    assert "256 MiB" in en and "working folder" in en
    files = budgets.student_message("files", "fr", 10_000, "tmp")
    assert "10\u202f000 fichiers" in files and "/tmp" in files
    assert "mémoire" in budgets.student_message("memory", "fr", 2048 * MIB)
    assert budgets.log_message("files", 10_000, "tmp") == (
        "budget: budget of 10,000 files in /tmp reached"
    )


# Started the way a kernel manager starts a kernel; this parent then dies with SIGKILL,
# as a Dask worker killed in the middle of a grading does.
_PARENT = """
import subprocess, sys, time
launcher = subprocess.Popen([sys.executable, "-c", sys.argv[1], "True", *sys.argv[2:]])
print(launcher.pid, flush=True)
time.sleep(300)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.parametrize("orphaned", [True, False], ids=["parent killed", "parent alive"])
def test_the_sandbox_ends_when_whoever_started_it_dies(tmp_path, orphaned):
    scratch = tmp_path / "work"
    scratch.mkdir()
    args = _launcher_args(tmp_path, scratch, ["sleep", "300"])
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, _LAUNCH, *args], stdout=subprocess.PIPE, text=True
    )
    launcher = int(parent.stdout.readline())
    try:
        time.sleep(1)  # the sandbox is up
        assert _alive(launcher)
        if orphaned:
            parent.kill()
            parent.wait()
        deadline = time.monotonic() + (10 if orphaned else 3)
        while _alive(launcher) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _alive(launcher) is not orphaned  # it ends only when orphaned
    finally:
        parent.kill()
        parent.wait()
        if _alive(launcher):
            os.kill(launcher, signal.SIGKILL)


@pytest.mark.parametrize("starter", ["dead", "alive"])
def test_a_starter_that_died_before_the_launcher_ran_is_noticed(tmp_path, starter):
    """The starter gives its pid (``--parent``): one already gone leaves no kernel behind."""
    scratch = tmp_path / "work"
    scratch.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    parent = gone.pid if starter == "dead" else os.getpid()
    args = _launcher_args(tmp_path, scratch, ["sleep", "300"])
    launcher = subprocess.Popen(
        [sys.executable, "-c", _LAUNCH, "True", "--parent", str(parent), *args]
    )
    try:
        deadline = time.monotonic() + (10 if starter == "dead" else 3)
        while launcher.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert (launcher.poll() is None) is (starter == "alive")  # ends only without its starter
    finally:
        launcher.kill()
        launcher.wait()
