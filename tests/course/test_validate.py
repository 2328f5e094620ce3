"""`grader validate` over every lesson: nbgrader, in the sandbox, gives the solution
full marks, the blank release zero, and the same points in both languages.

The catalogued wrong answers, each exercise's released stub and the instructor
notebook itself run in every language in nbval's kernel (tests/support/nbval_mistakes.py;
tests/course/test_mistakes.py without ``--nbval``), so they are not run twice here, and
validate grades each probe through nbgrader in one language (``probe_plan``), as
it does when it runs the mistakes itself. For a lesson that trains networks only
the solution goes through nbgrader: an untouched release is the released stubs,
each of which nbval's kernel has already run against its complete tests, in every
language, and grading it would train the lesson's networks once more to show the
same (``make validate``, i.e. ``grader validate``, grades both). The quiz (no
TensorFlow, seconds to grade) gets both probes in every language, which also
compares the points EN and FR give to the same submissions.
"""

import pytest

from grader.authoring.validate import validate
from grader.course import all_assignments

from tests.conftest import LESSONS, lesson_params


@lesson_params()
def test_grading_is_sound(lesson):
    thorough = lesson.stem.endswith("quiz")
    probes = ("solution", "blank") if thorough else ("solution",)
    result = validate(
        all_assignments([lesson.stem]),
        workers=1,
        mistakes=False,
        every_language=thorough,
        probes=probes,
    )
    assert result.problems == []
    for check in result.checks:
        assert check.problems == [], check.assignment
        assert check.scores["solution"] == check.max_auto > 0
    if thorough:
        assert all(check.scores["blank"] == 0 for check in result.checks)
        assert all(not c.shared for c in result.checks)
        en, fr = sorted(result.checks, key=lambda c: c.assignment)
        assert en.scores == fr.scores and en.points == fr.points
    else:
        assert all("blank" not in check.scores for check in result.checks)
        # the solution graded once, in one language (by turns), standing for the other
        shared = [probe for c in result.checks for probe in c.shared]
        assert shared == ["solution"], shared


def test_validation_catches_a_test_that_cannot_fail(monkeypatch):
    """If the blank release scored points, validate must say so."""
    import grader.authoring.validate as v

    real = v._grades

    def generous(root, aid):
        check = real(root, aid)
        check.scores["blank"] = 1.0
        return check

    monkeypatch.setattr(v, "_grades", generous)
    quiz = [lesson for lesson in LESSONS if lesson.stem.endswith("quiz")]
    if not quiz:
        pytest.skip("no quiz lesson")
    result = validate(
        all_assignments([quiz[0].stem]),
        workers=1,
        mistakes=False,
        every_language=False,
        probes=("blank",),
    )
    assert not result.ok
    assert any("blank release gets 1.0" in p for c in result.checks for p in c.problems)


def test_validation_catches_a_solution_short_of_full_marks(monkeypatch):
    """With the solution as the only probe (lessons that train), a lost point is reported."""
    import grader.authoring.validate as v

    real = v._grades

    def stingy(root, aid):
        check = real(root, aid)
        if "solution" in check.scores:
            check.scores["solution"] -= 1
        return check

    monkeypatch.setattr(v, "_grades", stingy)
    quiz = [lesson.stem for lesson in LESSONS if lesson.stem.endswith("quiz")]
    with pytest.raises(ValueError):
        validate(all_assignments(quiz), mistakes=False, probes=("nothing",))
    result = validate(
        all_assignments(quiz), workers=1, mistakes=False, every_language=False, probes=("solution",)
    )
    assert not result.ok
    said = [p for c in result.checks for p in c.problems]
    assert len(said) == 2 and all(p.startswith("solution gets") for p in said), said


def test_each_probe_is_graded_once_only_when_the_languages_share_their_code(tmp_path):
    """Translated strings and comments may differ; any other change means grading each."""
    import nbformat

    from grader.authoring.validate import code_signature, probe_plan

    def notebook(*sources):
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])

    en = notebook("# YOUR CODE HERE\nraise NotImplementedError()", 'assert x == 1, "x is 1"')
    fr = notebook("# VOTRE CODE ICI\nraise NotImplementedError()", 'assert x == 1, "x vaut 1"')
    other = notebook("raise NotImplementedError()", 'assert x == 2, "x vaut 1"')
    assert code_signature(en) == code_signature(fr)
    assert code_signature(en) != code_signature(other)
    assert code_signature(notebook("%timeit 1")) is None

    def releases(stem, fr_nb):
        for lang, nb in (("en", en), ("fr", fr_nb)):
            folder = tmp_path / "release" / f"{stem}_{lang}"
            folder.mkdir(parents=True)
            nbformat.write(nb, folder / f"{stem}.ipynb")
        return [f"{stem}_en", f"{stem}_fr"]

    same = releases("01_a", fr)
    differ = releases("03_b", other)
    also_same = releases("02_c", fr)
    plan = probe_plan(same + differ + also_same, tmp_path)
    for group in (same, also_same):
        solution, blank = plan[(group[0], "solution")], plan[(group[0], "blank")]
        assert {plan[(aid, "solution")] for aid in group} == {solution}
        assert {plan[(aid, "blank")] for aid in group} == {blank}
        assert {solution, blank} == set(group), "each language grades one probe"
    turns = [plan[(group[0], "solution")].rsplit("_", 1)[1] for group in (same, also_same)]
    assert turns == ["en", "fr"], "the languages take turns from lesson to lesson"
    alone = probe_plan(also_same, tmp_path)
    assert alone[(also_same[0], "solution")] == "02_c_fr", "turns by number, also alone"
    assert all(plan[(aid, p)] == aid for aid in differ for p in ("solution", "blank"))
    thorough = probe_plan(same, tmp_path, every_language=True)
    assert all(graded == aid for (aid, _), graded in thorough.items())
