"""Lessons renamed between releases of the course: old stem -> today's stem.

Why one table: an instructor's course root keeps the names of the release it was
graded with (gradebook rows, folders, the grading log, the LMS roster), and an
LMS gradebook keeps its old column titles. ``grader upgrade`` renames a course
from this table (:mod:`grader.authoring.upgrade`), every grading command refuses a course
that still holds an old name, and LMS columns are matched to lessons through it
(:func:`grader.lms.roster.lesson_of_column`). A renumbering adds a line here and
nowhere else.
"""

from __future__ import annotations

import re
from pathlib import Path

from grader.errors import UserError
from grader.languages import LANGS

STUDENT_KINDS = ("submitted", "autograded", "feedback")  # <kind>/<student>/<assignment>/
GENERATED_KINDS = ("source", "release")  # <kind>/<assignment>/, remade by grader release
_CLEAN: set[tuple[str, str]] = set()  # (course root, gradebook URL) found current here

# old lesson stem -> the stem it has now; a chain (a -> b, b -> c) is followed to its end
RENAMES: dict[str, str] = {
    "10_quiz": "12_quiz",  # two lessons (10, 11) came before the quiz
}


def current(stem: str) -> str:
    """The stem a lesson has now (``stem`` itself when it was never renamed)."""
    seen = {stem}
    while stem in RENAMES:
        stem = RENAMES[stem]
        if stem in seen:
            raise ValueError(f"the renames table loops at {stem!r}")
        seen.add(stem)
    return stem


def renamed_stems() -> dict[str, str]:
    """Every old stem with the stem it has now."""
    return {old: current(old) for old in RENAMES}


def renamed_assignments() -> dict[str, str]:
    """Every old assignment id (``10_quiz_en``) with today's (``12_quiz_en``)."""
    return {
        f"{old}_{lang}": f"{new}_{lang}" for old, new in renamed_stems().items() for lang in LANGS
    }


# -- refusing a course under old names (every grading command, through course.config) --


def _exchange_course(cfg) -> Path:
    return Path(cfg.Exchange.root) / cfg.CourseDirectory.course_id


def _new_name(name: str, stems: dict[str, str]) -> str:
    """A file's name with today's stem (``10_quiz.ipynb``, ``.grader-budget-10_quiz.json``)."""
    for old, new in stems.items():
        name = re.sub(rf"(?<![A-Za-z0-9]){re.escape(old)}(?=\.)", new, name)
    return name


def _old_name(name: str, stems: dict[str, str]) -> str:
    for old, new in stems.items():
        name = re.sub(rf"(?<![A-Za-z0-9]){re.escape(new)}(?=\.)", old, name)
    return name


def _old_in_gradebook(url: str) -> list[str]:
    from sqlalchemy import create_engine, inspect, select

    from grader.db.schema import connect

    olds = list(renamed_assignments())
    engine = create_engine(url, future=True)
    try:
        with connect(engine, url) as db:
            if "assignment" not in inspect(db).get_table_names():
                return []
            from nbgrader.api import Base

            table = Base.metadata.tables["assignment"]
            found = db.execute(select(table.c.name).where(table.c.name.in_(olds))).scalars()
            return sorted(found)
    finally:
        engine.dispose()


def _old_folders(root: Path, exchange: Path) -> list[Path]:
    olds = renamed_assignments()
    found = []
    for kind in STUDENT_KINDS:
        for old in olds:
            found += sorted((root / kind).glob(f"*/{old}"))
    for old in olds:
        found += [root / "logs" / p.name for p in sorted((root / "logs").glob(f"*_{old}.log"))]
    inbound = exchange / "inbound"
    if inbound.is_dir():
        found += [p for p in sorted(inbound.iterdir()) if _inbound_rename(p.name)]
    return found


def _inbound_rename(name: str) -> str | None:
    """nbgrader's ``student+assignment+timestamp+random`` with today's assignment, if old."""
    parts = name.rsplit("+", 3)
    if len(parts) == 4 and parts[1] in renamed_assignments():
        parts[1] = renamed_assignments()[parts[1]]
        return "+".join(parts)
    return None


def refuse_old_names(cfg) -> None:
    """Stop a grading command on a course that still holds an old lesson name.

    Once per course root and database in a process: every recording calls
    :func:`grader.course.config`, and the answer does not change while it runs.
    """
    root = Path(cfg.CourseDirectory.root)
    url = cfg.CourseDirectory.db_url
    if (str(root), url) in _CLEAN or not renamed_assignments():
        return
    in_db = _old_in_gradebook(url)
    folders = [str(p.relative_to(root)) if p.is_relative_to(root) else str(p)
               for p in _old_folders(root, _exchange_course(cfg))]  # fmt: skip
    if not in_db and not folders:
        _CLEAN.add((str(root), url))
        return

    def listed(where: str, more: str) -> str:
        found = [f"{name} {where}" for name in in_db] + folders
        return ", ".join(found[:3]) + (more.format(len(found) - 3) if len(found) > 3 else "")

    en, fr = (
        listed("in the gradebook", " and {} more"),
        listed("dans le carnet de notes", " et {} autres"),
    )

    renames = ", ".join(f"{old} -> {new}" for old, new in renamed_stems().items())
    command = "grader upgrade"
    from grader.lessons import ROOT

    if root.resolve() != (ROOT / "course").resolve():
        command = f"grader --course {root} upgrade"
    raise UserError(
        f"This course holds lessons under their old names ({en}): run `{command}` once "
        f"to rename them ({renames}), then this command again.",
        f"Ce cours garde des leçons sous leur ancien nom ({fr})\u202f: lancez une fois "
        f"`{command}` pour les renommer ({renames}), puis de nouveau cette commande.",
    )
