"""What nbval relies on: stored outputs, compared rather than ignored, and quiet."""

import json

import nbformat

from grader.languages import LANGS
from grader.lessons import ROOT

from tests.conftest import LESSONS, lesson_params

MARKERS = ("NBVAL_IGNORE_OUTPUT", "NBVAL_SKIP", "NBVAL_CHECK_OUTPUT", "NBVAL_RAISES_EXCEPTION")
VOLATILE = ("Epoch 1/", "ms/step", "s/step", "━━━━")


def uncompared(nb) -> list[str]:
    """Ids of the code cells with output that nbval would not compare (marker or tag)."""
    return [
        cell.id
        for cell in nb.cells
        if cell.cell_type == "code"
        and cell.outputs
        and (
            any(m in cell.source for m in MARKERS[:2])
            or any(
                t in cell.metadata.get("tags", []) for t in ("nbval-ignore-output", "nbval-skip")
            )
        )
    ]


def test_every_output_cell_is_compared_and_nothing_is_sanitized(stored):
    # The rule of the authors' guide's Determinism section (docs/guide/en/authors.md): numbers
    # hold on every CPU because they are printed at a precision their spread supports, not
    # because nbval looks away.
    with_output = sum(
        1
        for nb in stored.values()
        for cell in nb.cells
        if cell.cell_type == "code" and cell.outputs
    )
    assert with_output > 100
    assert {key: ids for key, nb in stored.items() if (ids := uncompared(nb))} == {}
    # The other way: a marked cell is seen.
    nb = next(iter(stored.values()))
    marked = nbformat.from_dict(nb)
    cell = next(c for c in marked.cells if c.cell_type == "code" and c.outputs)
    cell.source = "# NBVAL_IGNORE_OUTPUT\n" + cell.source
    assert uncompared(marked) == [cell.id]
    makefile = (ROOT / "Makefile").read_text()
    assert "--nbval " in makefile and "sanitize" not in makefile and "--nbval-lax" not in makefile


@lesson_params()
def test_no_stderr_no_progress_bars_no_errors(lesson, stored):
    for lang in LANGS:
        for cell in stored[lesson.stem, lang].cells:
            for out in cell.get("outputs", []):
                assert out.output_type != "error", cell.id
                assert not (out.output_type == "stream" and out.name == "stderr"), (
                    f"{lesson.stem}/{lang} {cell.id} writes to stderr: {out.text[:200]}"
                )
                text = json.dumps(out)
                assert not any(v in text for v in VOLATILE), f"{cell.id}: Keras progress bar"


def test_no_runtime_downloads():
    for lesson in LESSONS:
        text = lesson.source.read_text()
        for forbidden in ("keras.datasets", "get_file(", "urlopen", "fetch_", "tensorflow_hub"):
            assert forbidden not in text, f"{lesson.stem} downloads data: {forbidden}"


def test_coursetools_comes_before_tensorflow():
    """Imported first, coursetools quiets TensorFlow and fixes its threads before it loads."""
    for lesson in LESSONS:
        text = lesson.source.read_text()
        first = text.index("import coursetools as ct")
        for heavy in ("import keras", "import tensorflow", "from keras", "from tensorflow"):
            where = text.find(heavy)
            assert where == -1 or where > first, f"{lesson.stem}: {heavy} before coursetools"
        assert text.index("ct.setup(") < min(
            (i for i in (text.find("import keras"), text.find("import tensorflow")) if i >= 0),
            default=len(text),
        )
