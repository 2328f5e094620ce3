"""Every catalogued wrong answer loses points, in every language (notebooks/src/mistakes/)."""

import pytest

from grader.authoring.exercises import MistakeResult, check_mistakes
from grader.languages import LANGS
from grader.lessons import all_lessons

from tests.support.nbval_mistakes import MistakesItem, lesson_of, verdict

LESSONS = all_lessons()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_wrong_answers_lose_points(lesson, lang, request):
    if request.config.getoption("nbval", False):
        pytest.skip("checked in the notebook's own nbval kernel (tests/support/nbval_mistakes.py)")
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
    import grader.authoring.exercises as ex

    quiz = next(x for x in LESSONS if x.stem.endswith("quiz"))
    fake = {
        "q01": {
            "right_answer": {"code": 'q01 = "b"'},
            "silent": {"code": "q01 = 42", "says": {"en": "no such text", "fr": "aucun texte"}},
        }
    }
    monkeypatch.setattr(ex, "load_mistakes", lambda lesson, lang="en": fake)
    results, problems = ex.check_mistakes(quiz, "en")
    verdict = {r.mistake: r.failed for r in results}
    assert verdict == {"right_answer": False, "silent": True}
    assert any("should say 'no such text'" in p for p in problems)


def test_a_test_that_passes_on_the_released_stub_is_caught(monkeypatch):
    """The stub check unbinds the solution's names first, so leftovers cannot hide it."""
    import grader.authoring.exercises as ex

    quiz = next(x for x in LESSONS if x.stem.endswith("quiz"))
    real = ex.generate

    def lenient(lesson, lang):
        nb = real(lesson, lang)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "q01_tests":
                cell.source = "assert True"
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "q02_tests":
                # passes as long as the solution's q02 is still defined
                cell.source = "assert q02 in ('a', 'b', 'c', 'd')"
        return nb

    monkeypatch.setattr(ex, "generate", lenient)
    monkeypatch.setattr(ex, "load_mistakes", lambda lesson, lang="en": {})
    _, problems = ex.check_mistakes(quiz, "en")
    assert "q01: its tests pass on the released stub" in problems
    assert "q02: its tests pass on the released stub" not in problems, "q02 is unbound: fails"
    assert not any(p.startswith("q03") for p in problems)


def test_bound_names_are_what_a_blank_cell_leaves_undefined():
    from grader.authoring.exercises import bound_names

    source = "import numpy as np\nfrom a.b import c as d\ndef f(): x = 1\nclass K: pass\n"
    source += "y, (z, w) = 1, (2, 3)\nv: int = 4\nu += 1\nprint(q)\n"
    assert bound_names(source) == ["K", "d", "f", "np", "u", "v", "w", "y", "z"]


@pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])
def test_every_mistake_still_applies_to_its_solution(lesson):
    """A mistake is an edit of the reference solution: the edit must still find its text."""
    from grader.authoring.exercises import load_mistakes, mistakes_path

    assert mistakes_path(lesson).exists(), "every lesson catalogues its typical mistakes"
    for lang in LANGS:
        catalogue = load_mistakes(lesson, lang)  # raises StaleMistake on a stale edit
        assert catalogue and all(entries for entries in catalogue.values())
        for entries in catalogue.values():
            for entry in entries.values():
                assert "### BEGIN SOLUTION" not in entry["code"]
                compile(entry["code"], "<mistake>", "exec")


def test_a_stale_mistake_is_refused(tmp_path, monkeypatch):
    """Tried the other way: a solution rewritten under a mistake makes the check fail."""
    import grader.authoring.exercises as ex

    lesson = next(x for x in LESSONS if x.stem.startswith("04"))
    solutions = ex.solution_sources(lesson)
    with pytest.raises(ex.StaleMistake, match="ambiguous"):  # an edit must say where
        ex.apply_edits(solutions["inverted_dropout"], [("rate", "1 - rate")], "x")
    source = "def f(x):\n    return x / 2\n"
    assert ex.apply_edits(source, [("x / 2", "x * 2")], "w") == "def f(x):\n    return x * 2\n"
    with pytest.raises(ex.StaleMistake, match="no longer applies"):
        ex.apply_edits(source.replace("x / 2", "x * 0.5"), [("x / 2", "x * 2")], "w")
    rewritten = {
        **solutions,
        "inverted_dropout": "def inverted_dropout(x, rate, rng, training):\n    pass\n",
    }
    monkeypatch.setattr(ex, "solution_sources", lambda _lesson: rewritten)
    with pytest.raises(ex.StaleMistake, match="inverted_dropout/no_rescaling"):
        ex.load_mistakes(lesson, "en")
