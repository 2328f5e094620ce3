"""What nbval relies on: stored outputs, compared rather than ignored, and quiet."""

import json

from grader.languages import LANGS

from .conftest import LESSONS, lesson_params

MARKERS = ("NBVAL_IGNORE_OUTPUT", "NBVAL_SKIP", "NBVAL_CHECK_OUTPUT", "NBVAL_RAISES_EXCEPTION")
VOLATILE = ("Epoch 1/", "ms/step", "s/step", "━━━━")


def test_at_least_90_percent_of_output_cells_are_compared(stored):
    with_output = excluded = 0
    for nb in stored.values():
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.outputs:
                with_output += 1
                tags = cell.metadata.get("tags", [])
                if any(m in cell.source for m in MARKERS[:2]) or any(
                    t in tags for t in ("nbval-ignore-output", "nbval-skip")
                ):
                    excluded += 1
    assert with_output
    assert (with_output - excluded) / with_output >= 0.9


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
