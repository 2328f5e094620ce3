"""``grader upgrade``: a course graded under old lesson names, renamed to today's.

Why: nbgrader names everything after the assignment (``10_quiz_en``) and the
notebook after the lesson (``10_quiz.ipynb``): gradebook rows, each student's
submitted, autograded and feedback folders, the exchange, the grading log, the
LMS roster. When lessons are renumbered (:data:`grader.renames.RENAMES`), a
course graded with the old release must follow, or grading commands would
silently see half of it. So every grading command refuses a course that still
holds an old name (:func:`refuse_old_names`, called by
:func:`grader.course.config`), and this renames it:

- first, nothing is changed until everything has been checked: an old name and
  its new name that both hold a student's work is refused (no merge);
- the gradebook in one transaction (``assignment.name`` and ``notebook.name``,
  the only columns of nbgrader's schema that hold a lesson's name; grade ids
  do not); an assignment released under the new name but holding no submission
  is replaced by the old one, whose rows carry the class's grades;
- then each folder with ``os.rename`` (its files first, the folder last), so an
  interrupted upgrade is finished by running it again;
- resume markers keep saying "already graded" when only names changed, so the
  next ``grader autograde`` does not regrade the class for a rename.

Run twice, it finds nothing to do the second time.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.errors import UserError
from grader.renames import (
    _CLEAN,
    GENERATED_KINDS,
    STUDENT_KINDS,
    _exchange_course,
    _inbound_rename,
    _new_name,
    _old_name,
    renamed_assignments,
    renamed_stems,
)

MARKER = ".grader-done.json"  # grader.autograde.MARKER (not imported: it imports nbgrader)


# -- finding old names -----------------------------------------------------------------


# -- the plan --------------------------------------------------------------------------


@dataclass
class Plan:
    moves: dict[str, list[tuple[Path, Path]]] = field(default_factory=dict)  # kind -> (old, new)
    drops: dict[str, list[Path]] = field(default_factory=dict)  # stale generated copies
    conflicts: list[str] = field(default_factory=list)


def _plan_folders(root: Path, exchange: Path) -> Plan:
    olds = renamed_assignments()
    plan = Plan()
    for kind in STUDENT_KINDS:
        for old_path in [p for old in olds for p in sorted((root / kind).glob(f"*/{old}"))]:
            new_path = old_path.with_name(olds[old_path.name])
            plan.moves.setdefault(kind, []).append((old_path, new_path))
            if new_path.exists():
                plan.conflicts.append(f"{old_path.relative_to(root)} and {new_path.name}")
    for old, new in olds.items():
        for old_path in sorted((root / "logs").glob(f"*_{old}.log")):
            new_path = old_path.with_name(old_path.name[: -len(f"{old}.log")] + f"{new}.log")
            plan.moves.setdefault("logs", []).append((old_path, new_path))
            if new_path.exists():
                plan.conflicts.append(f"{old_path.relative_to(root)} and {new_path.name}")
    inbound = exchange / "inbound"
    for old_path in sorted(inbound.iterdir()) if inbound.is_dir() else []:
        if new_name := _inbound_rename(old_path.name):
            new_path = old_path.with_name(new_name)
            plan.moves.setdefault("exchange", []).append((old_path, new_path))
            if new_path.exists():
                plan.conflicts.append(f"{old_path} and {new_name}")
    generated = [(kind, root / kind) for kind in GENERATED_KINDS]
    generated.append(("exchange", exchange / "outbound"))
    for kind, base in generated:
        for old, new in olds.items():
            if not (base / old).is_dir():
                continue
            if (base / new).exists():  # already made from today's lesson: the old copy is stale
                plan.drops.setdefault(kind, []).append(base / old)
            else:
                plan.moves.setdefault(kind, []).append((base / old, base / new))
    return plan


# -- the gradebook ---------------------------------------------------------------------


def _gradebook(url: str, apply: bool) -> tuple[list[str], list[str]]:
    """Rename the gradebook's old assignments and notebooks; (what was done, conflicts)."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, func, inspect, select, update

    from grader.db.schema import connect

    olds, stems = renamed_assignments(), renamed_stems()
    t = Base.metadata.tables
    assignment, notebook = t["assignment"], t["notebook"]
    engine = create_engine(url, future=True)
    done: list[str] = []
    conflicts: list[str] = []
    try:
        with connect(engine, url) as db, db.begin():
            if "assignment" not in inspect(db).get_table_names():
                return done, conflicts
            ids = dict(
                db.execute(
                    select(assignment.c.name, assignment.c.id).where(
                        assignment.c.name.in_([*olds, *olds.values()])
                    )
                ).all()
            )
            for old, new in olds.items():
                if old not in ids:
                    continue
                if new in ids:
                    held = db.execute(
                        select(func.count())
                        .select_from(t["submitted_assignment"])
                        .where(t["submitted_assignment"].c.assignment_id == ids[new])
                    ).scalar()
                    if held:
                        conflicts.append(f"{old} and {new} both hold submissions in the gradebook")
                        continue
                    if apply:  # today's release, nothing graded: the old rows hold the grades
                        _delete_released(db, t, ids[new])
                if not apply:
                    continue
                db.execute(update(assignment).where(assignment.c.id == ids[old]).values(name=new))
                stem_old, _, _ = old.rpartition("_")
                db.execute(
                    update(notebook)
                    .where(notebook.c.assignment_id == ids[old], notebook.c.name == stem_old)
                    .values(name=stems[stem_old])
                )
                empty = f" (replacing an empty {new})" if new in ids else ""
                done.append(f"{old} -> {new}{empty}")
    finally:
        engine.dispose()
    return done, conflicts


def _delete_released(db, t, assignment_id: str) -> None:
    """Remove an assignment that only a release wrote: its notebooks, cells and itself."""
    from sqlalchemy import delete, select

    notebooks = select(t["notebook"].c.id).where(t["notebook"].c.assignment_id == assignment_id)
    cells = select(t["base_cell"].c.id).where(t["base_cell"].c.notebook_id.in_(notebooks))
    for name in ("grade_cells", "solution_cells", "task_cells"):
        db.execute(delete(t[name]).where(t[name].c.id.in_(cells)))
    db.execute(delete(t["base_cell"]).where(t["base_cell"].c.notebook_id.in_(notebooks)))
    db.execute(delete(t["source_cell"]).where(t["source_cell"].c.notebook_id.in_(notebooks)))
    db.execute(delete(t["notebook"]).where(t["notebook"].c.assignment_id == assignment_id))
    db.execute(delete(t["assignment"]).where(t["assignment"].c.id == assignment_id))


# -- files -----------------------------------------------------------------------------


def _move(old: Path, new: Path, stems: dict[str, str]) -> int:
    """Rename ``old`` to ``new``, the lesson's files inside it first; how many files."""
    renamed = 0
    if old.is_dir():
        for child in sorted(old.iterdir()):
            target = child.with_name(_new_name(child.name, stems))
            if target != child and not target.exists():
                child.rename(target)
                renamed += 1
    os.rename(old, new)
    return renamed


def _write_atomically(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as handle:
        handle.write(text)
    os.replace(handle.name, path)


def _markers(root: Path, stems: dict[str, str]) -> int:
    """Resume markers written before the rename, made to match the renamed files.

    A marker holds the fingerprints (names and bytes) of the submission and of the
    release it was graded from; where the renamed files, seen under their old
    names, are exactly what was graded, the marker takes their new fingerprints.
    """
    from grader.grading.fingerprints import files_of, fingerprint

    fixed = 0
    for new in renamed_assignments().values():
        for marker in sorted((root / "autograded").glob(f"*/{new}/{MARKER}")):
            stored = json.loads(marker.read_text())
            changed = False
            folders = {
                "submission": root / "submitted" / marker.parent.parent.name / new,
                "release": root / "source" / new,
            }
            for key, folder in folders.items():
                if not folder.is_dir():
                    continue
                files = files_of(folder)
                as_before = {
                    "/".join(_old_name(part, stems) for part in name.split("/")): data
                    for name, data in files.items()
                }
                if stored.get(key) == fingerprint(as_before) != fingerprint(files):
                    stored[key] = fingerprint(files)
                    changed = True
            if changed:
                _write_atomically(marker, json.dumps(stored))
                fixed += 1
    return fixed


def _log(root: Path) -> int:
    from grader.grading.notes import LOG_NAME

    path = root / LOG_NAME
    if not path.exists():
        return 0
    olds = renamed_assignments()
    lines, changed = [], 0
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.strip():
            note = json.loads(line)
            if note.get("assignment") in olds:
                note["assignment"] = olds[note["assignment"]]
                line = json.dumps(note, ensure_ascii=False) + "\n"
                changed += 1
        lines.append(line)
    if changed:
        _write_atomically(path, "".join(lines))
    return changed


def _roster(root: Path) -> list[str]:
    from grader.lms.roster import path

    file = path(root)
    if not file.exists():
        return []
    stems = renamed_stems()
    data = json.loads(file.read_text(encoding="utf-8"))
    said, participants = [], 0
    for old, new in stems.items():
        if old in data.get("columns", {}):
            column = data["columns"].pop(old)
            if new in data["columns"]:
                said.append(f"column {column['column']!r} dropped ({new} has its own)")
            else:
                data["columns"][new] = column
                said.append(f"column {column['column']!r} now {new}")
    for entry in data.get("participants", {}).values():
        lessons = entry.get("lessons", [])
        if any(stem in stems for stem in lessons):
            entry["lessons"] = list(dict.fromkeys(stems.get(s, s) for s in lessons))
            participants += 1
    if participants:
        said.append(f"lessons of {participants} Moodle participants renamed")
    if said:
        _write_atomically(file, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return said


# -- the command -----------------------------------------------------------------------


def upgrade(root: Path) -> list[str]:
    """Rename every old lesson name in the course ``root``; one line per kind of thing.

    Raises :class:`grader.errors.UserError` (nothing changed) when an old name and
    its new one both hold work.
    """
    from grader.course import config
    from grader.db import redact

    cfg = config(root, check=False)
    url = cfg.CourseDirectory.db_url
    exchange = _exchange_course(cfg)
    stems = renamed_stems()
    plan = _plan_folders(root, exchange)
    _, conflicts = _gradebook(url, apply=False)
    conflicts += plan.conflicts
    if conflicts:
        more = f"; {len(conflicts) - 3} more" if len(conflicts) > 3 else ""
        shown = "; ".join(conflicts[:3]) + more
        raise UserError(
            f"Nothing was renamed: the old and the new name both hold work ({shown}); "
            "keep one of each pair (grader does not merge them), then run grader upgrade again.",
            f"Rien n'a été renommé\u202f: l'ancien et le nouveau nom contiennent tous deux du "
            f"travail ({shown})\u202f; gardez l'un de chaque paire (grader ne les fusionne pas), "
            "puis relancez grader upgrade.",
        )
    done, _ = _gradebook(url, apply=True)
    said = [
        f"gradebook {redact(url)}: "
        + (
            f"assignments {', '.join(done)}, their notebooks "
            + ", ".join(f"{old} -> {new}" for old, new in stems.items())
            if done
            else "no old name"
        )
    ]
    for kind in ("submitted", "autograded", "feedback", "logs", "exchange", *GENERATED_KINDS):
        moves, drops = plan.moves.get(kind, []), plan.drops.get(kind, [])
        files = sum(_move(old, new, stems) for old, new in moves)
        for stale in drops:
            shutil.rmtree(stale)
        text = f"{kind}: "
        if moves:
            text += f"{len(moves)} renamed ({files} files inside)"
        if drops:
            text += ("; " if moves else "") + f"{len(drops)} stale copies removed"
        said.append(text if moves or drops else text + "no old name")
    said.append(f"resume markers: {_markers(root, stems)} updated to the new file names")
    said.append(f"grading log: {_log(root)} notes renamed")
    roster = _roster(root)
    said.append("LMS roster: " + ("; ".join(roster) if roster else "no old lesson"))
    _CLEAN.discard((str(root), url))
    return said
