"""Real servers for the distributed-grading tests: PostgreSQL, a Dask scheduler and workers.

Why a module of fixtures, imported by ``tests/conftest.py``: ``test_cluster.py`` and
``test_pgbook.py`` share one PostgreSQL server, one Dask cluster and one graded
class (session scope, one xdist group), so each costly thing happens once.
Nothing here is a mock: PostgreSQL is Debian's, started with ``initdb``/``pg_ctl``
in a temporary folder (as the ``postgres`` user when the tests run as root, which
PostgreSQL requires), and Dask's own ``dask scheduler`` / ``dask worker`` commands
run on loopback addresses. Each is stopped at the end of the session.
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
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

QUIZ = ["10_quiz_en", "10_quiz_fr"]
BIN = Path(sys.executable).parent


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
        pytest.fail("PostgreSQL is not installed: apt-get install postgresql (make venv does it)")
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
def postgres_server():
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

SCHEDULER_ENV = {
    # what the README tells instructors to give their scheduler
    "DASK_DISTRIBUTED__SCHEDULER__WORK_STEALING": "False",
    "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0",
    # a submission may take down one worker; the second death fails it (cheaper to test)
    "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1",
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
                "--host", "127.0.0.1", "--preload-nanny", "grader.cluster.nanny"]  # fmt: skip

    def start_workers(self, workers: int, env: dict | None = None) -> subprocess.Popen:
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


def start_dask(folder: Path, workers: int = 2) -> DaskCluster:
    folder.mkdir(parents=True, exist_ok=True)
    cluster = DaskCluster(free_port(), folder)
    log = (folder / "scheduler.log").open("w")
    cluster.processes.append(
        subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(cluster.port),
             "--no-dashboard"],
            env={**os.environ, **SCHEDULER_ENV}, stdout=log, stderr=log, start_new_session=True,
        )
    )  # fmt: skip
    wait_for_port(cluster.port)
    cluster.start_workers(workers)
    cluster.wait_for_workers(workers)
    return cluster


# -- the class -------------------------------------------------------------------------


def quiz_class(root: Path) -> Path:
    """A scratch course with the sample class's quiz submissions collected (not graded)."""
    from grader.collect import collect_zip
    from grader.course import COURSE
    from grader.notes import record
    from grader.release import release, set_due_date
    from grader.sample_class import build_zip, load_class

    root.mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    release(QUIZ, root=root)
    spec = load_class()
    for aid in QUIZ:
        set_due_date(aid, spec["due"], root)
    for info in spec["students"].values():
        info["lessons"] = ["10_quiz"]  # the quiz needs no TensorFlow: a second per kernel
    (root / "class.yml").write_text(yaml.safe_dump(spec))
    written, notes = collect_zip(build_zip(root / "class.zip", root / "class.yml", root), root)
    record(notes, root)
    return root


def copy_course(template: Path, root: Path) -> Path:
    shutil.copytree(template, root, ignore=shutil.ignore_patterns("gradebook.db"))
    shutil.copy(template / "gradebook.db", root / "gradebook.db")
    return root


def snapshot(root: Path) -> dict:
    """Every grade of every submission, cell by cell, as nbgrader stores it."""
    from nbgrader.api import Gradebook

    from grader.course import config

    cfg = config(root)
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        return {
            (s.student.id, a.name, nb.name, g.name): (
                g.auto_score, g.manual_score, g.needs_manual_grade, nb.late_submission_penalty,
            )
            for a in gb.assignments
            for s in a.submissions
            for nb in s.notebooks
            for g in nb.grades
        }  # fmt: skip


def differences(first: dict, second: dict) -> list:
    """The cells whose grades differ (or exist on one side only)."""
    return sorted(
        (key, first.get(key), second.get(key))
        for key in set(first) | set(second)
        if first.get(key) != second.get(key)
    )


# -- session fixtures (imported by tests/conftest.py) -----------------------------------


@pytest.fixture(scope="session")
def postgres():
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="session")
def dask_cluster(tmp_path_factory):
    cluster = start_dask(tmp_path_factory.mktemp("dask"))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def quiz_template(tmp_path_factory):
    """The sample class's quiz, collected, never graded: copy it, do not change it."""
    return quiz_class(tmp_path_factory.mktemp("quiz") / "course")


@contextlib.contextmanager
def recording_also_into(root: Path, url: str):
    """Record every worker's result into the course ``root`` on ``url`` as well.

    Why: what a database can change is the recording (nbgrader's writes on the
    instructor's side); the execution on the workers does not know the database.
    So one grading of the sample class by the workers is recorded by nbgrader into
    SQLite and into PostgreSQL, each through the same ``record_result`` as ever.
    """
    import grader.autograde as ag
    from grader.db import use_database

    original = ag.record_result

    def both(job, result, here, *args):
        outcome = original(job, result, here, *args)
        folder = root / "submitted" / job.student / job.assignment
        shutil.rmtree(folder, ignore_errors=True)  # as intake left it
        shutil.copytree(here / "submitted" / job.student / job.assignment, folder)
        ag._create_students({job.student}, root)
        twin = original(job, result, root, *args)
        assert (twin.success, twin.message) == (outcome.success, outcome.message)
        return outcome

    use_database(url, root)
    ag.record_result = both
    try:
        yield
    finally:
        ag.record_result = original
        ag._clear_stage(root)


@pytest.fixture(scope="session")
def graded_sqlite(quiz_template, dask_cluster, postgres, tmp_path_factory):
    """The quiz class graded by the Dask workers, recorded into SQLite and PostgreSQL."""
    from grader.autograde import autograde
    from grader.db import use_database
    from grader.db.migrate import migrate
    from grader.db.url import sqlite_url

    root = copy_course(quiz_template, tmp_path_factory.mktemp("sqlite") / "course")
    twin = copy_course(quiz_template, tmp_path_factory.mktemp("postgresql") / "course")
    url = postgres.database("recorded_twice")
    migrate(sqlite_url(twin), url)  # released into SQLite: the release moves along
    with recording_also_into(twin, url):
        outcomes = autograde(
            QUIZ, root=root, timeout=20, progress=False, scheduler=dask_cluster.address
        )
    try:
        twin_grades = snapshot(twin)
    finally:
        use_database(None, twin)
    return {"root": root, "outcomes": outcomes, "grades": snapshot(root), "pg": twin_grades}
