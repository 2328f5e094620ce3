"""Throwaway servers on loopback: a PostgreSQL cluster, a Dask scheduler and its workers.

Why in the package rather than in the tests: ``grader bench scale`` times grading
on exactly what the tests exercise (``tests/support/clusterkit.py`` imports these), real
servers started and stopped here, never mocks. PostgreSQL is Debian's, started
with ``initdb``/``pg_ctl`` in a temporary folder (as the ``postgres`` user when
run as root, which PostgreSQL requires); Dask's own ``dask scheduler`` and
``dask worker`` commands run as separate processes, as on grading machines.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent


@contextlib.contextmanager
def stopped_on_sigterm() -> Iterator[None]:
    """Make ``kill`` (SIGTERM, also what an interrupted ``make`` sends) unwind like Ctrl-C.

    Python dies on SIGTERM without running ``finally`` blocks, so the PostgreSQL and
    Dask servers started in ``with`` blocks here would outlive the command; turned into
    ``SystemExit`` in this process, they are stopped. Forked children keep dying as before.
    """
    main = os.getpid()

    def unwind(signum, _frame) -> None:
        if os.getpid() != main:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, unwind)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


# -- PostgreSQL ------------------------------------------------------------------------


def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed: apt-get install postgresql (make venv does it)"
        )
    return found[-1].parent


@dataclass
class Postgres:
    """A throwaway PostgreSQL server on 127.0.0.1 with a password-protected superuser."""

    folder: Path
    port: int
    password: str
    user: str = "grader"
    made: list[str] = field(default_factory=list)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def database(self, name: str) -> str:
        """A new, empty database; its SQLAlchemy URL (password included)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, password=self.password,
            dbname="postgres", autocommit=True,
        ) as connection:  # fmt: skip
            connection.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return self.url(name)


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def postgres_server() -> Iterator[Postgres]:
    """A PostgreSQL server for the life of the ``with`` block; its folder removed after."""
    folder = Path(tempfile.mkdtemp(prefix="grader-pg-"))
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    password = secrets.token_hex(12)
    (folder / "pw").write_text(password)
    if os.geteuid() == 0:
        os.chown(folder / "pw", user.pw_uid, user.pw_gid)
    port = free_port()
    data = folder / "data"
    pg = pg_bin()
    subprocess.run(
        _as_postgres(
            [str(pg / "initdb"), "-D", str(data), "-U", "grader", f"--pwfile={folder / 'pw'}",
             "-A", "scram-sha-256", "--no-sync"]
        ),
        check=True, capture_output=True,
    )  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_postgres([str(pg / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"),
                      "-o", options, "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield Postgres(folder, port, password)
    finally:
        subprocess.run(
            _as_postgres([str(pg / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


# -- Dask ------------------------------------------------------------------------------

# what the instructors' guide (docs/guide/en/instructors.md) tells them to give their scheduler
SCHEDULER_ENV = {
    "DASK_DISTRIBUTED__SCHEDULER__WORK_STEALING": "False",
    "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0",
}


@dataclass
class DaskCluster:
    """``dask scheduler`` and ``dask worker --nworkers N`` as separate processes."""

    port: int
    folder: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def worker_command(self, workers: int) -> list[str]:
        return [str(BIN / "dask"), "worker", self.address, "--nworkers", str(workers),
                "--nthreads", "1", "--memory-limit", "0", "--no-dashboard",
                "--host", "127.0.0.1",
                "--preload-nanny", "grader.grading.cluster.nanny"]  # fmt: skip

    def start_workers(self, workers: int, env: dict | None = None) -> subprocess.Popen:
        """One ``dask worker`` command running ``workers`` worker processes."""
        log = (self.folder / f"workers-{len(self.processes)}.log").open("w")
        env = {**(env or os.environ), "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}
        process = subprocess.Popen(
            self.worker_command(workers), env=env, stdout=log, stderr=log,
            start_new_session=True,
        )  # fmt: skip
        self.processes.append(process)
        return process

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=30)

    def wait_for_workers(self, count: int, seconds: float = 120) -> None:
        with self.client() as client:
            client.wait_for_workers(count, timeout=seconds)

    def stop(self) -> None:
        for process in reversed(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        self.processes.clear()


def start_dask(
    folder: Path, workers: int = 2, scheduler_env: dict | None = None, commands: int = 1
) -> DaskCluster:
    """A scheduler, then ``commands`` ``dask worker`` commands sharing ``workers`` processes.

    ``commands`` > 1 stands for as many machines: one ``dask worker`` command each.
    """
    folder.mkdir(parents=True, exist_ok=True)
    cluster = DaskCluster(free_port(), folder)
    log = (folder / "scheduler.log").open("w")
    cluster.processes.append(
        subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(cluster.port),
             "--no-dashboard"],
            env={**os.environ, **(scheduler_env or SCHEDULER_ENV)}, stdout=log, stderr=log,
            start_new_session=True,
        )
    )  # fmt: skip
    try:
        wait_for_port(cluster.port)
        if workers:  # none: a scheduler still waiting for its workers
            for _ in range(commands):
                cluster.start_workers(workers // commands)
            cluster.wait_for_workers(workers)
    except BaseException:  # a failed or interrupted start leaves nothing running
        cluster.stop()
        raise
    return cluster
