"""Nothing exists in one language only, and the languages' code never differs."""

import ast

import jupytext
import nbformat
import pytest

from grader.languages import CODE_STUB, LANGS, TEXT_STUB
from grader.lessons import SRC
from grader.preprocessors import CheckBilingual
from grader.preprocessors.bilingual import BilingualError, code_skeleton, localize_code

from tests.conftest import lesson_params

# --- the mechanism, on small inputs -------------------------------------------------


def test_localize_keeps_the_chosen_expression():
    src = 'plt.xlabel(_(en="epoch", fr="époque"))\nprint(_(en=f"{n} weights", fr=f"{n} poids"))'
    assert localize_code(src, "fr") == 'plt.xlabel("époque")\nprint(f"{n} poids")'
    assert localize_code(src, "en") == 'plt.xlabel("epoch")\nprint(f"{n} weights")'


def test_localize_handles_non_ascii_before_the_call():
    src = 'x = "é à ü"; y = _(en="a", fr="b")'
    assert localize_code(src, "fr") == 'x = "é à ü"; y = "b"'


def test_multiline_messages_keep_their_parentheses():
    src = 'msg = _(\n    en=(\n        "a "\n        "b"\n    ),\n    fr="c",\n)'
    out = localize_code(src, "en")
    assert eval(compile(out, "<cell>", "exec"), {}, ns := {}) is None and ns["msg"] == "a b"
    assert localize_code(src, "fr") == 'msg = "c"'


def test_a_missing_translation_is_refused():
    with pytest.raises(BilingualError, match="exactly the keywords"):
        localize_code('print(_(en="only English"))', "en")
    with pytest.raises(BilingualError, match="exactly the keywords"):
        localize_code('print(_("positional", "args"))', "en")


def test_nested_calls_are_refused():
    with pytest.raises(BilingualError, match="nested"):
        localize_code('_(en=_(en="a", fr="b"), fr="c")', "en")


def _source(cells):
    nb = nbformat.v4.new_notebook()
    for kind, lang, text in cells:
        cell = (
            nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        )
        if lang:
            cell.metadata["lang"] = lang
        nb.cells.append(cell)
    return nb


def test_prose_without_french_is_refused():
    nb = _source(
        [("md", "en", "Hello"), ("code", None, "x = 1"), ("md", "en", "Bye"), ("md", "fr", "Salut")]
    )
    with pytest.raises(BilingualError, match="expected"):
        CheckBilingual().preprocess(nb, {})


def test_prose_without_language_tag_is_refused():
    nb = _source([("md", None, "Hello"), ("md", "fr", "Bonjour")])
    with pytest.raises(BilingualError):
        CheckBilingual().preprocess(nb, {})


def test_complete_pairs_are_accepted():
    nb = _source(
        [("md", "en", "Hi"), ("md", "fr", "Salut"), ("md", "en", "Bye"), ("md", "fr", "Au revoir")]
    )
    CheckBilingual().preprocess(nb, {})


def test_translations_must_agree_on_grading():
    nb = _source([("md", "en", "A"), ("md", "fr", "B")])
    nb.cells[0].metadata.update(nbgrader="manual", grade_id="q1")
    with pytest.raises(BilingualError, match="grading"):
        CheckBilingual().preprocess(nb, {})


def test_skeleton_ignores_strings_but_not_code():
    assert code_skeleton('print("a", x)') == code_skeleton('print("b", x)')
    assert code_skeleton('print("a", x)') != code_skeleton('print("a", y)')
    # a sentence over more lines in one language is still one string; two values are not
    assert code_skeleton('m = ("a b" f"{x}")') == code_skeleton('m = ("a"\n    " b" f"{x}")')
    assert code_skeleton('m = ("a", "b")') != code_skeleton('m = ("a" "b")')


def test_stubs_and_helper_messages_exist_in_every_language():
    assert set(CODE_STUB) == set(TEXT_STUB) == set(LANGS)
    tree = ast.parse((SRC / "coursetools.py").read_text())
    messages = next(
        n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "MESSAGES"
    )
    for key, value in zip(messages.keys, messages.values, strict=True):
        langs = {k.value for k in value.keys}
        assert langs == set(LANGS), f"coursetools MESSAGES[{key.value!r}] has {langs}"


# --- the real lessons --------------------------------------------------------------


@lesson_params()
def test_source_is_complete_in_every_language(lesson):
    CheckBilingual().preprocess(jupytext.read(lesson.source), {"lesson": lesson.stem})


@lesson_params()
def test_languages_share_structure_and_code(lesson, stored):
    notebooks = {lang: stored[lesson.stem, lang] for lang in LANGS}
    first, *others = LANGS
    ref = notebooks[first]
    for lang in others:
        nb = notebooks[lang]
        assert [c.cell_type for c in nb.cells] == [c.cell_type for c in ref.cells]
        assert [c.id for c in nb.cells] == [c.id for c in ref.cells]
        for a, b in zip(ref.cells, nb.cells, strict=True):
            assert a.metadata.get("nbgrader") == b.metadata.get("nbgrader"), a.id
            if a.cell_type == "code":
                assert code_skeleton(a.source) == code_skeleton(b.source), (
                    f"{lesson.stem} cell {a.id}: code differs between {first} and {lang}"
                )
                assert "_(en=" not in b.source and "_(en=" not in a.source
            elif a.cell_type == "markdown" and a.source.strip():
                assert a.source != b.source, f"{lesson.stem} cell {a.id}: untranslated prose"


@lesson_params()
def test_each_notebook_declares_its_language(lesson, stored):
    for lang in LANGS:
        nb = stored[lesson.stem, lang]
        assert nb.metadata["course"]["lang"] == lang
        setup = next(c for c in nb.cells if c.cell_type == "code")
        assert f'ct.setup("{lang}")' in setup.source or f'ct.setup("{lang}", ' in setup.source
