"""The gradebook on a real PostgreSQL server: schema made once, SQLite migrated, secrets kept.

The server is the session's throwaway one (``tests/support/clusterkit.py``); the class is
the sample class's quiz graded once into SQLite by the Dask workers (shared with
``test_cluster.py``, which grades it into PostgreSQL too and compares them).
"""

from __future__ import annotations

import threading

import pytest
from typer.testing import CliRunner

from grader.cli.main import app
from grader.db import ensure_schema, redact, use_database
from grader.db.url import database_url
from grader.lms.export import rows
from tests.support.clusterkit import copy_course, differences, snapshot

pytestmark = [
    pytest.mark.servers,
    pytest.mark.xdist_group("cluster"),
]  # one cluster, one PostgreSQL, one worker


def test_the_server_is_real_and_wants_its_password(postgres):
    import psycopg

    url = postgres.database("plain")
    assert postgres.password in url and redact(url).count("***") == 1
    assert postgres.password not in redact(url)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host="127.0.0.1", port=postgres.port, user="grader",
                        password="wrong", dbname="plain")  # fmt: skip


def test_schema_is_created_once_by_concurrent_starters(postgres):
    from nbgrader.api import Gradebook
    from sqlalchemy import create_engine, text

    url = postgres.database("raced")
    created: list[bool] = []
    starters = [threading.Thread(target=lambda: created.append(ensure_schema(url)))]
    starters += [threading.Thread(target=lambda: created.append(ensure_schema(url)))]
    starters += [threading.Thread(target=lambda: created.append(ensure_schema(url)))]
    for thread in starters:
        thread.start()
    for thread in starters:
        thread.join()
    assert sorted(created) == [False, False, True]  # one made it, the others found it
    engine = create_engine(url)
    with engine.connect() as db:
        assert db.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()
    with Gradebook(url, "course101") as gb:  # nbgrader finds the database it would make
        assert gb.students == []


def test_the_database_is_chosen_per_course_and_never_leaks_into_another(tmp_path, postgres):
    one, two = tmp_path / "one", tmp_path / "two"
    url = postgres.url("anything")
    use_database(url, one)
    try:
        assert database_url(one) == url
        assert database_url(two).startswith("sqlite:///") and str(two) in database_url(two)
    finally:
        use_database(None, one)
    assert database_url(one).startswith("sqlite:///")


def test_migrate_copies_every_grade_and_refuses_a_second_time(graded_sqlite, postgres, tmp_path):
    root = copy_course(graded_sqlite["root"], tmp_path / "course")
    url = postgres.database("migrated")
    runner = CliRunner()
    result = runner.invoke(app, ["--course", str(root), "db", "migrate", url])
    assert result.exit_code == 0, result.output
    assert "grade" in result.output and postgres.password not in result.output
    use_database(url, root)
    try:
        migrated, exported = snapshot(root), rows(root)
    finally:
        use_database(None, root)
    assert migrated and not differences(migrated, graded_sqlite["grades"])
    assert [(r.student, r.lesson, r.score) for r in exported] == [
        (r.student, r.lesson, r.score) for r in rows(root)
    ]
    again = runner.invoke(app, ["--course", str(root), "db", "migrate", url])
    assert again.exit_code == 1 and "already holds a gradebook" in again.output
