"""Each lesson has what a lesson needs, and its stored solutions pass their tests.

That the released notebook fails the tests is checked through nbgrader itself
(tests/test_validate.py: the blank release scores 0), and that typical wrong
answers fail them by tests/test_mistakes.py.
"""

import pytest

from grader.exercises import MARKERS, check_solution, grade_cells
from grader.languages import LANGS

from .conftest import lesson_params


@pytest.mark.parametrize("lang", LANGS)
@lesson_params()
def test_stored_solutions_pass_their_tests(lesson, lang):
    assert check_solution(lesson, lang) == []


@lesson_params()
def test_lesson_has_goal_exercises_written_answer_and_plot(lesson, stored):
    for lang in LANGS:
        nb = stored[lesson.stem, lang]
        first = nb.cells[0].source
        assert first.startswith("# ") and ("**Goal.**" in first or "**Objectif.**" in first)
        tests = grade_cells(nb)
        assert len(tests) >= 2, "at least two autograded exercises"
        hidden = [c for c in tests if MARKERS[2] in c.source]
        assert len(hidden) == len(tests), "every test cell has hidden tests"
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
