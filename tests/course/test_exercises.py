"""Each lesson has what a lesson needs, and its stored solutions pass their tests.

That the released notebook fails the tests is checked through nbgrader itself
(tests/course/test_validate.py: the blank release scores 0), and that typical wrong
answers fail them by tests/course/test_mistakes.py.
"""

import nbformat
import pytest

from grader.authoring.exercises import MARKERS, check_solution, grade_cells
from grader.languages import LANGS

from tests.conftest import lesson_params


@pytest.mark.parametrize("lang", LANGS)
@lesson_params()
def test_stored_solutions_pass_their_tests(lesson, lang):
    assert check_solution(lesson, lang) == []


NO_HIDDEN = {"en": "There are no hidden tests.", "fr": "Il n'y a pas de tests cachés."}


def _exercise_text(nb, test_cell) -> str:
    """The prose between the previous graded cell and ``test_cell``: the exercise's text."""
    index = nb.cells.index(test_cell)
    text = []
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            break
        if cell.cell_type == "markdown":
            text.append(cell.source)
    return "\n".join(reversed(text))


def test_the_no_hidden_tests_rule_can_fail(stored):
    """Tried the other way: the same cell, its announcement removed, is refused."""
    nb = stored["01_overfitting", "en"]
    cell = next(c for c in grade_cells(nb) if MARKERS[2] not in c.source)
    assert NO_HIDDEN["en"] in " ".join(_exercise_text(nb, cell).split())
    index = nb.cells.index(cell)
    copy = nbformat.v4.new_notebook(
        cells=[c for c in nb.cells[:index] if NO_HIDDEN["en"] not in " ".join(c.source.split())]
        + [cell]
    )
    assert NO_HIDDEN["en"] not in " ".join(_exercise_text(copy, cell).split())


@lesson_params()
def test_lesson_has_goal_exercises_written_answer_and_plot(lesson, stored):
    for lang in LANGS:
        nb = stored[lesson.stem, lang]
        first = nb.cells[0].source
        assert first.startswith("# ") and ("**Goal.**" in first or "**Objectif.**" in first)
        tests = grade_cells(nb)
        assert len(tests) >= 2, "at least two autograded exercises"
        # Hidden tests everywhere, except where the exercise says there are none: a
        # prediction checked against the run needs no other input, and its text says so.
        for cell in tests:
            if MARKERS[2] not in cell.source:
                said = _exercise_text(nb, cell)
                assert NO_HIDDEN[lang] in " ".join(said.split()), (
                    f"{cell.id}: no hidden tests, and the exercise does not say so"
                )
        manual = [
            c
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"]["solution"]
        ]
        assert manual, "at least one answer graded by hand"
        plots = [
            o
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.outputs
            if "image/png" in o.get("data", {})
        ]
        assert plots, "at least one plot"
