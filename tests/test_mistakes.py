"""Every catalogued wrong answer loses points, in every language (tests/mistakes/)."""

import pytest

from grader.exercises import check_mistakes
from grader.languages import LANGS
from grader.lessons import all_lessons

LESSONS = all_lessons()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_wrong_answers_lose_points(lesson, lang):
    results, problems = check_mistakes(lesson, lang)
    assert not problems
    assert results, f"{lesson.stem}: no catalogued wrong answers in tests/mistakes/"
    passed = [f"{r.grade_id}/{r.mistake}" for r in results if not r.failed]
    assert not passed, f"wrong answers that still get full marks: {passed}"
    graded = {r.grade_id for r in results}
    assert all(len([r for r in results if r.grade_id == g]) >= 3 for g in graded), (
        "each exercise needs at least 3 catalogued wrong answers"
    )
