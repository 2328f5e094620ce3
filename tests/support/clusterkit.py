"""Real servers for the distributed-grading tests: PostgreSQL, a Dask scheduler and workers.

Why a module of fixtures, imported by ``tests/conftest.py``: ``test_cluster.py`` and
``test_pgbook.py`` share one PostgreSQL server, one Dask cluster and one graded
class (session scope, one xdist group), so each costly thing happens once.
Nothing here is a mock: the servers are :mod:`devkit.servers`' (Debian's
PostgreSQL started with ``initdb``/``pg_ctl`` in a temporary folder, as the
``postgres`` user when the tests run as root; Dask's own ``dask scheduler`` /
``dask worker`` commands on loopback addresses), which ``grader bench scale`` uses
too. Each is stopped at the end of the session.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
import yaml
from devkit import servers
from devkit.servers import DaskCluster, postgres_server

QUIZ = ["12_quiz_en", "12_quiz_fr"]

# the instructors' guide's scheduler settings; a submission may take down one worker, the
# second death fails it (cheaper to test)
SCHEDULER_ENV = {**servers.SCHEDULER_ENV, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"}


def start_dask(folder: Path, workers: int = 2) -> DaskCluster:
    return servers.start_dask(folder, workers, SCHEDULER_ENV)


# -- the class -------------------------------------------------------------------------


def quiz_class(root: Path) -> Path:
    """A scratch course with the sample class's quiz submissions collected (not graded)."""
    from grader.authoring.release import release, set_due_date
    from grader.classes.sample import build_zip, load_class
    from grader.course import COURSE
    from grader.grading.notes import record
    from grader.lms.collect import collect_zip

    root.mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    release(QUIZ, root=root)
    spec = load_class()
    for aid in QUIZ:
        set_due_date(aid, spec["due"], root)
    for info in spec["students"].values():
        info["lessons"] = ["12_quiz"]  # the quiz needs no TensorFlow: a second per kernel
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


def records(root: Path) -> dict:
    """What nbgrader's autograde writes besides grades: submission times, comments, penalties."""
    from nbgrader.api import Gradebook

    from grader.course import config

    cfg = config(root)
    found: dict = {}
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        for a in gb.assignments:
            for s in a.submissions:
                found[(s.student.id, a.name)] = (s.timestamp, s.total_seconds_late)
                for nb in s.notebooks:
                    found[(s.student.id, a.name, nb.name)] = nb.late_submission_penalty
                    for c in nb.comments:
                        found[(s.student.id, a.name, nb.name, c.name)] = c.auto_comment
    return found


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


RETURNED: list = []  # (job, what the worker returned, the rest of record_result's arguments)


@contextlib.contextmanager
def recording_also_into(root: Path, url: str):
    """Record every worker's result into the course ``root`` on ``url`` as well.

    Why: what a database can change is the recording (nbgrader's writes on the
    instructor's side); the execution on the workers does not know the database.
    So one grading of the sample class by the workers is recorded by nbgrader into
    SQLite and into PostgreSQL, each through the same ``record_result`` as ever.
    """
    import grader.grading.autograde as ag
    from grader.db import use_database

    original = ag.record_result

    def both(job, result, here, *args):
        outcome = original(job, result, here, *args)
        RETURNED.append((job, result, args))
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
    from grader.db import use_database
    from grader.db.migrate import migrate
    from grader.db.url import sqlite_url
    from grader.grading.autograde import autograde

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
        twin_records = records(twin)
    finally:
        use_database(None, twin)
    return {
        "root": root, "outcomes": outcomes, "grades": snapshot(root), "pg": twin_grades,
        "records": records(root), "pg_records": twin_records, "returned": list(RETURNED),
    }  # fmt: skip
