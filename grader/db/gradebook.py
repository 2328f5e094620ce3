"""A new course root's empty gradebook, made without nbgrader's ``alembic heads`` process.

Why: when nbgrader's ``Gradebook`` creates a database, it asks a fresh ``alembic``
process for the schema's head revision, a constant of the installed nbgrader; that
costs about 6 s on our machines, in every new course root (each ``grader validate``
run, each scratch course of the tests, a first ``make demo``). Here the head is read
in-process from nbgrader's own migration scripts, and the tables come from
nbgrader's own models, so nbgrader finds exactly the database it would have made.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path


def create_gradebook(path: Path) -> bool:
    """Create ``path`` as an empty, stamped nbgrader gradebook unless it exists.

    Returns whether it was created. Written aside and linked into place, so a
    gradebook that already exists (or appears meanwhile) is never replaced.
    """
    if path.exists():
        return False
    from sqlalchemy import create_engine

    from grader.db.schema import create_schema

    aside = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    engine = create_engine(f"sqlite:///{aside}", future=True)
    try:
        with engine.begin() as connection:
            create_schema(connection)
        engine.dispose()
        try:
            os.link(aside, path)
        except FileExistsError:
            return False
        return True
    finally:
        engine.dispose()
        aside.unlink(missing_ok=True)


def quiet_orm_warnings() -> None:
    """Hide SQLAlchemy's "not in session" warnings raised inside nbgrader's own models.

    Why: nbgrader's ``SaveAutoGrades`` reads relationships of objects it has just
    created, which SQLAlchemy 2 reports as "add operation ... will not proceed"; the
    grades are saved all the same (the tests compare them with nbgrader's own runs),
    and an instructor seeing these lines would think grading had gone wrong. Only
    this message is hidden; every other warning still shows.
    """
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings(
        "ignore", message=r"Object of type <\w+> not in session", category=SAWarning
    )
