"""Every catalogued wrong answer loses points, in every language (tests/mistakes/)."""

import pytest

from grader.exercises import MistakeResult, check_mistakes
from grader.languages import LANGS
from grader.lessons import all_lessons

from .nbval_mistakes import MistakesItem, lesson_of, verdict

LESSONS = all_lessons()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_wrong_answers_lose_points(lesson, lang, request):
    if request.config.getoption("nbval", False):
        pytest.skip("checked in the notebook's own nbval kernel (tests/nbval_mistakes.py)")
    results, problems = check_mistakes(lesson, lang)
    assert verdict(lesson.stem, results, problems) == []


def test_every_lesson_notebook_gets_its_mistakes_item(request):
    """With --nbval, the plugin must really add the items the test above skips for."""
    if not request.config.getoption("nbval", False):
        pytest.skip("only with --nbval")
    added = {(i.lesson.stem, i.lang) for i in request.session.items if isinstance(i, MistakesItem)}
    collected = {
        found
        for i in request.session.items
        if type(i.parent).__name__ == "IPyNbFile"
        and (found := lesson_of(i.parent.path)) is not None
    }
    assert {(lesson.stem, lang) for lesson, lang in collected} == added


def test_the_verdict_can_fail():
    ok = [MistakeResult("g", f"m{i}", True, "") for i in range(3)]
    assert verdict("x", ok, []) == []
    assert verdict("x", [], []), "no catalogue"
    assert verdict("x", ok[:2], []), "fewer than 3 mistakes"
    assert verdict("x", [*ok, MistakeResult("g", "kept", False, "")], []), "full marks kept"
    assert verdict("x", ok, ["a problem"]) == ["a problem"]


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
