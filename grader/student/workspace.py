"""A student's folder of released lessons, added to without ever overwriting their work.

The lessons are made by nbgrader's own ``generate_assignment`` from the tracked
``course/source/`` (what ``git pull`` brings), in a throwaway course root, so a student
gets byte for byte what ``grader release`` gives and never an instructor notebook.
``.grader-workspace.json`` remembers the hash of every file as it was written: a file
still matching it is the course's and may be updated; any other is the student's and is
left alone, the corrected release written beside it as ``<name>.new<suffix>``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import COURSE
from grader.languages import LANGS
from grader.lessons import ROOT, Lesson, select
from grader.student.texts import language_name, summary, text

MANIFEST = ".grader-workspace.json"


class WorkspaceError(RuntimeError):
    """A workspace that cannot be made as asked (message in the student's language)."""


@dataclass
class SyncReport:
    """What one run did, file by file (paths relative to the workspace)."""

    folder: Path
    lang: str
    lessons: list[str]
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    left_alone: list[tuple[str, str]] = field(default_factory=list)  # (file, new version or "")
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What the command prints, in the workspace's language."""
        lang = self.lang
        out = [text("added", lang, path=p) for p in self.added]
        out += [text("updated", lang, path=p) for p in self.updated]
        out += [
            text("left_alone_new", lang, path=p, new=new) if new else text("yours", lang, path=p)
            for p, new in self.left_alone
        ]
        if not self.lessons:  # lessons from the exchange
            return out
        out.append(
            summary(
                lang,
                folder=self.folder,
                lessons=len(self.lessons),
                added=len(self.added),
                updated=len(self.updated),
                kept=len(self.left_alone),
                same=len(self.unchanged),
            )
        )
        return out


def normalize_lang(value: str) -> str:
    """``fr``, ``fr_FR``, ``fr-FR.UTF-8`` -> ``fr``; a locale without language (``C``,
    ``POSIX``, as ``$LANG`` often is) -> ``en``; anything else is refused."""
    code = value.split(".")[0].replace("-", "_").split("_")[0].lower()
    if code in ("", "c", "posix"):
        return "en"
    if code not in LANGS:
        raise WorkspaceError(
            f"{value!r}: the course exists in {', '.join(LANGS)} (--lang en or --lang fr)"
        )
    return code


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def released(lang: str, lessons: list[Lesson], source: Path = COURSE) -> dict[str, bytes]:
    """``{"<stem>/<file>": bytes}``: nbgrader's student version of each lesson in ``lang``."""
    from grader.course import api

    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="grader-student-") as tmp:
        root = Path(tmp)
        nbgrader = None
        for lesson in lessons:
            aid = lesson.assignment(lang)
            shutil.copytree(source / "source" / aid, root / "source" / aid)
            nbgrader = nbgrader or api(root, lang=lang)
            result = nbgrader.generate_assignment(aid, force=True, create=True)
            if not result["success"]:
                raise WorkspaceError(f"{aid}: {result.get('error', result['log'])[-2000:]}")
            for path in sorted((root / "release" / aid).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    rel = path.relative_to(root / "release" / aid).as_posix()
                    files[f"{lesson.stem}/{rel}"] = path.read_bytes()
    return files


def _new_name(rel: str) -> str:
    path = Path(rel)
    return path.with_name(f"{path.stem}.new{path.suffix}").as_posix()


def _inside_repository(folder: Path) -> bool:
    return folder == ROOT or ROOT in folder.parents


def sync(
    folder: Path, lang: str, lessons: list[str] | None = None, exchange: bool = False
) -> SyncReport:
    """Create or update the workspace ``folder`` with the released lessons in ``lang``.

    With ``exchange`` (a JupyterHub course) the lessons come from nbgrader's exchange,
    fetched in the assignment list: nothing is copied, the folder only gets its language.
    """
    folder = folder.expanduser().resolve()
    lang = normalize_lang(lang)
    if _inside_repository(folder):
        raise WorkspaceError(text("inside_repository", lang, folder=folder))
    manifest_path = folder / MANIFEST
    manifest = {"lang": lang, "files": {}}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest["lang"] != lang:
            other = language_name(manifest["lang"], lang)
            raise WorkspaceError(text("other_language", lang, folder=folder, other=other))
    chosen = [] if exchange else select(lessons)
    report = SyncReport(folder, lang, [x.stem for x in chosen])
    written: dict[str, str] = manifest["files"]
    for rel, data in (released(lang, chosen) if chosen else {}).items():
        target = folder / rel
        digest = _sha(data)
        if not target.exists():
            report.added.append(rel)
        elif _sha(target.read_bytes()) == digest:
            report.unchanged.append(rel)
            written[rel] = digest
            continue
        elif _sha(target.read_bytes()) == written.get(rel):
            report.updated.append(rel)  # still as the course wrote it
        elif written.get(rel) == digest:  # the student's work, the release has not moved
            report.left_alone.append((rel, ""))
            continue
        else:  # the student's work and a corrected release: never overwritten
            new = _new_name(rel)
            (folder / new).write_bytes(data)
            report.left_alone.append((rel, new))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written[rel] = digest
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return report
