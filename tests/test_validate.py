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


def test_the_blank_is_graded_once_only_when_the_languages_share_their_code(tmp_path):
    """Translated strings and comments may differ; any other change means grading each."""
    import nbformat

    from grader.validate import blank_probes, code_signature

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
    differ = releases("02_b", other)
    chosen = blank_probes(same + differ, tmp_path)
    assert chosen["01_a_en"] == chosen["01_a_fr"] in same
    assert chosen["02_b_en"] == "02_b_en" and chosen["02_b_fr"] == "02_b_fr"
