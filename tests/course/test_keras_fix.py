"""coursetools' Keras fix (``one_iterator_per_fit``): the same numbers, fewer iterators.

The fix replaces one method of Keras in every lesson's kernel (students', nbval's and the
sandbox's alike), so it must change nothing but the time. Trained in one process with
Keras's own method and with the course's, the weights are equal bit for bit, while the
course's builds one tf.data iterator per fit() and one for its validation passes instead
of two per epoch and per pass. Both facts the fix rests on are shown: with a seed, each
new iterator yields the same batches (so the first epoch is replayed); without one, each
yields another order (so each epoch gets its own iterator, and this is taken). An epoch
stopped half way is not resumed but replayed from its first batch, as Keras would; a
``tf.data`` input keeps Keras's code; a Keras whose file differs from the pinned one is
left alone.
"""

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.tensorflow]

HELPERS = Path(__file__).resolve().parents[2] / "notebooks" / "src"
sys.path.insert(0, str(HELPERS))
import coursetools as ct  # noqa: E402

SCRIPT = """
import json, unittest.mock
import coursetools as ct
ct.setup("en")
import keras, numpy as np, tensorflow as tf
from keras.src.trainers import epoch_iterator
from keras.src.backend.tensorflow.trainer import TFEpochIterator
from tensorflow.python.data.ops import dataset_ops
from tensorflow.python.framework import config as tf_config


fixed = epoch_iterator.EpochIterator._enumerate_iterator
assert fixed.coursetools, "setup() put the fix in place"
own = fixed.keras_own
built = []
make = dataset_ops.DatasetV2.__iter__
def counting(self):
    built.append(1)
    return make(self)
dataset_ops.DatasetV2.__iter__ = counting

rng = np.random.default_rng(0)
x, y = rng.normal(size=(100, 6)).astype("float32"), rng.integers(0, 3, 100)
xv, yv = rng.normal(size=(40, 6)).astype("float32"), rng.integers(0, 3, 40)

def unseed():
    \"\"\"No seed: setup()'s op determinism refuses unseeded random ops, so it goes too.\"\"\"
    tf_config.disable_op_determinism()
    tf.random.set_seed(None)

def train(method, dataset=False, seeded=True):
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
    if not seeded:
        unseed()
    model.fit(*data, validation_data=(xv, yv), epochs=4, verbose=0, **kwargs)
    weights = b"".join(np.ascontiguousarray(w).tobytes() for w in model.get_weights())
    return weights.hex(), len(built)

def orders(method, seeded=True, stop=False, resume=False, strip=False):
    \"\"\"The first index of each batch, epoch by epoch; optionally epoch 1 stops half way.\"\"\"
    epoch_iterator.EpochIterator._enumerate_iterator = method
    ct.reseed()
    if not seeded:
        unseed()
    it = TFEpochIterator(
        x=np.arange(100, dtype="float32")[:, None], batch_size=16, shuffle=True,
        distribute_strategy=tf.distribute.get_strategy(),
    )
    if strip:  # an adapter unlike Keras 3.15's: the per-epoch iterators, no replay
        del it.data_adapter._inputs
    epochs = []
    for epoch in range(3):
        seen = []
        for _, _, iterator in it.enumerate_epoch():
            seen.append(int(np.ravel(next(iterator))[0]))
            if stop and epoch == 0 and len(seen) == 2:
                kept = it.__dict__.get("_coursetools_replay")
                break
        if stop and epoch == 0:
            it._epoch_iterator = None  # the stopped epoch's generator ends here
            if resume:  # what the fix would do if it kept the iterator
                it._coursetools_replay = kept
        epochs.append(seen)
    if strip:
        epochs.append("_coursetools_replay" in it.__dict__)
    return epochs

out = {"own": train(own), "fixed": train(fixed),
       "own_dataset": train(own, True), "fixed_dataset": train(fixed, True),
       "fixed_unseeded": train(fixed, seeded=False)[1],
       "orders_seeded": orders(own), "orders_unseeded": orders(own, seeded=False),
       "fixed_orders_unseeded": orders(fixed, seeded=False),
       "determinism": tf_config.enable_op_determinism(),
       "own_stopped": orders(own, stop=True), "fixed_stopped": orders(fixed, stop=True),
       "resumed": orders(fixed, stop=True, resume=True),
       "stripped": orders(fixed, strip=True), "replayed": orders(fixed)}
epoch_iterator.EpochIterator._enumerate_iterator = own
with unittest.mock.patch.object(ct, "KERAS_EPOCH_ITERATOR_SHA256", "0" * 64):
    out["other_keras"] = ct.one_iterator_per_fit()
    out["other_keras_untouched"] = epoch_iterator.EpochIterator._enumerate_iterator is own
print(json.dumps(out))
"""


def test_the_fix_is_written_for_the_pinned_keras():
    """When the Keras pin moves, this says so: check the new method, then the hash."""
    keras_dir = Path(importlib.util.find_spec("keras").submodule_search_locations[0])
    source = (keras_dir / "src" / "trainers" / "epoch_iterator.py").read_bytes()
    assert hashlib.sha256(source).hexdigest() == ct.KERAS_EPOCH_ITERATOR_SHA256


def test_same_weights_two_iterators_per_fit_and_datasets_untouched():
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
    # 4 epochs: Keras builds 2 iterators per epoch for training and 2 for validation; the
    # course one for the fit and one for all its validation passes
    assert (own_built, fixed_built) == (16, 2)
    # seeded, each new iterator yields the same order (the first epoch can be replayed);
    # without a seed each yields another, and the fix builds one per epoch and pass
    seeded, unseeded = out["orders_seeded"], out["orders_unseeded"]
    assert seeded[0] == seeded[1] == seeded[2], seeded
    assert unseeded[0] != unseeded[1] and unseeded[1] != unseeded[2], unseeded
    assert out["fixed_unseeded"] == 8
    fixed_unseeded = out["fixed_orders_unseeded"]
    assert fixed_unseeded[0] != fixed_unseeded[1], "not replayed without a seed"
    # an epoch stopped after 2 batches: the next starts from the first batch, as in Keras;
    # keeping the half-read iterator would have resumed where it stopped
    assert out["fixed_stopped"] == out["own_stopped"]
    assert out["own_stopped"][1] == seeded[0] and len(out["own_stopped"][0]) == 2
    assert out["resumed"][1] != out["own_stopped"][1]
    # without the arrays where Keras 3.15 keeps them: the same batches, but not replayed
    assert out["stripped"] == [*seeded, False] and out["replayed"] == seeded
    # a tf.data input keeps Keras's code (2 iterators per epoch; its validation arrays get
    # the fix): the shuffle's seed, which each iterator advances, gives the same weights
    assert out["fixed_dataset"][0] == out["own_dataset"][0]
    assert (out["own_dataset"][1], out["fixed_dataset"][1]) == (16, 8 + 1)
    # the two trainings differ (arrays vs dataset order): equality above is not vacuous
    assert out["own_dataset"][0] != own
    assert out["other_keras"] is False and out["other_keras_untouched"] is True
