"""The student version of a lesson notebook, made by nbgrader's own preprocessors.

Used by the exercise checks now, and by ``grader release`` for the whole course;
stubs are in the notebook's language (nbgrader's defaults are English only).
"""

from __future__ import annotations

import copy

from nbformat import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions, LockCells

from grader.languages import CODE_STUB, TEXT_STUB


class ReleaseError(RuntimeError):
    """nbgrader could not generate a student version."""


def student_version(nb: NotebookNode, lang: str) -> NotebookNode:
    """Solutions replaced by stubs, hidden tests removed, outputs cleared, tests locked."""
    nb = copy.deepcopy(nb)
    resources: dict = {}
    for step in (
        ClearSolutions(code_stub={"python": CODE_STUB[lang]}, text_stub=TEXT_STUB[lang]),
        ClearHiddenTests(),
        ClearOutput(),
        LockCells(),
    ):
        nb, resources = step.preprocess(nb, resources)
    return nb


def release(assignments: list[str], exchange: bool = False, root=None) -> list[str]:
    """Regenerate the sources, then let nbgrader write ``<root>/release/<assignment>/``.

    With ``exchange``, also copy them to nbgrader's exchange for JupyterHub courses.
    A ``root`` other than the course (a scratch course for validation) gets a copy
    of the regenerated sources.
    """
    import shutil

    from grader.authoring.build import write_course_source
    from grader.course import COURSE, api, parse_assignment

    root = root or COURSE

    from grader.lessons import SRC

    done_lessons: set[str] = set()
    for aid in assignments:
        lesson, lang = parse_assignment(aid)
        if not SRC.is_dir():  # an installed grader: the course root's sources as they are
            if not (root / "source" / aid).is_dir():
                raise ReleaseError(f"{aid}: no {root / 'source' / aid} to release")
        elif lesson.stem not in done_lessons:
            write_course_source(lesson)
            done_lessons.add(lesson.stem)
        if SRC.is_dir() and root != COURSE:
            shutil.copytree(COURSE / "source" / aid, root / "source" / aid, dirs_exist_ok=True)
        nbgrader = api(root, lang=lang)
        result = nbgrader.generate_assignment(aid, force=True, create=True)
        if not result["success"]:
            raise ReleaseError(f"{aid}: {result.get('error', result['log'])[-2000:]}")
        if exchange:
            result = nbgrader.release_assignment(aid)
            if not result["success"]:
                raise ReleaseError(
                    f"{aid} (exchange): {result.get('error', result['log'])[-2000:]}"
                )
    return assignments


def set_due_date(aid: str, due: str, root=None) -> None:
    """Record the due date in the gradebook, where nbgrader's late penalty reads it."""
    from nbgrader.api import Gradebook

    from grader.course import COURSE, config

    cfg = config(root or COURSE)
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        gb.update_or_create_assignment(aid, duedate=due)
