"""What a grading task carries, and the fingerprints that name it.

Why bytes: workers share no file system with the instructor's machine. A task
gets one submission's files; each worker gets each assignment's source once (its
files, the course configuration, and the assignment's rows of the gradebook:
notebooks and grade cells, so the worker's scratch nbgrader knows the tests
without ever seeing the instructor's gradebook or its credentials).

Why fingerprints of both: Dask runs a task key once, and resume skips what was
graded; both must change when the submission's bytes change *or* when the
instructor corrects a test and releases again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from grader.grading.fingerprints import files_of, fingerprint

# the rows of the gradebook that describe an assignment (not its submissions)
ASSIGNMENT_TABLES = (
    "course",
    "assignment",
    "notebook",
    "base_cell",
    "source_cell",
    "grade_cells",
    "solution_cells",
    "task_cells",
)


class NotReleased(RuntimeError):
    """The gradebook has no such assignment: it was released into another database."""


@dataclass
class AssignmentPackage:
    """One assignment's source, as a worker needs it to grade."""

    assignment: str
    files: dict[str, bytes]
    config: str
    rows: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.files)


def assignment_rows(db_url: str, course_id: str, assignment: str) -> dict[str, list[dict]]:
    """The gradebook rows that define ``assignment`` (read only, on the instructor's side)."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, select

    tables = Base.metadata.tables
    engine = create_engine(db_url, future=True)
    try:
        with engine.connect() as db:

            def rows(table, clause) -> list[dict]:
                return [dict(r._mapping) for r in db.execute(select(table).where(clause))]

            found = {"course": rows(tables["course"], tables["course"].c.id == course_id)}
            assignment_t = tables["assignment"]
            found["assignment"] = rows(assignment_t, assignment_t.c.name == assignment)
            for row in found["assignment"]:
                row["duedate"] = None  # late penalties are the instructor's side
            ids = [row["id"] for row in found["assignment"]]
            found["notebook"] = rows(
                tables["notebook"], tables["notebook"].c.assignment_id.in_(ids)
            )
            notebooks = [row["id"] for row in found["notebook"]]
            for name in ("base_cell", "source_cell"):
                found[name] = rows(tables[name], tables[name].c.notebook_id.in_(notebooks))
            cells = [row["id"] for row in found["base_cell"]]
            for name in ("grade_cells", "solution_cells", "task_cells"):
                found[name] = rows(tables[name], tables[name].c.id.in_(cells))
    finally:
        engine.dispose()
    return found


def package_assignment(root: Path, assignment: str) -> AssignmentPackage:
    """Read ``assignment``'s source and gradebook rows from the instructor's course."""
    from grader.course import COURSE, config
    from grader.db import redact

    cfg = config(root)
    here = root if (root / "nbgrader_config.py").exists() else COURSE
    rows = assignment_rows(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id, assignment)
    if not rows["assignment"]:
        raise NotReleased(
            f"{assignment} is not in the gradebook {redact(cfg.CourseDirectory.db_url)}: "
            "run `grader release` with this database, or `grader db migrate` the SQLite "
            "gradebook it was released into"
        )
    return AssignmentPackage(
        assignment,
        files_of(root / "source" / assignment),
        (here / "nbgrader_config.py").read_text(encoding="utf-8"),
        rows,
    )


def write_scratch_course(package: AssignmentPackage, root: Path) -> None:
    """A course root on the worker: configuration, source and a gradebook for one assignment."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine

    from grader.db.gradebook import create_gradebook

    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(package.config, encoding="utf-8")
    for name, data in package.files.items():
        path = root / "source" / package.assignment / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    create_gradebook(root / "gradebook.db")
    engine = create_engine(f"sqlite:///{root / 'gradebook.db'}", future=True)
    try:
        with engine.begin() as db:
            for name in ASSIGNMENT_TABLES:
                if package.rows.get(name):
                    db.execute(Base.metadata.tables[name].insert(), package.rows[name])
    finally:
        engine.dispose()
