"""Which database a course root's gradebook lives in, and how to name it without secrets.

Why: a PostgreSQL URL carries a password, and nothing of it may reach a log, an
instructor's terminal or a grading worker. The URL is chosen here, in this order:
``grader --db`` (kept in this process only, per course root), the ``GRADER_DB``
environment variable, the course's ``c.CourseDirectory.db_url``, and otherwise
the course's own SQLite file, as before.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "GRADER_DB"
_CHOSEN: dict[Path, str] = {}


def use_database(url: str | None, root: Path) -> None:
    """Grade ``root`` into ``url`` for the rest of this process (None: back to the default)."""
    key = Path(root).resolve()
    if url:
        _CHOSEN[key] = url
    else:
        _CHOSEN.pop(key, None)


def sqlite_url(root: Path) -> str:
    # A busy gradebook makes a parallel writer wait instead of failing at once.
    return f"sqlite:///{Path(root) / 'gradebook.db'}?timeout=120"


def database_url(root: Path, configured: str | None = None) -> str:
    """The gradebook URL for ``root``; ``configured`` is the course config's ``db_url``."""
    chosen = _CHOSEN.get(Path(root).resolve()) or os.environ.get(ENV)
    if chosen:
        return chosen
    if configured and not configured.startswith("sqlite"):
        return configured
    return sqlite_url(root)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def redact(url: str) -> str:
    """The URL as it may be printed or logged: the password replaced by ``***``."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: say nothing of it
        return "<database URL>"
