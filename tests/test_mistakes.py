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


def test_the_check_itself_can_fail(monkeypatch):
    """A 'mistake' that is right keeps its points; a message that names nothing is caught."""
    import grader.exercises as ex

    quiz = next(x for x in LESSONS if x.stem.endswith("quiz"))
    fake = {
        "q01": {
            "right_answer": 'q01 = "b"',
            "silent": {"code": "q01 = 42", "says": {"en": "no such text", "fr": "aucun texte"}},
        }
    }
    monkeypatch.setattr(ex, "load_mistakes", lambda lesson: fake)
    results, problems = ex.check_mistakes(quiz, "en")
    verdict = {r.mistake: r.failed for r in results}
    assert verdict == {"right_answer": False, "silent": True}
    assert any("should say 'no such text'" in p for p in problems)
