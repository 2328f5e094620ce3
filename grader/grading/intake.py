"""Make each submission gradable before nbgrader sees it, or say why it cannot be.

nbgrader stops on a notebook it cannot read; one bad upload must not stop the
class. Each problem becomes a :class:`~grader.lms.collect.Note` naming the student
and the file; the original bytes are kept beside the notebook (``*.rejected``),
and an unreadable notebook is replaced by the blank release so that it is graded
0 with its reason on record, instead of silently missing from the gradebook. A
marker (:func:`placeholder_marker`) says so, and the sandboxed executor then
fails each test without starting a kernel: executing a blank release only to
record zeros would cost a kernel, and a lesson's trainings, per bad file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from grader.course import COURSE, parse_assignment
from grader.grading.notes import Note
from grader.preprocessors.placeholders import PLACEHOLDER_PREFIX, placeholder_marker


def _release_copy(aid: str, name: str, root: Path) -> Path:
    return root / "release" / aid / name


MAX_NOTEBOOK_BYTES = 20 * 2**20  # far above any lesson with outputs; larger is an attack
GRADING_KEYS = ("grade", "solution", "locked", "points", "grade_id")


def edited_test_cells(nb: nbformat.NotebookNode, release: Path) -> list[str]:
    """Test cells whose code or grading metadata the student changed, or removed.

    nbgrader grades with the instructor's version anyway (``OverwriteCells``); the
    instructor still wants to know who tried.
    """
    released = nbformat.read(release, as_version=4)
    tests = {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in released.cells
        if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"]["solution"]
    }
    submitted = {
        c.metadata.get("nbgrader", {}).get("grade_id"): c
        for c in nb.cells
        if isinstance(c.metadata.get("nbgrader"), dict)
    }
    found = []
    for grade_id, cell in tests.items():
        mine = submitted.get(grade_id)
        if mine is None:
            found.append(f"suspicious: test cell {grade_id} is missing (put back and graded)")
            continue
        meta, original = mine.metadata.get("nbgrader", {}), cell.metadata["nbgrader"]
        if mine.cell_type != cell.cell_type or any(
            meta.get(k) != original.get(k) for k in GRADING_KEYS
        ):
            found.append(
                f"suspicious: grading metadata of {grade_id} was edited "
                "(graded with the instructor's)"
            )
        if mine.source.strip() != cell.source.strip():
            found.append(
                f"suspicious: test cell {grade_id} was edited (graded with the instructor's)"
            )
    return found


def check_submission(student: str, aid: str, root: Path = COURSE) -> list[Note]:
    lesson, _ = parse_assignment(aid)
    name = f"{lesson.stem}.ipynb"
    folder = root / "submitted" / student / aid
    path = folder / name
    notes: list[Note] = []

    def note(message: str) -> None:
        notes.append(Note(student, f"{aid}/{name}", message, aid, "intake"))

    def placeholder() -> None:
        shutil.copy(_release_copy(aid, name, root), path)
        placeholder_marker(folder, name).touch()

    for stray in folder.glob(f"{PLACEHOLDER_PREFIX}*"):  # intake's alone, never the student's
        stray.unlink()
    if not path.exists():
        others = sorted(p.name for p in folder.glob("*.ipynb"))
        if len(others) == 1:
            shutil.move(folder / others[0], path)
            note(f"renamed file {others[0]!r}: graded as {name}")
        else:
            placeholder()
            note("notebook missing: graded 0" + (f" (found {others})" if others else ""))
            return notes
    problem = None
    size = path.stat().st_size
    data = b"" if size > MAX_NOTEBOOK_BYTES else path.read_bytes()
    if size > MAX_NOTEBOOK_BYTES:
        problem = f"file too large ({size / 2**20:.0f} MiB)"
    elif not data.strip():
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
            for message in edited_test_cells(nb, _release_copy(aid, name, root)):
                note(message)
        except Exception as error:  # any unreadable upload: JSON, encoding, schema
            problem = f"unreadable notebook ({type(error).__name__}: {str(error)[:120]})"
    if problem:
        shutil.copyfile(path, folder / f"{name}.rejected")  # the upload, byte for byte
        placeholder()
        note(f"{problem}: graded 0; original kept as {name}.rejected")
    return notes
