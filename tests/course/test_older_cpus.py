"""TensorFlow's matrix products do not depend on the instruction sets oneDNN finds.

nbval compares real numbers, and CI may run on another CPU than the one that
executed the notebooks. TensorFlow's matrix products go through oneDNN's sgemm,
whose kernels (so whose rounding) depend on the instruction sets it finds;
``coursetools`` switches to Eigen's kernels, fixed at compile time, and
``ONEDNN_MAX_CPU_ISA`` lets one machine play an older CPU, so both runs happen here.
This is not the whole answer: Eigen still splits its sums by the CPU's cache sizes,
and an AMD CPU moved lesson 9 all the same. Printed numbers hold because they are
printed at a precision their spread supports (docs/guide/en/authors.md, Determinism), which
``grader perturb`` and tests/course/test_perturbation_check.py check.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parents[2] / "notebooks" / "src"

# A few steps of a dense and a convolutional network; prints a digest of the weights.
SCRIPT = """
import hashlib
import coursetools as ct
ct.setup("en")
import keras
import numpy as np
x, y, _, _ = ct.load_digits_images(n_train=128, n_val=1)
model = keras.Sequential([
    keras.Input((8, 8, 1)),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=2, batch_size=32, shuffle=False, verbose=0)
digest = hashlib.sha256()
for weight in model.get_weights():
    digest.update(np.ascontiguousarray(weight).tobytes())
print(digest.hexdigest())
"""


def _has_avx2() -> bool:
    try:
        return " avx2" in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def _digests(isas: list[str], extra_env: dict[str, str]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL"}
    env |= {"PYTHONPATH": str(HELPERS), **extra_env}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT],
            env={**env, "ONEDNN_MAX_CPU_ISA": isa},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for isa in isas
    ]
    out = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr[-2000:]
        out.append(stdout.strip().splitlines()[-1])
    return out


@pytest.mark.perturb  # four TensorFlow processes: `make perturb`, with the whole check
@pytest.mark.skipif(not _has_avx2(), reason="needs a CPU with AVX2 to play an older one")
def test_training_gives_the_same_weights_on_an_older_cpu():
    with_coursetools = _digests(["SSE41", "AVX2"], {})
    assert with_coursetools[0] == with_coursetools[1], "coursetools' setting no longer holds"
    # The other way: with oneDNN's kernels, the two CPUs give other weights (what the
    # setting prevents), so the equality above is not an accident of this model.
    with_onednn = _digests(["SSE41", "AVX2"], {"TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL": "1"})
    assert with_onednn[0] != with_onednn[1]


def test_students_and_graders_run_tensorflow_alike():
    # A student's kernel gets its settings from coursetools; the build's, the checks' and
    # the sandbox's from KERNEL_ENV. Stored outputs hold only if both agree on TensorFlow's.
    import ast

    from grader.kernel_env import KERNEL_ENV
    from grader.sandbox.kernel import FORWARDED_ENV

    tree = ast.parse((HELPERS / "coursetools.py").read_text())
    student = {
        call.args[0].value: call.args[1].value
        for call in ast.walk(tree)
        if isinstance(call, ast.Call) and ast.unparse(call.func) == "os.environ.setdefault"
    }
    tensorflow = {k: v for k, v in student.items() if k.startswith(("TF_", "TENSORFLOW_"))}
    assert "TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL" in tensorflow
    assert tensorflow == {k: v for k, v in KERNEL_ENV.items() if k in tensorflow}
    assert set(student) | set(KERNEL_ENV) <= FORWARDED_ENV
