"""Item analysis in ``grader report``: statistics checked by hand, figures readable.

The statistics are checked on a class of 6 small enough to compute on paper; each
check is paired with the number a plausible wrong formula gives, so a regression to
it would fail. The figures are drawn and their rendered labels compared in pixels.
"""

import math
import os
import re
from collections import Counter

import pytest

from grader.analysis.items import (
    BLANK,
    OTHER,
    Analysis,
    Item,
    Misconceptions,
    analyse_items,
    difficulty,
    item_rest,
    match_failures,
    normalize_message,
    option_shares,
    pearson,
    quiz_answer,
    suspect_reasons,
    upper_lower,
)
from grader.analysis.report import (
    TEXT,
    ExerciseStats,
    Summary,
    figures,
    label_faults,
    misconception_lines,
    plot,
    write_tables,
)
from grader.i18n import translator

STUDENTS = ["s1", "s2", "s3", "s4", "s5", "s6"]
# item -> (points, scores of s1..s6); totals: s1 3, s2 4, s3 2, s4 2, s5 1, s6 0
CLASS = {
    "A": (1, [1, 1, 1, 0, 0, 0]),
    "B": (2, [2, 2, 1, 1, 0, 0]),
    "C": (1, [0, 1, 0, 1, 1, 0]),
}
TOTALS = [3, 4, 2, 2, 1, 0]


def _items(lesson="01_overfitting"):
    return [
        Item(lesson, name, "auto", points, dict(zip(STUDENTS, scores, strict=True)))
        for name, (points, scores) in CLASS.items()
    ]


def test_difficulty_is_the_mean_share_of_points():
    assert difficulty(CLASS["B"][1], 2) == pytest.approx(0.5)  # 6 points of 12
    assert difficulty(CLASS["B"][1], 1) != pytest.approx(0.5)  # points ignored: 1.0
    assert difficulty([], 1) is None


def test_item_rest_correlation_by_hand():
    # A: item (1,1,1,0,0,0), rest (2,3,1,2,1,0): sxy 1.5, sxx 1.5, syy 5.5
    assert item_rest(CLASS["A"][1], TOTALS) == pytest.approx(1.5 / math.sqrt(1.5 * 5.5))
    # the item-total correlation (the item counted on both sides) is another number
    assert pearson(CLASS["A"][1], TOTALS) == pytest.approx(3 / math.sqrt(15))
    assert item_rest(CLASS["A"][1], TOTALS) != pytest.approx(pearson(CLASS["A"][1], TOTALS))
    # C: rest (3,3,2,1,0,0): sxy -0.5, sxx 1.5, syy 9.5: negative, though item-total is not
    assert item_rest(CLASS["C"][1], TOTALS) == pytest.approx(-0.5 / math.sqrt(1.5 * 9.5))
    assert pearson(CLASS["C"][1], TOTALS) == pytest.approx(1 / math.sqrt(15))  # > 0
    assert item_rest([1, 1, 1], [3, 2, 1]) is None  # the item does not vary: r undefined


def test_upper_minus_lower_27_percent_by_hand():
    # 27 % of 6 students -> groups of 2: top s2 s1, bottom s6 s5
    shares_b = [x / 2 for x in CLASS["B"][1]]
    assert upper_lower(CLASS["A"][1], TOTALS) == pytest.approx(1.0)
    assert upper_lower(shares_b, TOTALS) == pytest.approx(1.0)
    assert upper_lower(CLASS["B"][1], TOTALS) == pytest.approx(2.0)  # raw points: wrong
    assert upper_lower(CLASS["C"][1], TOTALS) == pytest.approx(0.0)  # (1 + 0)/2 - (0 + 1)/2
    # halves instead of 27 %: s6 s5 s3 against s4 s1 s2 gives 1/3, which the test rejects
    assert upper_lower(CLASS["C"][1], TOTALS, fraction=0.5) == pytest.approx(1 / 3)
    assert upper_lower([1.0], [1.0]) is None


def test_analyse_items_pools_the_lesson_and_flags_negative_discrimination():
    stats = {s.item.grade_id: s for s in analyse_items(_items())}
    assert [stats[k].difficulty for k in "ABC"] == pytest.approx([0.5, 0.5, 0.5])
    assert stats["A"].item_rest == pytest.approx(0.52223, abs=1e-5)
    assert stats["B"].upper_lower == pytest.approx(1.0)
    assert stats["C"].item_rest == pytest.approx(-0.13245, abs=1e-5)
    assert stats["C"].suspect == ["negative"] and stats["A"].suspect == []
    assert stats["A"].n == 6


def test_option_shares_and_the_suspect_quiz_item():
    answers = ["a", "b", "b", "b", "e", OTHER, BLANK, "a"]
    shares = option_shares(answers, "abcd")
    assert shares == pytest.approx(
        {"a": 2 / 8, "b": 3 / 8, "c": 0, "d": 0, OTHER: 2 / 8, BLANK: 1 / 8}
    )
    assert suspect_reasons([0.3], shares, right="a") == ["distractor"]  # b beats a
    assert suspect_reasons([0.3], shares, right="b") == []
    assert suspect_reasons([-0.1, 0.2], shares, right="b") == ["negative"]
    # on a tiny quiz: the key says "a" and the best students pick "a", most pick "b"
    quiz = Item("12_quiz", "q01_tests", "quiz", 1, {"s1": 1, "s2": 0, "s3": 0, "s4": 1})
    other = Item("12_quiz", "q02_tests", "quiz", 1, {"s1": 1, "s2": 0, "s3": 0, "s4": 1})
    given = {("12_quiz", "q01_tests"): {"s1": "a", "s2": "b", "s3": "b", "s4": "a"}}
    given[("12_quiz", "q02_tests")] = {"s1": "c", "s2": "c", "s3": "d", "s4": "c"}
    keys = {("12_quiz", "q01_tests"): ("a", "abcd"), ("12_quiz", "q02_tests"): ("c", "abcd")}
    q01, q02 = analyse_items([quiz, other], given, keys)
    assert q01.options["a"] == q01.options["b"] == 0.5 and q01.suspect == []
    assert q02.options["c"] == 0.75 and q02.suspect == []
    keys[("12_quiz", "q01_tests")] = ("a", "abc")
    given[("12_quiz", "q01_tests")]["s4"] = "b"  # "b" now draws 3 of 4
    q01 = analyse_items([quiz], given, keys)[0]
    assert q01.suspect == ["distractor"] and q01.right == "a"


def test_a_changed_key_is_caught_from_the_grades():
    quiz = Item("12_quiz", "q01_tests", "quiz", 1, {"s1": 1, "s2": 1, "s3": 0})
    given = {("12_quiz", "q01_tests"): {"s1": "c", "s2": "c", "s3": "b"}}
    stats = analyse_items([quiz], given, {("12_quiz", "q01_tests"): ("b", "abcd")})[0]
    assert (stats.right, stats.source_right) == ("c", "b")


def test_quiz_answers_are_parsed_never_run():
    assert quiz_answer('q01 = "B "', "q01") == "b"
    assert quiz_answer('import os\nos._exit(1)\nq01 = "a"', "q01") == "a"  # still alive
    assert quiz_answer("q01 = answer()", "q01") == OTHER
    assert quiz_answer('q01 = "b" +', "q01") == OTHER
    assert quiz_answer("# YOUR CODE HERE\nraise NotImplementedError()", "q01") == BLANK
    assert quiz_answer('q02 = "a"', "q01") == BLANK
    assert os.getpid()


CATALOGUE = {
    "no_rescaling": {
        "says": {"en": "not divided by 1 - rate", "fr": "pas divisées par 1 - rate"},
    },
    "mask_reused": {"says": {"en": "the same mask", "fr": "le même masque"}},
    "silent": {"code": "x = 1"},  # no message: never matched
}


def test_failures_are_matched_to_the_catalogue_and_the_rest_grouped():
    messages = [
        "AssertionError: outputs that are not divided by 1 - rate (got 0.5)",
        "AssertionError: des sorties qui ne sont pas divisées par 1 - rate",
        "AssertionError: expected 3 values, got 4",
        "AssertionError: expected 12 values, got 1.5",
        "NotImplementedError",
    ]
    m = match_failures("04_dropout", "inverted_dropout", messages, CATALOGUE)
    assert m.failed == 5
    assert m.matched == Counter({"no_rescaling": 2})
    assert m.unmatched == Counter(
        {"AssertionError: expected # values, got #": 2, "NotImplementedError": 1}
    )
    assert normalize_message("got 3.25 and 1e-3") == "got # and #"
    summary = Summary({}, [], [], Analysis([], [m]))
    en, fr = misconception_lines(summary, "en"), misconception_lines(summary, "fr")
    assert en[0] == (
        "40% of those who failed `inverted_dropout`: no_rescaling (not divided by 1 - rate)"
    )
    forty = translator("fr").percent(0.4)  # CLDR's French: "40", a no-break space, "%"
    assert forty.startswith("40") and forty.endswith("%") and forty != "40%"
    assert fr[0].startswith(f"{forty} de ceux qui ont échoué à `inverted_dropout`\u202f: ")
    assert fr[0].endswith("(pas divisées par 1 - rate)")
    assert any("expected # values, got #" in line and "40%" in line for line in en)


def _summary() -> Summary:
    """A synthetic class over every lesson, with long titles, many exercises and a quiz."""
    from grader.lessons import all_lessons

    stems = [x.stem for x in all_lessons()]
    exercises = [
        ExerciseStats(stem, f"exercise_{k}_tests", 2, [2, 1, 0, 2], hidden_failures=k)
        for stem in stems
        for k in range(3)
    ]
    items = _items(stems[0])
    quiz = [
        Item(
            stems[-1], f"q{k:02}_tests", "quiz", 1, {s: (i + k) % 2 for i, s in enumerate(STUDENTS)}
        )
        for k in range(1, 21)
    ]
    given = {
        (stems[-1], q.grade_id): {s: "abcd"[(i + j) % 4] for j, s in enumerate(STUDENTS)}
        for i, q in enumerate(quiz)
    }
    keys = {(stems[-1], q.grade_id): ("a", "abcd") for q in quiz}
    stats = analyse_items(items + quiz, given, keys)
    m = match_failures(
        stems[3], "inverted_dropout", ["x not divided by 1 - rate", "y 2"], CATALOGUE
    )
    notes = [
        ("note_single", {"lesson": stems[1], "n": 1}),
        ("note_blank", {"lesson": stems[0], "n": 2}),
    ]
    scores = {stem: [0.1 * i for i in range(8)] for stem in stems}
    return Summary(scores, exercises, [], Analysis(stats, [m], notes))


@pytest.mark.parametrize("lang", sorted(TEXT))
def test_every_figure_is_readable_at_a_glance(lang):
    made = figures(_summary(), lang)
    assert {
        "score_distribution",
        "pass_rate",
        "hidden_failures",
        "item_map",
        "quiz_options",
    } <= set(made)
    for name, fig in made.items():
        assert label_faults(fig) == [], (name, label_faults(fig))
    # lesson titles, in the instructor's language, not lesson ids
    ticks = [t.get_text() for t in made["score_distribution"].axes[0].get_yticklabels()]
    assert not any("02_weight_penalties" in t for t in ticks)
    word = {"en": "Lesson 2", "fr": "Leçon 2"}[lang]
    assert any(t.startswith(word) for t in ticks), ticks


def test_the_label_check_can_fail():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"a rather long exercise label number {i}" for i in range(30)]
    fig, ax = plt.subplots(figsize=(4, 2))  # 30 rows in 2 inches, no layout
    ax.barh(labels, range(30))
    faults = label_faults(fig)
    assert any(f.startswith("overlap") for f in faults)
    assert any(f.startswith("cut off") for f in faults)  # the labels run off the left edge
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(4, 9), layout="constrained")
    ax.barh([f"row {i}" for i in range(30)], range(30))
    assert label_faults(fig) == []
    plt.close(fig)


@pytest.mark.parametrize("lang", sorted(TEXT))
def test_every_new_table_and_figure_is_written_in_each_language(lang, tmp_path):
    summary = _summary()
    text, other = TEXT[lang], TEXT["fr" if lang == "en" else "en"]
    paths = plot(summary, tmp_path) if lang == "en" else plot(summary, tmp_path, lang)
    paths += write_tables(summary, tmp_path, lang)
    names = {p.name for p in paths}
    assert {"item_map.png", "quiz_options.png", "items.csv", "quiz_options.csv"} <= names
    assert {"misconceptions.csv", "report.md"} <= names
    assert all(p.stat().st_size > 100 for p in paths)
    items = (tmp_path / "items.csv").read_text(encoding="utf-8").splitlines()
    assert text["difficulty"] in items[0] and text["item_rest"] in items[0]
    assert other["difficulty"] not in items[0]
    page = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert text["items_title"] in page and text["misconceptions"] in page
    assert text["note_single"].split("{n}")[-1].split(",")[0] in page
    assert "![item_map](item_map.png)" in page
    options = (tmp_path / "quiz_options.csv").read_text(encoding="utf-8")
    assert text["is_right"] in options.splitlines()[0]
    if lang == "fr":
        # the locale's percent (CLDR: a no-break space before %), never the English "41%"
        assert re.search(r"\d\s%", options) and not re.search(r"\d%", options)
        assert " :" not in page.replace("\u202f:", "")


def test_every_label_exists_in_every_language():
    assert all(set(TEXT[lang]) == set(TEXT["en"]) for lang in TEXT)
    assert isinstance(Misconceptions("l", "g").matched, Counter)
