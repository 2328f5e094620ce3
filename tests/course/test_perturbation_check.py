"""The perturbation check (`grader perturb`) sees a number that moves, and only that.

It is tried both ways on a real kernel: a tiny training that prints its weights at full
precision moves when oneDNN's matrix products stand in for Eigen's (as on another CPU),
and the same figure at the precision its spread supports does not. The whole check over
every lesson is `make perturb`; `make test` plays one perturbation (OTHER_CPU) on every
French notebook in nbval's own kernel (conftest.py). `grader perturb --margin` prints four
more digits everywhere and measures how close each number comes to printing differently.
"""

from __future__ import annotations

import platform
from pathlib import Path

import nbformat
import pytest

from grader.authoring.margin import more_digits, numbers
from grader.authoring.perturb import (
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
    assert nbval_kernel_env(Path("tests/course/test_perturbation_check.py")) == {}
    # A CPU that lacks what a setting names does not play it (OpenBLAS would die of an
    # illegal instruction); one that has it does.
    assert not playable({"OPENBLAS_CORETYPE": "Haswell"}) or "avx2" in _cpu_flags()
    assert playable({"COURSETOOLS_INTRA_OP_THREADS": "2"})
    # The French run really changes the rounding of TensorFlow's products.
    assert OTHER_CPU["TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL"] == "1"


def test_more_digits_widens_every_rounding_and_only_that():
    nb = _notebook(
        'print(round(x, 3), f"{y:7.4f} {z:+.1%} {n:>4} {w:.3g}", round(k))',
        "%matplotlib inline",
    )
    more_digits(nb)
    assert nb.cells[0].source.splitlines()[0] == (
        "print(round(x, 7), f'{y:7.8f} {z:+.5%} {n:>4} {w:.3g}', round(k))"
    )
    assert "set_printoptions(precision=8)" in nb.cells[0].source
    assert nb.cells[1].source == "%matplotlib inline"  # IPython syntax is left alone


def test_margin_flags_a_number_whose_spread_reaches_its_rounding_edge(tmp_path):
    stored = _notebook("pass")
    stored.cells[0].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="0.365 0.208\n")
    ]
    path = tmp_path / "stored.ipynb"
    nbformat.write(stored, path)

    def run(text):
        nb = nbformat.from_dict(stored)
        nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        return nb

    runs = {"a": run("0.3648923 0.2080228\n"), "b": run("0.3652640 0.2080229\n")}
    found, unaligned = numbers(path, runs)
    assert unaligned == []
    tight = [n for n in found if n.tight]
    assert [(n.printed, round(n.spread, 7), round(n.margin, 7)) for n in tight] == [
        ("0.365", 0.0003717, 0.000236)
    ]
    assert not found[1].tight and found[1].margin > 100 * found[1].spread  # the other way
    # Outputs whose numbers cannot be lined up are reported, not skipped.
    _, unaligned = numbers(path, {"a": run("0.3648923\n")})
    assert unaligned == ["stored.ipynb cell 0 (stdout)"]
