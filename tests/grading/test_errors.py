"""Every command, given a setting that cannot work, says so in a sentence or two and exits non-zero.

Each case is the real thing, through the installed ``grader`` command: a port where
nothing listens for the database and for the Dask scheduler, a PostgreSQL server
started and then stopped, a course root that does not exist, a lesson never
released, an option that does not exist, and a Dask scheduler with no worker. Each
is tried both ways: the same command with a good setting works.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from devkit.servers import free_port, postgres_server, start_dask

from grader.errors import language, mask
from tests.support.clusterkit import copy_course

PASSWORD = "hunter2-secret"


def grader(*args: str, env: dict | None = None, timeout: float = 600) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "grader", *args], capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})},
    )  # fmt: skip
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def assert_said_in_words(code: int, said: str, *expected: str) -> None:
    """Non-zero, no traceback, one or two sentences, the password masked."""
    assert code != 0, said
    assert "Traceback" not in said and 'File "' not in said, said
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", said) if s.strip()]
    assert 1 <= len(sentences) <= 2, sentences
    assert PASSWORD not in said, said
    for text in expected:
        assert text in said, said


def nobody_at(port: int, scheme: str = "postgresql+psycopg") -> str:
    return f"{scheme}://grader:{PASSWORD}@127.0.0.1:{port}/gradebook"


@pytest.fixture
def course(quiz_template, tmp_path):
    return copy_course(quiz_template, tmp_path / "course")


def test_a_database_nobody_listens_on_is_said_with_its_password_masked(course, tmp_path):
    url = nobody_at(free_port())
    env = {"GRADER_DB": url}
    masked = url.replace(PASSWORD, "***")
    for command in (
        ["export", "--csv", str(tmp_path / "g.csv")],
        ["feedback"],
        ["autograde", "--scheduler", "tcp://127.0.0.1:1"],
        ["release", "12_quiz_en"],
    ):
        code, said = grader("--course", str(course), *command, env=env)
        assert_said_in_words(code, said, "Cannot reach the gradebook database", masked)
    code, said = grader("--course", str(course), "report", "--lang", "fr", env=env)
    assert_said_in_words(code, said, "ne répond pas", masked)
    code, said = grader("--course", str(course), "db", "migrate", url)
    assert_said_in_words(code, said, "Cannot reach the gradebook database", masked)
    # the same commands on the course's own gradebook
    code, said = grader("--course", str(course), "export", "--csv", str(tmp_path / "g.csv"))
    assert code == 0 and (tmp_path / "g.csv").exists(), said


@pytest.mark.xdist_group("cluster")
def test_a_postgresql_that_was_stopped_is_said_and_a_running_one_works(course, tmp_path):
    with postgres_server() as server:
        url = server.database("stopped")
        code, said = grader("--course", str(course), "db", "migrate", url)
        assert code == 0, said
        code, said = grader("--course", str(course), "export", "--csv", str(tmp_path / "a.csv"),
                            env={"GRADER_DB": url})  # fmt: skip
        assert code == 0 and server.password not in said, said
    code, said = grader("--course", str(course), "export", "--csv", str(tmp_path / "b.csv"),
                        env={"GRADER_DB": url})  # fmt: skip
    assert_said_in_words(code, said, "Cannot reach the gradebook database", "grader:***@")
    assert server.password not in said


def test_a_missing_course_root_is_said(course, tmp_path):
    missing = tmp_path / "no-such-course"
    for command in (["export"], ["autograde"], ["feedback"], ["report"]):
        code, said = grader("--course", str(missing), *command)
        assert_said_in_words(code, said, f"There is no course root at {missing}")
    code, said = grader("--course", str(missing), "report", "--lang", "fr")
    assert_said_in_words(code, said, "Il n'y a pas de racine de cours")
    code, said = grader("--course", str(course), "export", "--csv", str(tmp_path / "g.csv"))
    assert code == 0, said


def test_a_lesson_never_released_is_said(course, tmp_path):
    fresh = tmp_path / "fresh"
    folder = fresh / "submitted" / "alice" / "12_quiz_en"
    folder.mkdir(parents=True)
    (fresh / "nbgrader_config.py").write_bytes((course / "nbgrader_config.py").read_bytes())
    (folder / "12_quiz.ipynb").write_bytes(
        (course / "submitted" / "alice" / "12_quiz_en" / "12_quiz.ipynb").read_bytes()
    )
    code, said = grader("--course", str(fresh), "autograde", "12_quiz_en",
                        "--scheduler", "tcp://127.0.0.1:1")  # fmt: skip
    assert_said_in_words(code, said, "12_quiz_en never released", "grader release 12_quiz_en")
    code, said = grader("--course", str(fresh), "sample-class", "--students", "2")
    assert_said_in_words(code, said, "not released")


def test_a_wrong_option_or_value_is_said(course):
    for command, expected in (
        (["autograde", "--wrokers", "2"], "No such option"),
        (["export", "--lms", "blackboard"], "one of canvas, moodle"),
        (["report", "--lang", "de"], "one of en, fr"),
        (["autograde", "99"], "no assignment matches"),
    ):
        code, said = grader("--course", str(course), *command)
        assert code == 2 and expected in said and "Traceback" not in said, said


def test_a_scheduler_nobody_listens_on_is_said_at_once(course):
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    code, said = grader("--course", str(course), "autograde", "--scheduler", address)
    assert code == 3 and f"nothing listens at {address}" in said and "Traceback" not in said
    assert time.monotonic() - started < 60, "said at once, not after Dask's connect timeout"


@pytest.mark.xdist_group("cluster")
def test_a_scheduler_without_workers_is_said_on_the_progress_line(course, tmp_path):
    cluster = start_dask(tmp_path / "dask", workers=0)
    try:
        command = [sys.executable, "-m", "grader", "--course", str(course), "autograde",
                   "12_quiz_en", "--student", "alice", "--scheduler", cluster.address]  # fmt: skip
        live = {"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "1", "COLUMNS": "250"}
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**os.environ, **live},
        )  # fmt: skip
        output: list[bytes] = []
        chunks = iter(lambda: process.stdout.read1(4096), b"")
        reader = threading.Thread(target=lambda: output.extend(chunks))
        reader.start()
        deadline = time.monotonic() + 300
        waiting = "no Dask worker connected, waiting (start `dask worker"
        while waiting not in b"".join(output).decode(errors="replace"):
            assert process.poll() is None and time.monotonic() < deadline, b"".join(output)
            time.sleep(0.5)
        assert "graded" not in b"".join(output).decode(errors="replace")
        cluster.start_workers(1)  # the other way: a worker connects, grading goes on by itself
        assert process.wait(timeout=600) == 0
        reader.join(timeout=10)
        said = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(output).decode(errors="replace"))
        assert "graded 1, already graded 0, failed 0" in said, said[-2000:]
    finally:
        if process.poll() is None:
            process.kill()
        cluster.stop()


def test_the_language_is_the_commands_and_passwords_are_masked_everywhere():
    assert language(["report", "--lang", "fr"]) == "fr"
    assert language(["report", "--lang=fr_FR.UTF-8"]) == "fr"
    assert language(["report"]) == language(["export", "--csv", "x"]) == "en"
    text = f"failed for postgresql+psycopg://grader:{PASSWORD}@db:5432/gb and tcp://h:8786"
    assert mask(text) == "failed for postgresql+psycopg://grader:***@db:5432/gb and tcp://h:8786"
    assert mask("no secret here: a:b@c") == "no secret here: a:b@c"


def test_the_entry_point_is_the_one_that_speaks_in_words():
    import tomllib

    root = Path(__file__).resolve().parents[2]
    scripts = tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["grader"] == "grader.cli.main:main"
    assert "cli.main import main" in (root / "grader" / "__main__.py").read_text()
