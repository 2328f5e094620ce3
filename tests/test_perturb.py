"""The perturbation check (`grader perturb`) sees a number that moves, and only that.

It is tried both ways on a real kernel: a tiny training that prints its weights at full
precision moves when oneDNN's matrix products stand in for Eigen's (as on another CPU),
and the same figure at the precision its spread supports does not. The whole check over
every lesson is `make perturb`; `make test` plays one perturbation (OTHER_CPU) on every
French notebook in nbval's own kernel (conftest.py).
"""

from __future__ import annotations

import platform
from pathlib import Path

import nbformat
import pytest

from grader.perturb import (
    OTHER_CPU,
    PERTURBATIONS,
    _cpu_flags,
    applicable,
    check,
    compare,
    nbval_kernel_env,
    playable,
    run_notebook,
)

TRAINING = """\
import coursetools as ct
ct.setup("en")
import keras
import numpy as np
x, y, _, _ = ct.load_digits_split(n_train=256, n_val=1)
ct.reseed()
model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(64, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=3, batch_size=64, shuffle=False, verbose=0)
sums = [float(np.abs(w).sum()) for w in model.get_weights()]  # kernels and biases
"""


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def _stored(tmp_path: Path, nb: nbformat.NotebookNode) -> Path:
    """``nb`` executed as the build does (KERNEL_ENV only), written like a lesson."""
    path = tmp_path / "lesson.ipynb"
    nbformat.write(nb, path)
    nbformat.write(run_notebook(path, {}), path)
    return path


def test_compare_names_the_cell_and_the_numbers_that_moved():
    stored = _notebook("print(1)", "print(2)")
    stored.cells.insert(1, nbformat.v4.new_markdown_cell("text"))
    stored.cells[0].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a 0.196 b 7\n")
    ]
    stored.cells[2].outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "0.5", "image/png": "AAA"})
    ]
    same = nbformat.from_dict(stored)
    assert compare(stored, same) == []
    moved = nbformat.from_dict(stored)
    moved.cells[0].outputs[0].text = "a 0.320 b 7\n"
    moved.cells[2].outputs[0].data["image/png"] = "BBB"  # pixels: nbval does not compare them
    differences = compare(stored, moved)
    assert [(d.cell, d.key, d.numbers) for d in differences] == [
        (0, "stdout", [(0, "0.196", "0.320")])
    ]
    assert differences[0].describe() == "cell 0 (stdout): 0.196 -> 0.320"


@pytest.mark.skipif(platform.machine() != "x86_64", reason="oneDNN's ISA caps are x86 names")
def test_the_check_fails_on_chaotic_digits_and_passes_on_robust_ones(tmp_path):
    path = _stored(
        tmp_path,
        _notebook(TRAINING, "print([repr(s) for s in sums])", "print([round(s, 2) for s in sums])"),
    )
    outcome = check(path, "sgemm-sse41", PERTURBATIONS["sgemm-sse41"][1])
    assert not outcome.error, outcome.error
    # Cell 1 prints every bit of the weights: another matrix-product kernel moves it.
    assert [d.cell for d in outcome.differences] == [1], [d.describe() for d in outcome.differences]
    assert outcome.differences[0].numbers
    # Cell 2, rounded to what the spread supports, holds: the check is not always red.
    assert not outcome.ok


def test_settings_are_known_and_the_test_suite_plays_another_cpu_on_french_notebooks():
    assert set(applicable(["reference", "sgemm-sse41"])) == {"reference", "sgemm-sse41"}
    with pytest.raises(SystemExit):
        applicable(["no-such-setting"])
    assert nbval_kernel_env(Path("notebooks/fr/09_putting_together.ipynb")) == (
        OTHER_CPU if playable(OTHER_CPU) else {}
    )
    assert nbval_kernel_env(Path("notebooks/en/09_putting_together.ipynb")) == {}
    assert nbval_kernel_env(Path("tests/test_perturb.py")) == {}
    # A CPU that lacks what a setting names does not play it (OpenBLAS would die of an
    # illegal instruction); one that has it does.
    assert not playable({"OPENBLAS_CORETYPE": "Haswell"}) or "avx2" in _cpu_flags()
    assert playable({"COURSETOOLS_INTRA_OP_THREADS": "2"})
    # The French run really changes the rounding of TensorFlow's products.
    assert OTHER_CPU["TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL"] == "1"
