"""coursetools' Keras fix (``one_iterator_per_epoch``): the same numbers, fewer iterators.

The fix replaces one method of Keras in every lesson's kernel (students', nbval's and the
sandbox's alike), so it must change nothing but the time: trained in one process with
Keras's own method and with the course's, the weights are equal bit for bit while the
course's builds half as many tf.data iterators; a ``tf.data`` input keeps Keras's code;
and a Keras whose file differs from the pinned one is left alone.
"""

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

HELPERS = Path(__file__).resolve().parents[1] / "notebooks" / "src"
sys.path.insert(0, str(HELPERS))
import coursetools as ct  # noqa: E402

SCRIPT = """
import json, unittest.mock
import coursetools as ct
ct.setup("en")
import keras, numpy as np, tensorflow as tf
from keras.src.trainers import epoch_iterator

fixed = epoch_iterator.EpochIterator._enumerate_iterator
assert fixed.coursetools, "setup() put the fix in place"
own = fixed.keras_own
built = []
from keras.src.backend.tensorflow.trainer import TFEpochIterator
get = TFEpochIterator._get_iterator
def counting(self):
    built.append(1)
    return get(self)
TFEpochIterator._get_iterator = counting

rng = np.random.default_rng(0)
x, y = rng.normal(size=(100, 6)).astype("float32"), rng.integers(0, 3, 100)
xv, yv = rng.normal(size=(40, 6)).astype("float32"), rng.integers(0, 3, 40)

def train(method, dataset=False):
    epoch_iterator.EpochIterator._enumerate_iterator = method
    built.clear()
    ct.reseed()
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile("adam", loss="sparse_categorical_crossentropy")
    if dataset:
        data = (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(100, seed=0).batch(16),)
    else:
        data = (x, y)
    kwargs = {} if dataset else {"batch_size": 16}
    model.fit(*data, validation_data=(xv, yv), epochs=4, verbose=0, **kwargs)
    weights = b"".join(np.ascontiguousarray(w).tobytes() for w in model.get_weights())
    return weights.hex(), len(built)

out = {"own": train(own), "fixed": train(fixed),
       "own_dataset": train(own, True), "fixed_dataset": train(fixed, True)}
epoch_iterator.EpochIterator._enumerate_iterator = own
with unittest.mock.patch.object(ct, "KERAS_EPOCH_ITERATOR_SHA256", "0" * 64):
    out["other_keras"] = ct.one_iterator_per_epoch()
    out["other_keras_untouched"] = epoch_iterator.EpochIterator._enumerate_iterator is own
print(json.dumps(out))
"""


def test_the_fix_is_written_for_the_pinned_keras():
    """When the Keras pin moves, this says so: check the new method, then the hash."""
    keras_dir = Path(importlib.util.find_spec("keras").submodule_search_locations[0])
    source = (keras_dir / "src" / "trainers" / "epoch_iterator.py").read_bytes()
    assert hashlib.sha256(source).hexdigest() == ct.KERAS_EPOCH_ITERATOR_SHA256


def test_same_weights_half_the_iterators_and_datasets_untouched():
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env={"PYTHONPATH": str(HELPERS), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    (own, own_built), (fixed, fixed_built) = out["own"], out["fixed"]
    assert fixed == own, "the fix changed the trained weights"
    # 4 epochs: Keras builds 2 iterators per epoch for training and 2 for validation.
    assert (own_built, fixed_built) == (16, 8)
    # a tf.data input keeps Keras's code (2 iterators per epoch; its validation arrays get
    # the fix): the shuffle's seed, which each iterator advances, gives the same weights
    assert out["fixed_dataset"][0] == out["own_dataset"][0]
    assert (out["own_dataset"][1], out["fixed_dataset"][1]) == (16, 8 + 4)
    # the two trainings differ (arrays vs dataset order): equality above is not vacuous
    assert out["own_dataset"][0] != own
    assert out["other_keras"] is False and out["other_keras_untouched"] is True
