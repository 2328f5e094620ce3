"""The gradebook's database: SQLite by default, PostgreSQL for a class that outgrows it.

Why a package: nbgrader reads and writes grades through one SQLAlchemy URL
(``CourseDirectory.db_url``); choosing that URL (:mod:`.url`), creating its schema
once before many writers start (:mod:`.schema`) and moving a course from SQLite to
PostgreSQL (:mod:`.migrate`) are three concerns of their own. The grades stay
nbgrader's: the same tables, written by nbgrader's own code.
"""

from grader.db.schema import ensure_schema
from grader.db.url import database_url, redact, use_database

__all__ = ["database_url", "ensure_schema", "redact", "use_database"]
