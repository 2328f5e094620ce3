"""Make each submission gradable before nbgrader sees it, or say why it cannot be.

nbgrader stops on a notebook it cannot read; one bad upload must not stop the
class. Each problem becomes a :class:`~grader.collect.Note` naming the student
and the file; the original bytes are kept beside the notebook (``*.rejected``),
and an unreadable notebook is replaced by the blank release so that it is graded
0 with its reason on record, instead of silently missing from the gradebook.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from .course import COURSE, parse_assignment
from .notes import Note


def _release_copy(aid: str, name: str, root: Path) -> Path:
    return root / "release" / aid / name


def check_submission(student: str, aid: str, root: Path = COURSE) -> list[Note]:
    lesson, _ = parse_assignment(aid)
    name = f"{lesson.stem}.ipynb"
    folder = root / "submitted" / student / aid
    path = folder / name
    notes: list[Note] = []

    def note(message: str) -> None:
        notes.append(Note(student, f"{aid}/{name}", message, aid, "intake"))

    if not path.exists():
        others = sorted(p.name for p in folder.glob("*.ipynb"))
        if len(others) == 1:
            shutil.move(folder / others[0], path)
            note(f"renamed file {others[0]!r}: graded as {name}")
        else:
            shutil.copy(_release_copy(aid, name, root), path)
            note("notebook missing: graded 0" + (f" (found {others})" if others else ""))
            return notes
    data = path.read_bytes()
    problem = None
    if not data.strip():
        problem = "empty file"
    else:
        try:
            nb = nbformat.reads(data.decode("utf-8"), as_version=nbformat.NO_CONVERT)
            version = nb.get("nbformat", 0)
            if version < 4:
                nb = nbformat.convert(nb, 4)
                (folder / f"{name}.v{version}.rejected").write_bytes(data)
                note(f"old notebook format v{version}: converted to v4 and graded")
            nbformat.validate(nb)
            path.write_text(nbformat.writes(nb), encoding="utf-8")
        except Exception as error:  # any unreadable upload: JSON, encoding, schema
            problem = f"unreadable notebook ({type(error).__name__}: {str(error)[:120]})"
    if problem:
        (folder / f"{name}.rejected").write_bytes(data)
        shutil.copy(_release_copy(aid, name, root), path)
        note(f"{problem}: graded 0; original kept as {name}.rejected")
    return notes
