"""The empty gradebook made in-process is the one nbgrader itself would make."""

import sqlite3

from grader.db.gradebook import create_gradebook


def _schema(path):
    with sqlite3.connect(path) as db:
        tables = db.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        (version,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
    return tables, version


def test_same_tables_and_stamp_as_nbgrader(tmp_path):
    from nbgrader.api import Gradebook

    from grader.course import _prepare_environment

    _prepare_environment()  # nbgrader runs `alembic` by name
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    assert create_gradebook(ours)
    with Gradebook(f"sqlite:///{theirs}"):  # nbgrader's own way: `alembic heads` in a process
        pass
    assert _schema(ours) == _schema(theirs)
    with Gradebook(f"sqlite:///{ours}", "regularization") as gb:  # and nbgrader uses it as is
        gb.update_or_create_student("ada")
        assert [s.id for s in gb.students] == ["ada"]


def test_an_existing_gradebook_is_never_replaced(tmp_path):
    path = tmp_path / "gradebook.db"
    assert create_gradebook(path)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE marker (x)")
    assert not create_gradebook(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'marker'").fetchone()
    assert [p.name for p in tmp_path.iterdir()] == ["gradebook.db"], "nothing left aside"


def test_only_nbgraders_not_in_session_warning_is_hidden():
    import warnings

    from sqlalchemy.exc import SAWarning

    from grader.db.gradebook import quiet_orm_warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quiet_orm_warnings()
        for text, category in [
            (
                "Object of type <SubmittedAssignment> not in session, add operation along "
                "'Student.submissions' will not proceed",
                SAWarning,
            ),
            ("Object of type <Student> not in session", UserWarning),
            ("implicitly coercing SELECT object to scalar subquery", SAWarning),
        ]:
            warnings.warn(text, category, stacklevel=1)
    assert [(w.category, str(w.message)[:22]) for w in caught] == [
        (UserWarning, "Object of type <Studen"),
        (SAWarning, "implicitly coercing SE"),
    ]
