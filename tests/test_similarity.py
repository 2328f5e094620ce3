"""grader similarity: normalization, IDF weighting, planted copies found, pages, bad input."""

from pathlib import Path

from grader.analysis.similarity import (
    THRESHOLD,
    Submission,
    compare,
    load_submissions,
    make_answer,
    normalize_code,
    pair_page,
    weight,
    write_pages,
)
from grader.lessons import Lesson

SOLUTION = "def f(x, rate):\n    keep = x >= rate\n    return x * keep / (1 - rate)\n"
ODD = (
    "def f(x, rate):\n    # keep the large ones\n    acc = []\n    for v in x:\n"
    "        acc.append(v / (1 - rate) if v > rate * 2 else -1)\n    print(acc, 'debug')\n"
    "    return sorted(acc)[::-1]\n"
)
RENAMED = ODD.replace("acc", "values").replace("v ", "item ").replace("(v", "(item")
TRANSLATED = ODD.replace("# keep the large ones", "# garder les grandes").replace(
    "debug", "déboguer"
)


def _tokens(src):
    return [t for t, _ in normalize_code(src)]


EXERCISES = ("ex1", "ex2", "ex3", "ex4")  # the threshold is for a lesson's exercises


def _sub(name, text, lang="en", ref=None):
    return Submission(name, lang, {g: make_answer(g, "code", text, "", ref) for g in EXERCISES})


def _class(extra, n=30):
    ref = set(make_answer("ex", "code", SOLUTION).prints)
    subs = {f"s{i:02d}": _sub(f"s{i:02d}", SOLUTION, ref=ref) for i in range(n)}
    for name, text, lang in extra:
        subs[name] = _sub(name, text, lang, ref)
    return compare(subs, dict.fromkeys(EXERCISES, ref), "L")


def _flagged(result):
    return {frozenset((p.a, p.b)) for p in result.flagged}


def test_renamed_and_translated_normalize_alike_a_different_algorithm_does_not():
    assert _tokens(RENAMED) == _tokens(ODD) == _tokens(TRANSLATED)
    assert _tokens(SOLUTION) != _tokens(ODD)


def test_idf_a_fragment_everyone_shares_weighs_less():
    assert weight(30, 30, False, False) < weight(2, 30, False, False)
    assert weight(2, 30, True, False) < weight(2, 30, False, False) < weight(2, 30, False, True)


def test_each_copy_is_found_and_independent_solutions_are_not():
    for copy, lang in ((ODD, "en"), (RENAMED, "en"), (TRANSLATED, "fr")):
        result = _class([("a", ODD, "en"), ("b", copy, lang)])
        assert frozenset(("a", "b")) in _flagged(result), copy
        assert not any("s00" in pair for pair in _flagged(result))  # hard negatives
    # both ways: with the odd answer written once only, nothing is flagged
    assert not _flagged(_class([("a", ODD, "en")]))


def test_pages_in_both_languages_say_a_flag_is_no_verdict(tmp_path: Path):
    result = _class([("a", ODD, "en"), ("b", RENAMED, "fr")])
    pair = result.flagged[0]
    en, fr = pair_page(result, pair, "en"), pair_page(result, pair, "fr")
    assert "not a verdict" in en and "<mark>" in en
    assert "pas un verdict\u202f:" in fr and "leçon\u202f:" in fr
    pages = write_pages(result, tmp_path / "L", "fr")
    assert [p.name for p in pages] == ["a__b.html"]
    assert pair.score >= THRESHOLD


def test_bad_input_is_a_note_never_a_crash(tmp_path: Path):
    lesson = Lesson("04_dropout")
    for student, data in (("empty", b""), ("broken", b'{"cells": [')):
        folder = tmp_path / "submitted" / student / lesson.assignment("en")
        folder.mkdir(parents=True)
        (folder / f"{lesson.stem}.ipynb").write_bytes(data)
    subs, notes = load_submissions(lesson, tmp_path)
    assert not subs and len(notes) == 2 and all("unreadable" in n for n in notes)
    result = compare(subs, {}, lesson.stem, notes)
    assert result.pairs == [] and "nothing to compare" in result.notes[-1]
