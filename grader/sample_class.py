"""Build the sample class's LMS download from the current release.

Why not store submissions as notebooks: a stored notebook freezes a lesson's
text and breaks at its next edit. Instead ``course/sample_class/class.yml``
keeps each student's answer per exercise (solution, blank or a catalogued
mistake), and this module writes them into the released notebooks, then
damages some files the way real uploads are damaged.
"""

from __future__ import annotations

import copy
import zipfile
from datetime import datetime
from pathlib import Path

import nbformat
import yaml

from .build import generate
from .course import COURSE
from .exercises import load_mistakes
from .lessons import Lesson, all_lessons

CLASS_FILE = COURSE / "sample_class" / "class.yml"
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def load_class(path: Path = CLASS_FILE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _lessons(spec) -> list[Lesson]:
    if spec == "all":
        return all_lessons()
    return [Lesson(stem) for stem in spec]


def _strip_markers(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip() not in SOLUTION_MARKERS]
    return "\n".join(lines)


class _Sources:
    """Each lesson's release, instructor cells and mistakes, read once per zip.

    Why: a drawn class of hundreds of students writes the same few lessons
    thousands of times; generating a lesson takes a third of a second.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[tuple[str, str], tuple] = {}

    def get(self, lesson: Lesson, lang: str) -> tuple:
        key = (lesson.stem, lang)
        if key not in self._cache:
            released = nbformat.read(
                self.root / "release" / lesson.assignment(lang) / f"{lesson.stem}.ipynb",
                as_version=4,
            )
            instructor = {
                c.metadata["nbgrader"]["grade_id"]: c
                for c in generate(lesson, lang).cells
                if "nbgrader" in c.metadata
            }
            self._cache[key] = (released, instructor, load_mistakes(lesson, lang))
        return self._cache[key]


def answer_text(
    lesson: Lesson,
    lang: str,
    grade_id: str,
    choice: str,
    sources: _Sources,
    style: str | None = None,
    comment_lang: str | None = None,
) -> str | None:
    """An answer cell's text for ``choice`` (None: the stub stays), in the student's
    ``style`` when drawn with one (:func:`grader.variation.vary`)."""
    released, instructor, mistakes = sources.get(lesson, lang)
    if choice == "solution":
        text = _strip_markers(instructor[grade_id].source)
    elif choice.startswith("mistake:"):
        name = choice.split(":", 1)[1]
        if grade_id not in mistakes:
            return None
        text = mistakes[grade_id][name]["code"].strip()
    elif choice == "blank":
        return None
    else:
        raise ValueError(f"unknown answer {choice!r} for {grade_id}")
    if style is None or instructor[grade_id].cell_type != "code":
        return text
    from .variation import vary

    stub = next(c.source for c in released.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)  # fmt: skip
    return vary(text, stub, style, lang, comment_lang, salt=grade_id)


def answer_notebook(
    lesson: Lesson,
    lang: str,
    answers: dict[str, str],
    root: Path = COURSE,
    sources: _Sources | None = None,
    style: str | None = None,
    texts: dict[str, str] | None = None,
) -> nbformat.NotebookNode:
    """The released notebook with each answer cell filled as ``answers`` says (or with
    ``texts``, per grade id, where given: a copier's)."""
    sources = sources or _Sources(root)
    released, _, _ = sources.get(lesson, lang)
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        grade_id = meta["grade_id"]
        if texts and grade_id in texts:
            cell.source = texts[grade_id]
            continue
        choice = answers.get(grade_id, answers.get("default", "blank"))
        text = answer_text(lesson, lang, grade_id, choice, sources, style)
        if text is not None:
            cell.source = text
    return nb


def copier_texts(lesson: Lesson, info: dict, spec: dict, sources: _Sources) -> dict[str, str]:
    """A planted copier's copied cells of ``lesson`` (:mod:`grader.copies`)."""
    from .copies import copied_text

    record = info["copy"]
    theirs = spec["students"][record["of"]]
    out = {}
    for gid in record["exercises"]:
        choice = theirs["answers"].get(gid, "blank")
        released, instructor, _ = sources.get(lesson, info["lang"])
        if gid not in instructor:
            continue
        text = answer_text(lesson, theirs["lang"], gid, choice, sources, theirs.get("style"))
        here = answer_text(lesson, info["lang"], gid, choice, sources, theirs.get("style"))
        if text is None or here is None:
            continue
        salt = f"{info.get('style')}/{gid}"
        out[gid] = copied_text(record["kind"], text, here, salt)
    return out


def _damage(nb: nbformat.NotebookNode, kinds: list[str], name: str) -> tuple[str, bytes]:
    data = nbformat.writes(nb).encode("utf-8")
    for kind in kinds:
        if kind == "broken":
            data = data[: len(data) // 2]
        elif kind == "empty":
            data = b""
        elif kind == "nbformat3":
            old = nbformat.convert(nb, 3)
            data = nbformat.writes(old, version=3).encode("utf-8")
        elif kind == "renamed":
            name = name.replace(".ipynb", " (1).ipynb")
        else:
            raise ValueError(f"unknown damage {kind!r}")
    return name, data


def build_zip(
    target: Path, path: Path = CLASS_FILE, root: Path = COURSE, spec: dict | None = None
) -> Path:
    """Write the LMS-style zip: ``<student>/<lesson>.ipynb``, dated at submission time.

    ``spec`` is a class in ``class.yml``'s shape (:func:`drawn_class` makes one);
    without it, the class file at ``path``.
    """
    spec = spec if spec is not None else load_class(path)
    sources = _Sources(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for student, info in spec["students"].items():
            when = datetime.strptime(info["submitted"], "%Y-%m-%d %H:%M:%S")
            damage = info.get("damage", {})
            for lesson in _lessons(info["lessons"]):
                answers = info.get("answers", {})
                texts = copier_texts(lesson, info, spec, sources) if "copy" in info else None
                nb = answer_notebook(lesson, info["lang"], answers, root, sources,
                                     info.get("style"), texts)  # fmt: skip
                kinds = damage.get(lesson.stem, [])
                kinds = [kinds] if isinstance(kinds, str) else kinds
                name, data = _damage(nb, kinds, f"{lesson.stem}.ipynb")
                member = zipfile.ZipInfo(f"{student}/{name}", date_time=when.timetuple()[:6])
                archive.writestr(member, data)
    return target


def due_date(path: Path = CLASS_FILE) -> str:
    return load_class(path)["due"]


def lessons_used(path: Path = CLASS_FILE) -> list[Lesson]:
    stems = {}
    for info in load_class(path)["students"].values():
        for lesson in _lessons(info["lessons"]):
            stems[lesson.stem] = lesson
    return sorted(stems.values(), key=lambda x: x.stem)
