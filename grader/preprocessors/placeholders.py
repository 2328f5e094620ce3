"""The marker intake leaves beside a notebook it replaced by the blank release.

Why here, below grading: intake (:mod:`grader.grading.intake`) writes it and the
sandboxed executor (:mod:`grader.preprocessors.execute`) reads it, and grading depends
on the preprocessors, never the other way round.
"""

from __future__ import annotations

from pathlib import Path

PLACEHOLDER_PREFIX = ".grader-placeholder-"


def placeholder_marker(folder: Path, notebook: str) -> Path:
    """Beside a notebook that intake replaced by the blank release: it is not executed.

    Written by intake only; one a student put there is deleted first, and would only
    have cost its author the grading of their own notebook.
    """
    return folder / f"{PLACEHOLDER_PREFIX}{Path(notebook).stem}"
