"""Each exercise is checked both ways, and each lesson has what a lesson needs."""

import pytest

from grader.exercises import MARKERS, check_release, check_solution, grade_cells
from grader.languages import LANGS

from .conftest import LESSONS, lesson_params


@pytest.mark.parametrize("lang", LANGS)
@lesson_params()
def test_solutions_pass_and_release_fails(lesson, lang):
    assert check_solution(lesson, lang) == []
    report = check_release(lesson, lang)
    assert report.problems == []
    assert len(report.released_failures) >= 2


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


def test_release_failure_is_detected(monkeypatch):
    """A test cell that passes on the released stub must be reported."""
    import grader.exercises as ex

    lesson = LESSONS[0]
    real = ex.run_release

    def passing_release(lesson, lang):
        nb = real(lesson, lang)
        for cell in grade_cells(nb):
            cell.outputs = []
        return nb

    monkeypatch.setattr(ex, "run_release", passing_release)
    assert "tests pass on the released stub" in " ".join(ex.check_release(lesson, "en").problems)
