"""`grader validate` over every lesson: nbgrader gives the solution full marks, the
blank release zero, and the same points in both languages.

The catalogued wrong answers are run by tests/test_mistakes.py (one kernel per
notebook), so they are not run twice here.
"""

import pytest

from grader.course import all_assignments
from grader.validate import validate

from .conftest import LESSONS, lesson_params


@lesson_params()
def test_grading_is_sound(lesson):
    result = validate(all_assignments([lesson.stem]), workers=1, mistakes=False)
    assert result.problems == []
    for check in result.checks:
        assert check.problems == [], check.assignment
        assert check.scores["solution"] == check.max_auto > 0
        assert check.scores["blank"] == 0


def test_validation_catches_a_test_that_cannot_fail(monkeypatch):
    """If the blank release scored points, validate must say so."""
    import grader.validate as v

    real = v._grades

    def generous(root, aid):
        check = real(root, aid)
        check.scores["blank"] = 1.0
        return check

    monkeypatch.setattr(v, "_grades", generous)
    quiz = [lesson for lesson in LESSONS if lesson.stem.endswith("quiz")]
    if not quiz:
        pytest.skip("no quiz lesson")
    result = validate(all_assignments([quiz[0].stem]), workers=2, mistakes=False)
    assert not result.ok
    assert any("blank release gets 1.0" in p for c in result.checks for p in c.problems)
