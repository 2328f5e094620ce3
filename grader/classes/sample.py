"""Build the sample class's LMS download from the current release.

Why not store submissions as notebooks: a stored notebook freezes a lesson's
text and breaks at its next edit. Instead ``course/sample_class/class.yml``
keeps each student's answer per exercise (solution, blank or a catalogued
mistake), and this module writes them into the released notebooks, then
damages some files the way real uploads are damaged.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import nbformat
import yaml

from grader.authoring import answers
from grader.authoring.answers import Sources
from grader.course import COURSE
from grader.lessons import Lesson, all_lessons

CLASS_FILE = COURSE / "sample_class" / "class.yml"


def load_class(path: Path = CLASS_FILE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _lessons(spec) -> list[Lesson]:
    if spec == "all":
        return all_lessons()
    return [Lesson(stem) for stem in spec]


def answer_text(
    lesson: Lesson,
    lang: str,
    grade_id: str,
    choice: str,
    sources: Sources,
    style: str | None = None,
    comment_lang: str | None = None,
) -> str | None:
    """An answer cell's text for ``choice`` (None: the stub stays), in the student's
    ``style`` when drawn with one (:func:`grader.analysis.variation.vary`)."""
    text = answers.answer_text(lesson, lang, grade_id, choice, sources)
    released, instructor, _ = sources.get(lesson, lang)
    if text is None or style is None or instructor[grade_id].cell_type != "code":
        return text
    from grader.analysis.variation import vary

    stub = next(c.source for c in released.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)  # fmt: skip
    return vary(text, stub, style, lang, comment_lang, salt=grade_id)


def answer_notebook(
    lesson: Lesson,
    lang: str,
    chosen: dict[str, str],
    root: Path = COURSE,
    sources: Sources | None = None,
    style: str | None = None,
    texts: dict[str, str] | None = None,
) -> nbformat.NotebookNode:
    """A student's notebook: :func:`grader.authoring.answers.answer_notebook` in the
    student's ``style`` (or with ``texts``, per grade id, where given: a copier's)."""
    sources = sources or Sources(root)

    def styled(grade_id: str, choice: str) -> str | None:
        return answer_text(lesson, lang, grade_id, choice, sources, style)

    return answers.answer_notebook(lesson, lang, chosen, root, sources, texts, styled)


def copier_texts(lesson: Lesson, info: dict, spec: dict, sources: Sources) -> dict[str, str]:
    """A planted copier's copied cells of ``lesson`` (:mod:`grader.classes.copies`)."""
    from grader.classes.copies import copied_text

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
    sources = Sources(root)
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
