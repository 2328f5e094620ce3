"""The grader's messages through gettext catalogues: up to date, translated, plural forms
and numbers of the reader's language; each check also shown failing."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest
from babel.messages.catalog import Catalog

from grader.authoring import catalogues
from grader.i18n import N_, Table, translator
from grader.languages import LANGS
from grader.student.texts import summary


def test_the_catalogues_match_the_code():
    assert catalogues.problems() == []


def test_an_out_of_date_catalogue_is_named(monkeypatch, tmp_path):
    extracted = catalogues.extract()
    extracted.add("A sentence the catalogues have never seen", locations=[("grader/x.py", 1)])
    monkeypatch.setattr(catalogues, "extract", lambda: extracted)
    found = catalogues.problems()
    assert any("grader.pot is out of date" in p for p in found)
    assert any("grader.po is out of date" in p for p in found)
    # a .mo that is not the compiled .po
    locale = tmp_path / "locale"
    shutil.copytree(catalogues.LOCALE_DIR, locale)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", locale)
    monkeypatch.setattr(catalogues, "ROOT", tmp_path)
    catalogues.mo_path("fr").write_bytes(b"")
    assert any("grader.mo is not the compiled .po" in p for p in catalogues.problems())


def _catalog(*entries) -> Catalog:
    catalog = Catalog(locale="fr", fuzzy=False)
    for msgid, msgstr, flags in entries:
        catalog.add(msgid, msgstr, flags=flags)
    return catalog


def test_the_translation_check_can_fail():
    good = _catalog(
        ("Score: {n}", "Note\u202f: {n}", ()),
        (("{n} file", "{n} files"), ("un fichier", "{n} fichiers", "{n} fichiers"), ()),
    )
    assert catalogues.translation_faults(good, "fr") == []
    bad = _catalog(
        ("Score: {n}", "Note : {n}", ()),  # plain space before the colon
        ("Why?", "", ()),  # not translated
        ("Done", "Fini", ("fuzzy",)),
        ("{a} and {b}", "{a} et {c}", ()),  # a placeholder lost, another invented
        (("{n} file", "{n} files"), ("{n} fichier", "fichiers", "{n} fichiers"), ()),
        (("{n} cell", "{n} cells"), ("{n} cellule", "{n} cellules"), ()),  # 2 forms, not 3
    )
    faults = catalogues.translation_faults(bad, "fr")
    assert len(faults) == 6, faults
    assert ["U+202F" in f for f in faults].count(True) == 1


def test_french_counts_zero_and_one_in_the_singular():
    assert "1 fichier ajouté," in summary("fr", "d", 1, 1, 0, 0, 0)
    assert "0 fichier ajouté," in summary("fr", "d", 1, 0, 0, 0, 0)
    assert "2 fichiers ajoutés," in summary("fr", "d", 1, 2, 0, 0, 0)
    assert "1 fichiers" not in summary("fr", "d", 1, 1, 0, 0, 0)
    assert "0 files added" in summary("en", "d", 1, 0, 0, 0, 0)
    assert "1 file added," in summary("en", "d", 1, 1, 0, 0, 0)


def test_numbers_follow_the_locale():
    fr, en = translator("fr"), translator("en")
    assert f"{fr.decimal(0.0, '0.0#')} / {fr.decimal(2.0, '0.0#')}" == "0,0 / 2,0"
    assert f"{en.decimal(0.0, '0.0#')} / {en.decimal(2.0, '0.0#')}" == "0.0 / 2.0"
    assert fr.decimal(10_000) == "10\u202f000"  # CLDR's French grouping, a narrow space
    assert en.decimal(10_000) == "10,000"
    assert fr.percent(0.41) != en.percent(0.41) == "41%"
    assert fr.percent(0.41).startswith("41") and fr.percent(0.41).endswith("%")
    day = date(2026, 11, 20)
    assert fr.date(day) == "20 novembre 2026" and en.date(day) == "November 20, 2026"
    assert "23:59" in fr.date(datetime(2026, 11, 20, 23, 59), "short")
    assert fr.language_name("en") == "anglais" and en.language_name("fr") == "French"


def test_a_language_without_a_catalogue_is_found_missing():
    table = Table({"a": N_("Score:"), "b": N_("not in any catalogue")})
    assert set(table) == set(LANGS)
    assert table["fr"]["a"] != table["en"]["a"] == "Score:"
    assert table.missing("fr") == ["b"] and table.missing("en") == []
    with pytest.raises(KeyError):
        table["de"]


def test_the_feedback_template_writes_scores_by_the_locale(tmp_path):
    from grader.grading.feedback import NUMBER_FILTER, number_filter, template_dir

    base = template_dir(tmp_path)
    fr = (base / "feedback_fr" / "index.html.j2").read_text(encoding="utf-8")
    en = (base / "feedback_en" / "index.html.j2").read_text(encoding="utf-8")
    assert "(Note\u202f: {{" in fr and ">Cellule de test<" in fr and "Score" not in fr
    assert "(Score: {{" in en and ">Test cell<" in en
    assert fr.count(f"| {NUMBER_FILTER}") == en.count(f"| {NUMBER_FILTER}") == 13
    assert [number_filter("fr")(x) for x in (0.0, 2.0, 0.67)] == ["0,0", "2,0", "0,67"]
    assert [number_filter("en")(x) for x in (0.0, 2.0, 0.67)] == [str(x) for x in (0.0, 2.0, 0.67)]


def test_a_language_from_a_submission_cannot_break_the_messages():
    """A notebook's metadata names its language; a hostile one gets the English."""
    for lang in ("xx", "", None, ["fr"], {"fr": 1}):
        assert translator(lang).lang == "en"
    assert translator("fr").gettext("Score:") == "Note\u202f:"


def test_the_report_counts_blank_submissions_with_a_plural():
    from grader.analysis.items import Analysis
    from grader.analysis.report import Summary, note_lines

    def note(n: int, lang: str) -> str:
        notes = [("note_blank", {"lesson": "12_quiz", "n": n})]
        return note_lines(Summary({}, [], [], Analysis([], [], notes)), lang)[0]

    assert "\u202f: 1 copie vide (aucun point) est comptée" in note(1, "fr")
    assert "\u202f: 2 copies vides (aucun point) sont comptées" in note(2, "fr")
    assert ": 1 blank submission (no points) is included" in note(1, "en")
    assert ": 2 blank submissions (no points) are included" in note(2, "en")
