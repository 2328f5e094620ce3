"""Create nbgrader's gradebook schema once, before anything grades into it.

Why: every nbgrader ``Gradebook(...)`` runs ``create_all`` and, on an empty
database, stamps ``alembic_version`` and inserts the course: several processes
starting on an empty database race, and on PostgreSQL ``create_all`` also creates
enum types, which two sessions cannot both create. Here the schema is made by one
transaction, under an advisory lock on PostgreSQL, from nbgrader's own models and
migration head (read in-process: nbgrader asks a separate ``alembic`` process,
about 6 s), so that nbgrader then finds exactly the database it would have made.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

_DONE: set[str] = set()
LOCK_ID = 1_702_017  # any constant: the advisory lock that serializes schema creation


def schema_head() -> str:
    """The alembic revision nbgrader stamps on a new gradebook (its migrations' head)."""
    from pathlib import Path

    import nbgrader
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(Path(nbgrader.__file__).parent / "alembic")).get_current_head()


def create_schema(connection) -> bool:
    """Create the tables and stamp the head on an empty database; False if it had tables."""
    from nbgrader.api import Base
    from sqlalchemy import inspect, text

    if inspect(connection).get_table_names():
        Base.metadata.create_all(bind=connection)  # what nbgrader does on each open
        return False
    Base.metadata.create_all(bind=connection)
    connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    connection.execute(
        text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": schema_head()}
    )
    return True


@contextlib.contextmanager
def connect(engine, url: str) -> Iterator:
    """A connection of ``engine``; a server that cannot be reached is said, not traced back."""
    from sqlalchemy.exc import OperationalError

    from grader.errors import database_unreachable

    try:
        connection = engine.connect()
    except OperationalError as error:
        raise database_unreachable(url, error) from None
    with connection:
        yield connection


def ensure_schema(url: str) -> bool:
    """Make sure a non-SQLite gradebook has nbgrader's schema (once per process).

    SQLite gradebooks are created aside and linked into place instead
    (:func:`grader.db.gradebook.create_gradebook`). Returns whether tables were created.
    """
    if url in _DONE or url.startswith("sqlite"):
        return False
    from sqlalchemy import create_engine, text

    engine = create_engine(url, future=True)
    try:
        with connect(engine, url) as connection, connection.begin():
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOCK_ID})
            created = create_schema(connection)
    finally:
        engine.dispose()
    _DONE.add(url)
    return created
