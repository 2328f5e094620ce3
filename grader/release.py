"""The student version of a lesson notebook, made by nbgrader's own preprocessors.

Used by the exercise checks now, and by ``grader release`` for the whole course;
stubs are in the notebook's language (nbgrader's defaults are English only).
"""

from __future__ import annotations

import copy

from nbformat import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions, LockCells

from .languages import CODE_STUB, TEXT_STUB


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
