"""Helpers shipped next to every lesson notebook of the regularization course.

Students import this module but need not read it: it makes runs reproducible
(seeds, op determinism, one thread, no TensorFlow log noise), loads the
offline data sets and draws the recurring plots with labels in the
notebook's language. Every sentence it can show exists in all the course's
languages (``MESSAGES``), and ``setup(lang)`` picks one.
"""

from __future__ import annotations

import os

# Must happen before TensorFlow is imported anywhere in the kernel.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# Same numbers on every x86 CPU: TensorFlow's matrix products otherwise call oneDNN's
# sgemm, which picks its kernels by the CPU it finds (AVX, AVX2, AVX-512...). The rounding
# then differs from CPU to CPU, and a sensitive training (lesson 9's combination) ends with
# a validation accuracy of 0.26, 0.31, 0.35 or 0.50 depending on the machine. Eigen's own
# kernels are fixed when TensorFlow is compiled, and as fast at these sizes.
os.environ.setdefault("TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import warnings  # noqa: E402

import numpy as np  # noqa: E402

LANG = "en"
SEED = 0

MESSAGES = {
    "epoch": {"en": "epoch", "fr": "époque"},
    "loss": {"en": "loss", "fr": "perte"},
    "train": {"en": "training", "fr": "entraînement"},
    "val": {"en": "validation", "fr": "validation"},
    "best": {"en": "lowest validation loss", "fr": "perte de validation minimale"},
    "ready": {
        "en": "Ready: TensorFlow {tf}, Keras {keras}, seed {seed}.",
        "fr": "Prêt : TensorFlow {tf}, Keras {keras}, graine {seed}.",
    },
    "ready_numpy": {
        "en": "Ready: NumPy {numpy}, seed {seed} (this notebook does not use Keras).",
        "fr": "Prêt : NumPy {numpy}, graine {seed} (ce notebook n'utilise pas Keras).",
    },
    "not_plain": {
        "en": "Your function returned an object of type {kind}: return a number, a string, a tuple, a list, "
        "a dict or a NumPy array.",
        "fr": "Votre fonction a renvoyé un objet de type {kind} : renvoyez un nombre, une chaîne, un "
        "tuple, une liste, un dictionnaire ou un tableau NumPy.",
    },
}


def french(text: str) -> str:
    """French spacing: a narrow no-break space before ``; : ! ?`` and inside « ».

    The course's build applies the same rule to every French text of a lesson
    (``grader.preprocessors.typography``); this copy serves the messages below,
    which a student's kernel formats at run time.
    """
    import re

    text = re.sub(r"(?<=\S)[ \u00a0]([;:!?])(?![-=\[\w])", "\u202f\\1", text)
    return text.replace("« ", "«\u202f").replace(" »", "\u202f»")


def msg(key: str, **values) -> str:
    """One of ``MESSAGES`` in the language chosen by :func:`setup`."""
    text = MESSAGES[key][LANG].format(**values)
    return french(text) if LANG == "fr" else text


# Okabe and Ito's palette, readable with every common colour-vision deficiency, and a
# line style and marker per series, so no figure is read by its colours alone.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3)), (0, (8, 2)))


def setup(lang: str = "en", seed: int = SEED, keras: bool = True) -> None:
    """Make every following cell reproducible, and choose the language of helper text.

    ``keras=False`` is for notebooks without a model (the quiz): importing
    TensorFlow costs several seconds, in every kernel that runs the notebook.
    """
    global LANG, SEED
    if lang not in MESSAGES["epoch"]:
        raise ValueError(f"unknown language {lang!r}")
    LANG, SEED = lang, seed
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    import matplotlib.pyplot as plt

    np.set_printoptions(precision=4, suppress=True)
    from cycler import cycler

    plt.rcParams.update(
        {
            "figure.figsize": (6.4, 3.6),
            "figure.dpi": 80,
            "axes.grid": True,
            "axes.prop_cycle": cycler(color=PALETTE) + cycler(linestyle=LINESTYLES),
            "lines.markersize": 4,
        }
    )
    if not keras:
        import random

        random.seed(seed)
        np.random.seed(seed)
        print(msg("ready_numpy", numpy=np.__version__, seed=seed))
        return
    import tensorflow as tf

    # One thread, so a run costs one core; the course's perturbation check (`grader
    # perturb`) sets COURSETOOLS_INTRA_OP_THREADS=2 to show that no printed number depends
    # on it.
    threads = int(os.environ.get("COURSETOOLS_INTRA_OP_THREADS", "1"))
    try:  # only possible before TensorFlow's runtime starts (first call)
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:
        pass
    tf.config.experimental.enable_op_determinism()
    import keras as keras_module

    keras_module.utils.set_random_seed(seed)
    one_iterator_per_fit()
    print(msg("ready", tf=tf.__version__, keras=keras_module.__version__, seed=seed))


# The file that holds the method below, in the Keras this course pins (3.15.1): any other
# version keeps its own code (a test says so when the pin moves).
KERAS_EPOCH_ITERATOR_SHA256 = "ba9077084ee308c115688192eef1d5b9c8fe1d8786691a1692a25f3bab322188"


# An epoch replayed from memory is a copy of the training arrays: above this, each epoch
# builds its own iterator (Keras's way, minus the spare one).
REPLAY_MAX_BYTES = 256 * 2**20


def one_iterator_per_fit() -> bool:
    """Stop Keras from building tf.data iterators that it can do without.

    Why: with arrays (``fit(x, y)``), Keras 3.15's ``EpochIterator`` builds a new tf.data
    iterator at the start of each epoch of ``fit()`` and of each validation pass, and
    another one at their end that the next epoch never uses. Building one costs about
    10 ms, more than an epoch of the course's small networks, and each epoch then runs
    its shuffling and batching pipeline again.

    - Once a seed is set (``setup()`` and ``reseed()`` set it), every one of those
      iterators yields the same batches in the same order: the shuffle inside Keras's
      pipeline starts from the same seed in each. So the first epoch's batches are kept
      and replayed (``take().cache().repeat()``), through one iterator for the whole
      ``fit()`` and one for all its validation passes.
    - Without a seed, each iterator draws a new order: each epoch gets its own iterator,
      as in Keras, only without the spare one.

    Either way the numbers are the same, bit for bit (the course's tests check it).
    Datasets (``tf.data``) keep Keras's own code: there, making an iterator advances the
    seed of ``shuffle()``. So do ``steps_per_epoch``, ``steps_per_execution`` and arrays
    of more than ``REPLAY_MAX_BYTES``. Returns whether the course's version is in place.
    """
    import hashlib
    import inspect

    from keras.src import tree
    from keras.src.trainers import epoch_iterator
    from keras.src.trainers.data_adapters.array_data_adapter import ArrayDataAdapter

    cls = epoch_iterator.EpochIterator
    if getattr(cls._enumerate_iterator, "coursetools", False):
        return True
    with open(inspect.getsourcefile(epoch_iterator), "rb") as source:
        if hashlib.sha256(source.read()).hexdigest() != KERAS_EPOCH_ITERATOR_SHA256:
            return False
    import tensorflow as tf
    from tensorflow.python.eager import context

    keras_own = cls._enumerate_iterator

    def _replayable(self) -> bool:
        inputs = getattr(self.data_adapter, "_inputs", None)  # the arrays, in Keras 3.15
        flat = tree.flatten(inputs) if inputs is not None else []
        size = sum(getattr(x, "nbytes", 0) for x in flat)
        return (
            inputs is not None
            and context.global_seed() is not None
            and self.steps_per_execution == 1
            and bool(self._num_batches)
            and isinstance(getattr(self, "_distributed_dataset", None), tf.data.Dataset)
            and size <= REPLAY_MAX_BYTES
        )

    def _replayed(self):
        self.data_adapter.on_epoch_begin()
        replay = self.__dict__.get("_coursetools_replay")
        if replay is None:
            batches = self._distributed_dataset.take(self._num_batches)
            replay = self._coursetools_replay = iter(batches.cache().repeat())
        self._current_iterator, self._steps_seen, done = replay, 0, False
        try:
            for step in range(self._num_batches):
                self._steps_seen += 1
                yield step, step, replay
            done = True
        finally:
            self._current_iterator, self._steps_seen = None, 0
            if not done:  # stopped mid-epoch: the next epoch starts from the first batch
                self._coursetools_replay = None
        self.data_adapter.on_epoch_end()

    def _enumerate_iterator(self):
        if self.steps_per_epoch or not isinstance(self.data_adapter, ArrayDataAdapter):
            yield from keras_own(self)
            return
        if self.__dict__.get("_coursetools_replay") is not None or _replayable(self):
            yield from _replayed(self)  # decided once per EpochIterator, not per epoch
            return
        # Keras's method when steps_per_epoch is None, without its last `iter()`.
        self.data_adapter.on_epoch_begin()
        steps_per_epoch = self._num_batches or -1
        if steps_per_epoch > 0:
            self._current_iterator = iter(self._get_iterator())
            self._steps_seen = 0
            for step in range(0, steps_per_epoch, self.steps_per_execution):
                if self._num_batches and self._steps_seen >= self._num_batches:
                    break
                self._steps_seen += self.steps_per_execution
                yield step, step + self.steps_per_execution - 1, self._current_iterator
            if self._num_batches and self._steps_seen >= self._num_batches:
                self._current_iterator = None  # Keras builds a new one here
                self._steps_seen = 0
        else:
            iterator = iter(self._get_iterator())
            step = -self.steps_per_execution
            while True:
                step += self.steps_per_execution
                self._steps_seen = step + self.steps_per_execution
                yield step, step + self.steps_per_execution - 1, iterator
        self.data_adapter.on_epoch_end()

    _enumerate_iterator.coursetools = True
    _enumerate_iterator.keras_own = keras_own
    cls._enumerate_iterator = _enumerate_iterator
    return True


def reseed(seed: int | None = None) -> None:
    """Reset every random generator, so a cell gives the same numbers however often it runs."""
    import keras

    keras.utils.set_random_seed(SEED if seed is None else seed)


def load_digits_split(n_train: int = 1000, n_val: int = 500, seed: int = 0):
    """scikit-learn's bundled 8x8 digits (offline), scaled to [0, 1], split at random.

    Returns ``x_train, y_train, x_val, y_val`` with images flattened to 64 features
    and integer labels 0-9.
    """
    from sklearn.datasets import load_digits

    digits = load_digits()
    x = (digits.data / 16.0).astype("float32")
    y = digits.target.astype("int64")
    order = np.random.default_rng(seed).permutation(len(x))
    train, val = order[:n_train], order[n_train : n_train + n_val]
    return x[train], y[train], x[val], y[val]


def load_digits_images(n_train: int = 1000, n_val: int = 500, seed: int = 0):
    """Same split as :func:`load_digits_split`, as 8x8x1 images for convolutions."""
    x_train, y_train, x_val, y_val = load_digits_split(n_train, n_val, seed)
    return x_train.reshape(-1, 8, 8, 1), y_train, x_val.reshape(-1, 8, 8, 1), y_val


def plot_curves(histories: dict, metric: str = "loss", title: str = "", mark_best: bool = True):
    """Training (dashed) and validation (solid) curves of several Keras histories.

    ``histories`` maps a label to a ``History`` or to its ``.history`` dict. Each model
    gets its own colour and marker, so the curves are told apart without colour too.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    for index, (label, history) in enumerate(histories.items()):
        h = getattr(history, "history", history)
        style = {"color": f"C{index}", "marker": MARKERS[index % len(MARKERS)]}
        epochs = np.arange(1, len(h[metric]) + 1)
        style["markevery"] = max(1, len(epochs) // 8)
        ax.plot(epochs, h[metric], "--", label=f"{label} ({msg('train')})", **style)
        val = h.get(f"val_{metric}")
        if val is not None:
            ax.plot(epochs, val, "-", label=f"{label} ({msg('val')})", **style)
            if mark_best:
                best = int(np.argmin(val))
                ax.plot(epochs[best], val[best], "*", color=style["color"], markersize=10)
    ax.set_xlabel(msg("epoch"))
    ax.set_ylabel(msg("loss") if metric == "loss" else metric)
    if title:
        ax.set_title(title)
    ax.legend(fontsize="small")
    plt.show()


def summarize(history, digits: int = 4) -> dict:
    """Rounded figures behind a learning curve, so nbval compares numbers, not pixels.

    Fewer `digits` for convolutions: their float sums depend on the CPU's vector unit,
    so the fourth decimal of a CNN's loss can differ from one machine to another."""
    h = getattr(history, "history", history)
    val = h.get("val_loss")
    out = {"final_train_loss": round(float(h["loss"][-1]), digits)}
    if val is not None:
        best = int(np.argmin(val))
        out.update(
            best_epoch=best + 1,
            best_val_loss=round(float(val[best]), digits),
            final_val_loss=round(float(val[-1]), digits),
        )
    return out


_PLAIN_SCALARS = (bool, int, float, complex, str, bytes, type(None))
_NUMPY_SCALARS = frozenset(np.sctypeDict.values())


def plain(value):
    """A student's answer as plain data, which is what the tests compare.

    Never the student's object itself: an object of the student's own class (or a subclass
    of ``int``) can decide for itself that it equals anything, and so pass any ``==``. Only
    exact built-in types, NumPy arrays and scalars and TensorFlow tensors get through,
    converted; anything else fails the test with a message that names its type.
    """
    kind = type(value)
    if kind in _PLAIN_SCALARS:
        return value
    if kind is tuple or kind is list:
        return kind([plain(item) for item in value])
    if kind is dict:
        return {plain(key): plain(item) for key, item in dict.items(value)}
    if kind in _NUMPY_SCALARS:
        return value.item()
    if kind is np.ndarray:
        if value.dtype.kind == "O":
            return np.array([plain(item) for item in value.ravel().tolist()], dtype=object)
        return np.array(value, copy=True)
    if kind.__name__ == "EagerTensor" and kind.__module__ == "tensorflow.python.framework.ops":
        import tensorflow as tf

        if kind is type(tf.constant(0)):
            return plain(value.numpy())
    raise TypeError(msg("not_plain", kind=kind.__name__))


# -- probes: what a graded test asks of the student's kernel -----------------------------
#
# When an assignment is graded, a test cell runs outside the student's kernel, and only
# the student's names are reached inside it (the course guide for instructors, "Security model"). A few
# checks need the kernel itself, such as running a student's regularizer in a compiled
# graph: they are written here, public, as recipes. In a notebook a recipe runs where it
# is called; on the grader's side it is run in the student's kernel by name, with the
# same inputs, and its result comes back as plain data.

RECIPES: dict = {}
_RECIPE_RUNNER = None  # set by the grader while it runs a test on its own side


def recipe(function):
    """A helper that tests call and that always runs in the student's kernel."""
    import functools

    RECIPES[function.__name__] = function

    @functools.wraps(function)
    def run(*args, **kwargs):
        if _RECIPE_RUNNER is not None:
            return _RECIPE_RUNNER(function.__name__, args, kwargs)
        return function(*args, **kwargs)

    return run


def fresh_seed() -> int:
    """A seed nobody can know in advance, for the inputs of hidden tests."""
    import secrets

    return secrets.randbelow(2**31)


@recipe
def penalty(regularizer, weights, graph: bool = False) -> float:
    """What ``regularizer`` adds for ``weights``, eagerly or inside a compiled graph."""
    import tensorflow as tf

    value = tf.constant(np.asarray(weights, dtype="float32"))
    if graph:
        return float(tf.function(lambda v: regularizer(v))(value))
    return float(regularizer(value))


@recipe
def layer_penalties(regularizers: list, kernels: list) -> list:
    """``layer.losses`` of Dense layers built with these kernel regularizers and kernels.

    Each kernel is ``(inputs, units)``; the layers have no bias and start from it.
    """
    import keras

    found = []
    for regularizer, kernel in zip(regularizers, kernels, strict=True):
        kernel = np.asarray(kernel, dtype="float32")
        layer = keras.layers.Dense(kernel.shape[1], use_bias=False, kernel_regularizer=regularizer)
        layer.build((None, kernel.shape[0]))
        layer.kernel.assign(kernel)
        found.append([float(loss) for loss in layer.losses])
    return found


@recipe
def round_trip_config(regularizer) -> dict:
    """The configuration of the copy Keras makes of ``regularizer`` by (de)serializing it."""
    import keras

    kind = type(regularizer)
    copy = keras.regularizers.deserialize(
        keras.regularizers.serialize(regularizer), custom_objects={kind.__name__: kind}
    )
    return copy.get_config()


@recipe
def fit_once(regularizer) -> float:
    """The loss of one epoch of ``fit`` of a small model penalized by ``regularizer``."""
    import keras

    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(3, kernel_regularizer=regularizer)]
    )
    model.compile(keras.optimizers.SGD(0.1), loss="mse")
    history = model.fit(np.ones((8, 4), "float32"), np.zeros((8, 3), "float32"), verbose=0)
    return float(history.history["loss"][0])


@recipe
def schedule_rates(schedule, steps: list) -> dict:
    """What a learning-rate schedule is, and the rates it gives at ``steps``.

    ``is_schedule`` says whether it is one of Keras's ``LearningRateSchedule`` s; ``rates``
    is None when it is not.
    """
    import keras

    is_schedule = isinstance(schedule, keras.optimizers.schedules.LearningRateSchedule)
    rates = [float(schedule(int(step))) for step in steps] if is_schedule else None
    return {"class": type(schedule).__name__, "is_schedule": is_schedule, "rates": rates}


@recipe
def history_of(h: dict):
    """A ``History`` object holding ``h``, as ``fit`` returns it (it stays in the kernel)."""
    import keras

    history = keras.callbacks.History()
    history.history = dict(h)
    return history


@recipe
def changed_arguments(name: str, *args, **kwargs) -> list:
    """Which array arguments the notebook's function ``name`` modifies in place.

    Calls ``name(*args, **kwargs)`` where the notebook's own names live (its result is
    dropped) and gives back the positions (for ``args``) and names (for ``kwargs``) of
    the NumPy arrays that changed: ``[]`` when the function leaves its arguments alone.
    """
    from IPython import get_ipython

    namespace = get_ipython().user_ns
    if name not in namespace:
        raise NameError(f"name {name!r} is not defined")
    given = {**dict(enumerate(args)), **kwargs}
    before = {k: np.array(v, copy=True) for k, v in given.items() if type(v) is np.ndarray}
    namespace[name](*args, **kwargs)
    return [
        key
        for key, old in before.items()
        if given[key].shape != old.shape
        or not np.array_equal(given[key], old, equal_nan=old.dtype.kind in "fc")
    ]


# -- lesson 03 (weight decay) ----------------------------------------------------------


@recipe
def one_decay_step(name: str, *args, seed: int = 0, **kwargs) -> dict:
    """What one update does to each trainable variable when the data give no gradient.

    Calls the notebook's function ``name(*args, **kwargs)``, which returns a pair
    ``(model, optimizer)``; sets every trainable variable of the model to values drawn
    from ``seed`` (0.5 to 1.5 in size, either sign); then makes one update as ``fit``
    would with a data loss whose gradient is zero, so that the gradient is that of the
    model's penalties (``model.losses``) alone. Gives back ``penalty``, the sum of
    ``model.losses`` before the update, and ``ratios``: for each variable's path, the
    smallest and largest ratio (new value / old value) over its elements.
    """
    import tensorflow as tf
    from IPython import get_ipython

    namespace = get_ipython().user_ns
    if name not in namespace:
        raise NameError(f"name {name!r} is not defined")
    model, optimizer = namespace[name](*args, **kwargs)
    rng = np.random.default_rng(seed)
    variables = list(model.trainable_variables)
    for variable in variables:
        shape = tuple(variable.shape)
        values = rng.choice([-1.0, 1.0], shape) * rng.uniform(0.5, 1.5, shape)
        variable.assign(values.astype(variable.dtype))
    before = [np.array(variable, dtype="float64") for variable in variables]
    with tf.GradientTape() as tape:
        losses = list(model.losses)
        penalty = tf.add_n(losses) if losses else tf.constant(0.0)
    found = tape.gradient(penalty, variables) if losses else [None] * len(variables)
    grads = [tf.zeros_like(v) if g is None else g for g, v in zip(found, variables, strict=True)]
    optimizer.apply_gradients(zip(grads, variables, strict=True))
    ratios = {}
    for variable, old in zip(variables, before, strict=True):
        ratio = np.array(variable, dtype="float64") / old
        ratios[variable.path] = [float(ratio.min()), float(ratio.max())]
    return {"penalty": float(penalty), "ratios": ratios}


# -- lesson 06 (batch normalization) -----------------------------------------------------


@recipe
def changed_weights(name: str, model, *args, **kwargs) -> list:
    """Which variables of ``model`` the notebook's function ``name`` changes.

    Calls ``name(model, *args, **kwargs)`` where the notebook's own names live (its result
    is dropped) and gives back the paths of the model's variables, trainable or not (such
    as a batch normalization layer's moving statistics), whose values changed: ``[]`` when
    the function leaves the model as it found it.
    """
    from IPython import get_ipython

    namespace = get_ipython().user_ns
    if name not in namespace:
        raise NameError(f"name {name!r} is not defined")
    before = [np.array(v.numpy(), copy=True) for v in model.weights]
    namespace[name](model, *args, **kwargs)
    return [
        v.path
        for v, old in zip(model.weights, before, strict=False)
        if v.shape != old.shape or not np.array_equal(np.asarray(v.numpy()), old)
    ]
