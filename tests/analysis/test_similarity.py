"""grader similarity: canonical forms, rarity weighting, planted copies, pages, bad input."""

import math
import os
import random
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import nbformat
import numpy as np
import pytest
from devkit.bench.similarity import build_class, write_release

from grader.analysis.similarity import (
    TEXT,
    THRESHOLD,
    Reference,
    Submission,
    compare,
    load_submissions,
    make_answer,
    pair_page,
    reference_prints,
    weight,
    write_csv,
    write_pages,
)
from grader.analysis.variation import rename, reorder
from grader.authoring.answers import Sources
from grader.classes.copies import KINDS
from grader.classes.sample import answer_text
from grader.lessons import Lesson
from tests.support.hostile import CASES

LESSON = Lesson("04_dropout")
HEAD = "def f(x, rate):\n"
SOLUTION = HEAD + "    keep = x >= rate\n    scale = 1 - rate\n    return x * keep / scale\n"


def _form(src: str) -> int:
    return make_answer("ex", "code", src).form


def test_renamed_reordered_and_translated_are_one_form_a_reformulation_is_not():
    renamed = SOLUTION.replace("keep", "mask").replace("scale", "s")
    reordered = HEAD + "    scale = 1 - rate\n    keep = x >= rate\n    return x * keep / scale\n"
    commented = SOLUTION.replace("    keep", "    # garder les grandes valeurs\n    keep")
    assert _form(renamed) == _form(reordered) == _form(commented) == _form(SOLUTION)
    # both ways: a different formulation, or a dependent reordering, is another form
    assert _form(SOLUTION.replace("x >= rate", "rate <= x")) != _form(SOLUTION)
    dependent = HEAD + "    keep = x >= rate\n    return x * keep / scale\n    scale = 1\n"
    assert _form(dependent) != _form(SOLUTION)
    # the copier's own transformations keep the form
    rng = random.Random(0)
    assert _form(rename(SOLUTION, rng)) == _form(SOLUTION)
    assert reorder(SOLUTION, rng) != SOLUTION and _form(reorder(SOLUTION, rng)) == _form(SOLUTION)


def test_rarer_counts_more_and_the_solution_little():
    assert weight(30, 30, False, False) < weight(2, 30, False, False)
    assert weight(2, 30, True, False) < weight(2, 30, False, False) < weight(2, 30, False, True)


# --- the drawn students' styles keep what the code computes ----------------------------


class _Model:
    """A stand-in for a Keras model: a seeded noisy linear map, the same draws in order."""

    def __init__(self) -> None:
        self.rng = np.random.default_rng(7)

    def __call__(self, x, training=False):
        return x @ np.ones((x.shape[1], 2)) + self.rng.normal(size=(x.shape[0], 2))

    def predict(self, x, verbose=0):
        return self(x)


def _run(code: str, name: str, keras_ops) -> object:
    scope = {"np": np, "keras": keras_ops, "data": np.arange(4.0)}
    exec(compile(code, "<answer>", "exec"), scope)  # our own generated code, not a student's
    fn = scope[name]
    np.random.seed(5)  # a catalogued mistake draws from the global generator
    x = np.random.default_rng(1).normal(size=(5, 4))
    if name == "dropout_sum_std":
        return fn(x, 0.3)
    if name == "inverted_dropout":
        return [fn(x, r, np.random.default_rng(3), t) for r in (0, 0.4) for t in (True, False)]
    if name == "mc_dropout_predict":
        return fn(_Model(), x, 6)
    weights = [np.random.default_rng(i).normal(size=s) for i, s in
               enumerate([(4, 3), (3,), (3, 3), (3,), (3, 1), (1,)])]  # fmt: skip
    return fn(weights, x)


def test_personal_styles_compute_what_the_solution_and_the_mistakes_compute(tmp_path: Path):
    ops = type("Ops", (), {"convert_to_numpy": staticmethod(np.asarray)})
    keras_ops = type("Keras", (), {"ops": ops})
    write_release(LESSON, tmp_path)
    sources = Sources(tmp_path)
    _, instructor, mistakes = sources.get(LESSON, "en")
    names = {"predict_sum_std": "dropout_sum_std"}
    names |= {g: g for g in ("inverted_dropout", "mc_dropout_predict", "deployed_predict")}
    changed = 0
    for gid, name in names.items():
        choices = ["solution"] + [f"mistake:{m}" for m in mistakes.get(gid, {})]
        for choice in choices:
            plain = answer_text(LESSON, "en", gid, choice, sources)
            expected = _run(plain, name, keras_ops)
            for student in range(12):
                styled = answer_text(LESSON, "en", gid, choice, sources, f"t/{student}")
                changed += styled != plain
                got = _run(styled, name, keras_ops)
                np.testing.assert_allclose(
                    np.asarray(got, dtype=float),
                    np.asarray(expected, dtype=float),
                    rtol=1e-12,
                    err_msg=f"{gid} {choice}\n{styled}\n{plain}",
                )
    assert changed > 100  # the styles do change the text


# --- a drawn class with planted copies -------------------------------------------------


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = tmp_path_factory.mktemp("planted")
    spec = build_class(300, root, seed=3, share=0.06)
    reference = reference_prints(LESSON, root)
    subs, notes = load_submissions(LESSON, root, reference)
    failed = {
        (s, g): c.startswith("mistake:")
        for s, info in spec["students"].items()
        for g, c in info["answers"].items()
    }
    return spec, compare(subs, reference, LESSON.stem, notes, THRESHOLD, failed), root


def test_a_planted_copy_of_each_kind_is_flagged_and_no_independent_pair_is(planted):
    spec, result, _ = planted
    flagged = {frozenset((p.a, p.b)) for p in result.flagged}
    truth = {frozenset((c["copier"], c["source"])): c["kind"] for c in spec["copies"]}
    assert {c["kind"] for c in spec["copies"]} == set(KINDS)
    for kind in set(KINDS) - {"partial", "wrong"}:
        assert any(truth[pair] == kind for pair in flagged & truth.keys()), kind
    assert not flagged - truth.keys()  # hard negatives: independent solutions, not flagged
    # and the class holds hard negatives: independents with the solution's form on 2+ exercises
    reference = reference_prints(LESSON, planted[2])
    involved = {c[k] for c in spec["copies"] for k in ("copier", "source")}

    def solved(student: str) -> set[str]:
        answers = result.submissions[student].answers.items()
        return {g for g, x in answers if g in reference and x.form in reference[g].forms}

    alone = [s for s in sorted(result.submissions) if s not in involved]
    assert any(len(solved(a) & solved(b)) >= 2 for a, b in combinations(alone, 2))
    # both ways: with the copies taken out of the class, nothing is flagged at all
    copiers = {c["copier"] for c in spec["copies"]}
    alone = {s: x for s, x in result.submissions.items() if s not in copiers}
    again = compare(alone, reference_prints(LESSON, planted[2]), LESSON.stem)
    assert not again.flagged


def test_the_manifest_stays_out_of_the_submissions(planted):
    """A copier's notebook carries the release's metadata only: no trace of the plant."""
    spec, _, root = planted
    released = nbformat.read(
        root / "release" / LESSON.assignment("en") / f"{LESSON.stem}.ipynb", as_version=4
    )
    for copy in spec["copies"]:
        for path in (root / "submitted" / copy["copier"]).rglob("*.ipynb"):
            nb = nbformat.read(path, as_version=4)
            assert nb.metadata.keys() == released.metadata.keys()
            assert copy["source"] not in path.read_text(encoding="utf-8")


def test_pages_and_csv_in_both_languages(planted, tmp_path: Path):
    _, result, _ = planted
    pair = result.flagged[0]
    en, fr = pair_page(result, pair, "en"), pair_page(result, pair, "fr")
    assert '<html lang="en">' in en and TEXT["en"]["disclaimer"] in en and "<mark>" in en
    assert '<html lang="fr">' in fr and "pas un verdict\u202f:" in fr and "leçon\u202f:" in fr
    for lang in ("en", "fr"):
        other = "fr" if lang == "en" else "en"
        page = pair_page(result, pair, lang)
        assert all(TEXT[lang][k] in page for k in ("title", "legend", "exercise"))
        assert TEXT[other]["legend"] not in page
    pages = write_pages(result, tmp_path / "L", "fr")
    assert len(pages) == len(result.flagged)
    rows = write_csv(result, tmp_path / "s.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("lesson,student_a") and len(rows) == len(result.pairs) + 1


# --- bad input -------------------------------------------------------------------------


def _submit(root: Path, student: str, data: bytes, lang: str = "en") -> None:
    folder = root / "submitted" / student / LESSON.assignment(lang)
    folder.mkdir(parents=True)
    (folder / f"{LESSON.stem}.ipynb").write_bytes(data)


def test_unreadable_blank_and_too_few_are_notes_never_a_crash(tmp_path: Path):
    write_release(LESSON, tmp_path)
    blank = (tmp_path / "release" / LESSON.assignment("en") / f"{LESSON.stem}.ipynb").read_bytes()
    for student, data in (("empty", b""), ("broken", b'{"cells": ['), ("blank", blank),
                          ("cells7", b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, '
                                     b'"cells": 7}')):  # fmt: skip
        _submit(tmp_path, student, data)
    subs, notes = load_submissions(LESSON, tmp_path)
    assert not subs and len(notes) == 4
    assert sum("unreadable" in n for n in notes) == 3 and any("blank" in n for n in notes)
    result = compare(subs, {}, LESSON.stem, notes)
    assert result.pairs == [] and "nothing to compare" in result.notes[-1]


def test_the_hostile_corpus_is_read_never_run(tmp_path: Path):
    """Every case of tests/support/hostile.py in lesson 4's notebook (its cells) or as its bytes."""
    write_release(LESSON, tmp_path)
    released = tmp_path / "release" / LESSON.assignment("en") / f"{LESSON.stem}.ipynb"
    canary = tmp_path / "ran"
    gids = ["predict_sum_std", "inverted_dropout", "mc_dropout_predict", "deployed_predict"]
    for i, case in enumerate(CASES):
        if case.raw is not None:
            _submit(tmp_path, f"case{i:02d}", case.raw)
            continue
        nb = nbformat.read(released, as_version=4)
        texts = [t.replace("{canary}", str(canary)) for t in case.cells.values()]
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in gids and texts:
                cell.source = texts[gids.index(gid) % len(texts)]
        _submit(tmp_path, f"case{i:02d}", nbformat.writes(nb).encode())
    subs, notes = load_submissions(LESSON, tmp_path, reference_prints(LESSON, tmp_path))
    result = compare(subs, reference_prints(LESSON, tmp_path), LESSON.stem, notes)
    assert len(subs) + len(notes) >= len(CASES) - 1
    assert any("unreadable" in n for n in result.notes)
    assert not canary.exists()
    assert math.isfinite(max((p.score for p in result.pairs), default=0.0))


def test_a_submission_with_one_answer_is_compared_without_error():
    ref = Reference({make_answer("ex", "code", SOLUTION).form})
    one = {
        s: Submission(s, "en", {"ex": make_answer("ex", "code", SOLUTION, "", ref)})
        for s in ("a", "b")
    }
    result = compare(one, {"ex": ref}, "L")
    assert all(p.score < THRESHOLD for p in result.pairs)


# --- the reader, stable keys -------------------------------


def test_json_reading_gives_what_nbformat_gives_v3_included(tmp_path: Path):
    write_release(LESSON, tmp_path)
    nb = nbformat.read(LESSON.notebook("en"), as_version=4)
    _submit(tmp_path, "v4", nbformat.writes(nb).encode())  # multi-line sources as lists
    old = nbformat.convert(nbformat.from_dict(nb), 3)  # convert changes what it is given
    _submit(tmp_path, "v3", nbformat.writes(old, version=3).encode())
    assert '"source": [' in (tmp_path / "submitted/v4").rglob("*.ipynb").__next__().read_text()
    subs, notes = load_submissions(LESSON, tmp_path)
    assert not notes and subs.keys() == {"v3", "v4"}
    v3, v4 = subs["v3"].answers, subs["v4"].answers
    assert v3.keys() == v4.keys() and len(v4) == 5
    assert all(v3[g].form == v4[g].form and v3[g].text == v4[g].text for g in v4)
    # both ways: another answer reads as another form
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    nb.cells[1].source = nb.cells[1].source.replace("rate", "rate * 2")
    _submit(tmp_path, "edited", nbformat.writes(nb).encode())
    subs, _ = load_submissions(LESSON, tmp_path)
    gid = nb.cells[1].metadata["nbgrader"]["grade_id"]
    assert subs["edited"].answers[gid].form != v4[gid].form


_KEYS = """
from grader.analysis.similarity import Index, Submission, make_answer
code = "def f(x, rate):\\n    {0} = x >= rate\\n    return x * {0}\\n"
subs = {f"s{i}": Submission(f"s{i}", "en", {"ex": make_answer("ex", "code", code.format(n)),
        "ey": make_answer("ey", "code", code.format(n + "y"))}) for i, n in enumerate("abcab")}
index = Index(subs)
print(sorted(index.combos), sorted(index.prints), sorted(index.candidates()))
"""


def test_keys_fingerprints_and_candidates_are_the_same_in_every_process():
    runs = [
        subprocess.run([sys.executable, "-c", _KEYS], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    ]  # fmt: skip
    assert runs[0] == runs[1] and "('s0', 's3')" in runs[0]
