"""The course's text as a reader meets it: French typography, one French term per
concept, a description for every figure, and a quiz whose right answers give nothing away.

Each check reads the generated notebooks (what students and the site get) and is tried
on a bad example too, so a check that cannot fail is caught here as well.
"""

from __future__ import annotations

import io
import re
import tokenize
import tomllib

import nbformat
import pytest

from grader.languages import LANGS
from grader.lessons import SRC, all_lessons
from grader.preprocessors.bilingual import BilingualError, check_comments, localize_comments
from grader.preprocessors.typography import (
    PLAIN_BEFORE_PUNCTUATION,
    french_markdown,
    french_text,
    unprotected,
)

LESSONS = all_lessons()
IDS = [x.stem for x in LESSONS]


def notebook(lesson, lang):
    return nbformat.read(lesson.notebook(lang), as_version=4)


def strings_of(source: str) -> list[str]:
    """The string literals of a code cell: what it prints, raises and labels."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    return [t.string for t in tokens if t.type == tokenize.STRING]


def comments_of(source: str) -> list[str]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    return [t.string for t in tokens if t.type == tokenize.COMMENT]


def output_texts(cell) -> list[str]:
    texts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            texts.append(out.text)
        elif out.output_type == "error":
            texts.append(out.evalue)
        elif "text/plain" in out.get("data", {}):
            texts.append(out.data["text/plain"])
    return texts


def french_texts(nb) -> list[tuple[str, str]]:
    """(where, text) for every French text a reader sees in ``nb``."""
    found = []
    for index, cell in enumerate(nb.cells):
        where = f"cell {index}"
        if cell.cell_type == "markdown":
            found.append((where, unprotected(cell.source)))
            continue
        found += [(f"{where} string", s) for s in strings_of(cell.source)]
        found += [(f"{where} comment", c) for c in comments_of(cell.source)]
        found += [(f"{where} output", t) for t in output_texts(cell)]
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt")
        if alt:
            found.append((f"{where} figure description", alt))
    return found


def typography_faults(nb) -> list[str]:
    return [
        f"{where}: {text[max(0, m.start() - 30) : m.end() + 10]!r}"
        for where, text in french_texts(nb)
        for m in PLAIN_BEFORE_PUNCTUATION.finditer(text)
    ]


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_french_typography(lesson):
    assert typography_faults(notebook(lesson, "fr")) == []


def test_the_typography_check_can_fail():
    bad = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("Pourquoi ? Voici : « rien »"),
            nbformat.v4.new_code_cell('print("perte :", 1)'),
        ]
    )
    assert len(typography_faults(bad)) == 5
    good = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(french_markdown("Pourquoi ? Voici : « rien »")),
            nbformat.v4.new_code_cell(f"print({french_text('perte :')!r}, 1)"),
            nbformat.v4.new_markdown_cell("`a : b`, $x : y$, | :--- |, [lien](http://a?b)"),
        ]
    )
    assert typography_faults(good) == []


def glossary() -> list[dict]:
    return tomllib.loads((SRC / "glossary.toml").read_text(encoding="utf-8"))["term"]


def glossary_faults(nb) -> list[str]:
    faults = []
    for term in glossary():
        for pattern in term["avoid"]:
            for where, text in french_texts(nb):
                if where.endswith("string"):  # code: keys and names; their prose is in outputs
                    continue
                for m in re.finditer(pattern, text, flags=re.IGNORECASE):
                    faults.append(f"{where}: {m.group(0)!r}, write « {term['fr']} »")
    return faults


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_one_french_term_per_concept(lesson):
    assert glossary_faults(notebook(lesson, "fr")) == []


def test_the_glossary_check_can_fail():
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("un écart-type creux")])
    assert len(glossary_faults(bad)) == 2
    assert all(t["en"] and t["fr"] and t["avoid"] for t in glossary())


def figure_faults(nb) -> list[str]:
    faults = []
    for index, cell in enumerate(nb.cells):
        images = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        if not images:
            continue
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        if len(alt.split()) < 8:
            faults.append(f"cell {index}: a figure without a description ({alt!r})")
    return faults


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_every_figure_is_described(lesson, lang):
    assert figure_faults(notebook(lesson, lang)) == []


def test_the_figure_check_can_fail():
    cell = nbformat.v4.new_code_cell("plt.plot(x)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBO"})]
    assert figure_faults(nbformat.v4.new_notebook(cells=[cell]))
    source = (
        "# alt en: Training loss falls while validation loss rises after epoch 12.\n"
        "# alt fr: La perte d'entraînement baisse, celle de validation remonte après l'époque 12.\n"
        "plt.plot(x)\n"
    )
    check_comments(source, "test")
    cell.metadata["mystnb"] = {"image": {"alt": localize_comments(source, "fr")[1]}}
    assert figure_faults(nbformat.v4.new_notebook(cells=[cell])) == []


@pytest.mark.parametrize(
    "source",
    [
        "# a comment in English only\nx = 1\n",
        "x = 1  # en: inline, English only\n",
        "# en: English first\nx = 1\n# fr: then French, too far\n",
        "# fr: French first\n# en: then English\n",
        'def f():\n    """Docstring in one language."""\n',
    ],
)
def test_comments_in_one_language_are_refused(source):
    with pytest.raises(BilingualError):
        check_comments(source, "test")


def test_comments_are_generated_in_the_notebooks_language():
    source = (
        "# en: Train it.\n# fr: Entraînez-le.\n"
        "x = 1  # en: why? # fr: pourquoi ?\n"
        'def f():\n    """en: Return one.\n\n    fr: Renvoie un.\n    """\n'
        "    ### BEGIN SOLUTION\n    return 1\n"
    )
    check_comments(source, "test")
    assert localize_comments(source, "en")[0] == (
        '# Train it.\nx = 1  # why?\ndef f():\n    """Return one.\n    """\n'
        "    ### BEGIN SOLUTION\n    return 1\n"
    )
    french = localize_comments(source, "fr")[0]
    assert "# Entraînez-le.\n" in french and "# pourquoi\u202f?" in french
    assert '"""Renvoie un.\n    """' in french


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_no_comment_of_the_other_language_in_a_notebook(lesson):
    for lang in LANGS:
        for cell in notebook(lesson, lang).cells:
            for comment in comments_of(cell.source):
                assert not re.match(r"#\s?(alt )?[a-z]{2}:", comment), (lang, comment)


# The quiz: where the right answers are, and how long they are.
OPTION = re.compile(r"^- \*\*([a-d])\)\*\* (.*)$", re.MULTILINE)


def quiz_items(nb) -> list[tuple[str, dict[str, str]]]:
    """(right letter, {letter: option text}) for each question of the quiz notebook."""
    items, options = [], {}
    for cell in nb.cells:
        if cell.cell_type == "markdown" and OPTION.search(cell.source):
            options = dict(OPTION.findall(cell.source))
        grading = cell.metadata.get("nbgrader", {})
        if grading.get("solution") and not grading.get("grade"):
            right = re.search(r'=\s*"([a-d])"', cell.source)
            if right and options:
                items.append((right.group(1), options))
                options = {}
    return items


def quiz_faults(items) -> list[str]:
    faults = []
    if len(items) < 20:
        faults.append(f"{len(items)} questions, at least 20 expected")
    longest = sum(
        1
        for right, options in items
        if len(options[right]) == max(len(t) for t in options.values())
        and sum(len(t) == len(options[right]) for t in options.values()) == 1
    )
    if longest > len(items) / 4:
        faults.append(f"the right answer is the longest option in {longest} of {len(items)}")
    letters = [right for right, _ in items]
    expected = len(items) / 4
    for letter in "abcd":
        if abs(letters.count(letter) - expected) > max(1.5, 0.25 * expected):
            faults.append(
                f"{letters.count(letter)} right answers are {letter!r}, not ~{expected:.0f}"
            )
    return faults


def test_the_quiz_gives_nothing_away():
    quiz = next(x for x in LESSONS if x.stem.endswith("quiz"))
    for lang in LANGS:
        assert quiz_faults(quiz_items(notebook(quiz, lang))) == [], lang


def test_the_quiz_check_can_fail():
    fair = [
        ("abcd"[i % 4], {k: "x" * (10 + (k == "abcd"[(i + 1) % 4])) for k in "abcd"})
        for i in range(20)
    ]
    assert quiz_faults(fair) == []
    assert any("longest" in f for f in quiz_faults([(r, {**o, r: "y" * 40}) for r, o in fair]))
    assert any("right answers are 'b'" in f for f in quiz_faults([("b", o) for _, o in fair]))
    assert any("at least 20" in f for f in quiz_faults(fair[:12]))


# The grader's own French sentences (feedback, the student's workspace, the site, the
# sandbox's budgets, grading messages, the report) are in its French gettext catalogue;
# the few French strings left in its code (nbgrader's stubs, a figure's prefix) are
# under a "fr" key of a dict literal.
MESSAGE_MODULES = sorted((SRC.parent.parent / "grader").rglob("*.py"))


def french_constants(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string under a ``"fr"`` key of a dict literal in ``source``."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "fr":
                    found += [
                        (s.lineno, s.value)
                        for s in ast.walk(value)
                        if isinstance(s, ast.Constant) and isinstance(s.value, str)
                    ]
    return found


def message_faults(source: str) -> list[str]:
    return [
        f"line {line}: {text!r}"
        for line, text in french_constants(source)
        if PLAIN_BEFORE_PUNCTUATION.search(text)
    ]


@pytest.mark.parametrize("module", MESSAGE_MODULES, ids=lambda p: p.stem)
def test_french_typography_of_the_graders_messages(module):
    assert message_faults(module.read_text(encoding="utf-8")) == []


def test_the_message_check_can_fail():
    assert len(message_faults('M = {"x": {"en": "Note: {n}", "fr": "Note : {n}"}}')) == 1
    assert message_faults('M = {"x": {"en": "Note: {n}", "fr": "Note\\u202f: {n}"}}') == []
    assert len(MESSAGE_MODULES) > 20


def catalogue_faults(catalog) -> list[str]:
    from grader.authoring.catalogues import translation_faults

    return [f for f in translation_faults(catalog, "fr") if "U+202F" in f]


def test_french_typography_of_the_graders_catalogue():
    from babel.messages.pofile import read_po

    from grader.authoring.catalogues import po_path

    with po_path("fr").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    assert len(catalog) > 100
    assert catalogue_faults(catalog) == []


def test_the_catalogue_check_can_fail():
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="fr")
    catalog.add("Note: {n}", "Note : {n}")
    catalog.add(("{n} file", "{n} files"), ("« {n} fichier »", "{n} fichiers", "{n} fichiers"))
    catalog.add("`a: b`", "`a : b`")  # code is left alone
    assert len(catalogue_faults(catalog)) == 3
    good = Catalog(locale="fr")
    good.add("Note: {n}", french_text("Note : {n}"))
    assert catalogue_faults(good) == []


def test_the_helpers_french_spacing_is_the_builds():
    """coursetools cannot import the grader (students have only the lesson folder), so it
    keeps a copy of the rule for the messages it formats at run time: the two must agree."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("coursetools_copy", SRC / "coursetools.py")
    ct = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ct)
    samples = ["a : b ; c ! d ?", "« x »", "x :.3f", "| :--- |", "voir ![img]", "ok: sans espace"]
    assert [ct.french(s) for s in samples] == [french_text(s) for s in samples]
    assert ct.french("Note : 1") != "Note : 1"  # it does change a plain space
