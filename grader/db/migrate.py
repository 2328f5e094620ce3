"""``grader db migrate``: copy a course's SQLite gradebook into PostgreSQL.

Why: a course starts small on SQLite (no server) and grows; moving it must keep
every grade, comment, submission and manual score. The copy is nbgrader's own
tables, row for row, in dependency order, in one transaction on the target
(nothing half-copied), into a schema made by :func:`grader.db.ensure_schema`;
the row counts are compared afterwards. A target that already holds grades is
refused: merging two gradebooks is not a copy.
"""

from __future__ import annotations

from dataclasses import dataclass


class MigrationRefused(RuntimeError):
    """The target already holds a gradebook, or the source is not one."""


@dataclass
class Copied:
    table: str
    rows: int


def _version(connection) -> str | None:
    from sqlalchemy import inspect, text

    if "alembic_version" not in inspect(connection).get_table_names():
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(source_url: str, target_url: str) -> list[Copied]:
    """Copy every nbgrader table from ``source_url`` to ``target_url``; the counts copied."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, func, select

    from grader.db.schema import connect, create_schema, schema_head

    source = create_engine(source_url, future=True)
    target = create_engine(target_url, future=True)
    copied = []
    try:
        with connect(source, source_url) as src, connect(target, target_url) as dst, dst.begin():
            version = _version(src)
            if version is None:
                raise MigrationRefused("the source is not an nbgrader gradebook")
            if version != schema_head():
                raise MigrationRefused(
                    f"the source gradebook is at schema {version}, this nbgrader at "
                    f"{schema_head()}: open it once with this nbgrader first"
                )
            create_schema(dst)
            for table in Base.metadata.sorted_tables:
                if (
                    table.name != "course"
                    and dst.execute(select(func.count()).select_from(table)).scalar()
                ):
                    raise MigrationRefused(
                        f"the target already holds a gradebook (table {table.name} has rows)"
                    )
            for table in Base.metadata.sorted_tables:
                rows = [dict(row._mapping) for row in src.execute(select(table))]
                if table.name == "course":
                    have = {r[0] for r in dst.execute(select(table.c.id))}
                    rows = [row for row in rows if row["id"] not in have]
                if rows:
                    dst.execute(table.insert(), rows)
                copied.append(Copied(table.name, len(rows)))
            for table in Base.metadata.sorted_tables:
                count = (select(func.count()).select_from(table),)
                if src.execute(*count).scalar() != dst.execute(*count).scalar():
                    raise MigrationRefused(f"table {table.name}: counts differ after the copy")
    finally:
        source.dispose()
        target.dispose()
    return copied
