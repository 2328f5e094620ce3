"""Plain data across the sandbox's wall: what a probe's request and reply may carry.

Both sides import this file (the kernel's copy is mounted read-only in the sandbox),
but they trust it differently. The student's kernel :func:`encode` s whatever a
student's code returns: it runs in the student's process, so it may lie, and that
changes nothing, since a lie is only data. The trusted side :func:`decode` s a reply
with nothing but JSON, NumPy's ``.npy`` reader without pickle, and Keras with
``safe_mode`` on a configuration checked first: no object of the student's is ever
made, compared, hashed or called outside the sandbox.

The format is JSON. Plain values are themselves (``None``, ``bool``, ``int``,
``str``, finite ``float``, lists); the rest is a one-key object whose key starts
with ``$``: ``$float`` (nan, inf), ``$tuple``, ``$dict`` (key-value pairs, so keys
need not be strings), ``$npy`` (base64 of an ``.npy`` file), ``$keras`` (a model's
configuration and weights), ``$callback`` (one of a few Keras callbacks, by its
arguments), ``$rng`` (a NumPy generator's state, sent to the kernel only) and
``$handle`` (an object that stays in the kernel, known by a number).
"""

from __future__ import annotations

import base64
import io
import json
import math

import numpy as np

MAX_DEPTH = 32
MAX_ITEMS = 1_000_000  # list items, dict pairs and array elements, in one reply
MAX_ARRAY_ELEMENTS = 16_000_000
MAX_MODEL_WEIGHTS = 5_000_000  # elements in a returned Keras model
ARRAY_KINDS = "biuf"  # bool, integers, floats: never object, void or strings
MAX_TEXT = 1_000_000  # characters of one string


class WireError(ValueError):
    """A value that cannot cross: said to the student, in English (the log's language)."""


# -- the kernel's side: anything to plain data ---------------------------------------------


def _npy(array: np.ndarray) -> dict:
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return {"$npy": base64.b64encode(buffer.getvalue()).decode("ascii")}


def _float(value: float) -> float | dict:
    return value if math.isfinite(value) else {"$float": repr(value)}


CALLBACK_ARGS = {
    "EarlyStopping": (
        "monitor",
        "min_delta",
        "patience",
        "mode",
        "baseline",
        "restore_best_weights",
        "start_from_epoch",
    ),
    "ReduceLROnPlateau": ("monitor", "factor", "patience", "mode", "min_delta", "cooldown"),
}


def encode(value, handles=None, depth: int = 0):
    """``value`` as JSON-ready plain data.

    ``handles`` (the kernel's table of objects it keeps) receives what cannot be
    sent; without it such a value is an error.
    """
    if depth > MAX_DEPTH:
        raise WireError("the value is nested too deeply")
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return _float(value)
    if isinstance(value, np.generic) and value.dtype.kind in ARRAY_KINDS:
        item = value.item()
        return _float(item) if type(item) is float else item
    if kind is list:
        return [encode(v, handles, depth + 1) for v in value]
    if kind is tuple:
        return {"$tuple": [encode(v, handles, depth + 1) for v in value]}
    if kind is dict:
        pairs = [
            [encode(k, handles, depth + 1), encode(v, handles, depth + 1)] for k, v in value.items()
        ]
        return {"$dict": pairs}
    if isinstance(value, np.random.Generator):
        return {"$rng": value.bit_generator.state}
    handle = getattr(kind, "wire_handle", None)  # the trusted side's stand-in of a kept object
    if type(handle) is property:
        return {"$handle": value.wire_handle}
    module = kind.__module__ or ""
    if module.startswith(("keras", "tensorflow")):
        found = _encode_keras(value)
        if found is not None:
            return found
    if kind is np.ndarray or hasattr(value, "__array__"):
        array = np.asarray(value)
        if array.dtype.kind in ARRAY_KINDS:
            return _npy(array)
        if handles is None:
            raise WireError(f"an array of {array.dtype} cannot be sent")
    if handles is not None:
        handles.append(value)
        return {"$handle": len(handles) - 1, "type": kind.__name__[:100]}
    raise WireError(f"a {kind.__name__} cannot be sent")


def _encode_keras(value):
    import keras

    if isinstance(value, keras.Model):
        weights = [_npy(np.asarray(w)) for w in value.get_weights()]
        return {
            "$keras": {"config": keras.saving.serialize_keras_object(value), "weights": weights}
        }
    if isinstance(value, keras.callbacks.Callback) and type(value).__name__ in CALLBACK_ARGS:
        name = type(value).__name__
        args = {}
        for arg in CALLBACK_ARGS[name]:
            found = getattr(value, arg, None)
            if arg == "mode" and found is None:
                found = "auto"
            if arg == "min_delta" and found is not None:
                found = abs(float(found))
            args[arg] = encode(found.item() if isinstance(found, np.generic) else found)
        return {"$callback": {"class": name, "args": args}}
    return None


def dumps(value, handles=None) -> str:
    return json.dumps(encode(value, handles), allow_nan=False, separators=(",", ":"))


# -- the trusted side: plain data back, with limits ---------------------------------------


class _Budget:
    def __init__(self) -> None:
        self.items = 0

    def spend(self, n: int) -> None:
        self.items += n
        if self.items > MAX_ITEMS:
            raise WireError("the value has too many items")


def decode(data, on_handle=None, budget: _Budget | None = None, depth: int = 0):
    """Plain Python and NumPy values from ``data`` (already parsed JSON), or WireError.

    ``on_handle(number, type_name)`` makes a stand-in for an object left in the
    kernel; without it a handle is an error.
    """
    budget = budget or _Budget()
    if depth > MAX_DEPTH:
        raise WireError("the value is nested too deeply")
    kind = type(data)
    if data is None or kind in (bool, int, float):
        return data
    if kind is str:
        if len(data) > MAX_TEXT:
            raise WireError("a string is too long")
        return data
    if kind is list:
        budget.spend(len(data))
        return [decode(v, on_handle, budget, depth + 1) for v in data]
    if kind is not dict or len(data) not in (1, 2):
        raise WireError("malformed value")
    tag = next(iter(data))
    body = data[tag]
    if tag == "$float" and body in ("nan", "inf", "-inf"):
        return float(body)
    if tag == "$tuple" and type(body) is list:
        budget.spend(len(body))
        return tuple(decode(v, on_handle, budget, depth + 1) for v in body)
    if tag == "$dict" and type(body) is list:
        budget.spend(len(body))
        out = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2:
                raise WireError("malformed dict")
            key = decode(pair[0], None, budget, depth + 1)
            if type(key) not in (str, int, float, bool, type(None)):
                raise WireError("a dict key must be a string or a number")
            out[key] = decode(pair[1], on_handle, budget, depth + 1)
        return out
    if tag == "$npy" and type(body) is str:
        array = load_npy(body)
        budget.spend(array.size)
        return array
    if tag == "$keras" and type(body) is dict:
        return load_model(body)
    if tag == "$callback" and type(body) is dict:
        return load_callback(body)
    if tag == "$rng" and type(body) is dict:
        return load_rng(body)
    if tag == "$handle" and type(body) is int and on_handle is not None:
        name = data.get("type")
        return on_handle(body, name if type(name) is str else "object")
    raise WireError("malformed value")


def load_npy(text: str) -> np.ndarray:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
        array = np.load(io.BytesIO(raw), allow_pickle=False)
    except (ValueError, OSError, EOFError) as error:
        raise WireError(f"not a plain array ({str(error)[:200]})") from None
    if type(array) is not np.ndarray or array.dtype.kind not in ARRAY_KINDS:
        raise WireError("only arrays of numbers or booleans can be sent")
    if array.ndim > 8 or array.size > MAX_ARRAY_ELEMENTS:
        raise WireError("the array is too large")
    return array


def load_rng(state: dict) -> np.random.Generator:
    if state.get("bit_generator") != "PCG64":
        raise WireError("only PCG64 generators can be sent")
    generator = np.random.default_rng()
    generator.bit_generator.state = state
    return generator


# Keras classes a returned model may use: the layers, regularizers, initializers,
# constraints and dtype policies of Keras itself, none that runs code it is given.
KERAS_MODULES = {
    "keras",
    "keras.layers",
    "keras.regularizers",
    "keras.initializers",
    "keras.constraints",
    "keras.activations",
    "keras.src.models.functional",
    "keras.src.models.sequential",
}
REFUSED_CLASSES = {"Lambda", "TFSMLayer", "TorchModuleWrapper", "JaxLayer", "FlaxLayer"}


def check_keras_config(config, depth: int = 0) -> None:
    """Refuse a configuration that names anything but Keras's own modelling classes."""
    if depth > 64:
        raise WireError("the model's configuration is nested too deeply")
    if type(config) is list:
        for item in config:
            check_keras_config(item, depth + 1)
        return
    if type(config) is not dict:
        return
    if "class_name" in config:
        name, module = config.get("class_name"), config.get("module")
        if name in REFUSED_CLASSES or name == "__lambda__" or config.get("registered_name"):
            raise WireError(f"a model with a {str(name)[:60]} layer cannot be graded")
        if module is not None and module not in KERAS_MODULES and module != "builtins":
            raise WireError(f"a model may only use Keras's own classes, not {str(module)[:60]}")
        if module == "builtins" and name != "function":
            raise WireError("a model may only use Keras's own classes")
    for key, value in config.items():
        if key == "function" and type(value) is not str:
            raise WireError("a model may only use Keras's own functions")
        check_keras_config(value, depth + 1)


def load_model(body: dict):
    """A Keras model rebuilt from its configuration, on the trusted side, with its weights."""
    import keras

    config, weights = body.get("config"), body.get("weights")
    if type(config) is not dict or type(weights) is not list:
        raise WireError("malformed model")
    check_keras_config(config)
    arrays = [load_npy(w.get("$npy", "")) if type(w) is dict else None for w in weights]
    if any(a is None for a in arrays) or sum(a.size for a in arrays) > MAX_MODEL_WEIGHTS:
        raise WireError("the model's weights are malformed or too large")
    try:
        with keras.saving.custom_object_scope({}):
            model = keras.saving.deserialize_keras_object(config, safe_mode=True)
        if not isinstance(model, keras.Model):
            raise WireError("not a Keras model")
        if model.count_params() > MAX_MODEL_WEIGHTS:
            raise WireError("the model is too large")
        model.set_weights(arrays)
    except WireError:
        raise
    except Exception as error:  # Keras's own refusals and mismatches
        raise WireError(f"the model could not be rebuilt: {str(error)[:300]}") from None
    return model


def load_callback(body: dict):
    import keras

    name, args = body.get("class"), body.get("args")
    if name not in CALLBACK_ARGS or type(args) is not dict or set(args) - set(CALLBACK_ARGS[name]):
        raise WireError("only EarlyStopping and ReduceLROnPlateau callbacks can be sent")
    clean = {k: decode(v) for k, v in args.items() if v is not None}
    if any(type(v) not in (str, int, float, bool) for v in clean.values()):
        raise WireError("malformed callback")
    try:
        return getattr(keras.callbacks, name)(**clean)
    except Exception as error:
        raise WireError(f"the callback could not be rebuilt: {str(error)[:200]}") from None


def loads(text: str, on_handle=None, max_bytes: int = 64 * 2**20):
    if type(text) is not str or len(text) > max_bytes:
        raise WireError("the reply is too large")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise WireError("the reply is not valid JSON") from None
    return decode(data, on_handle)


def _refuse_constant(name: str):
    raise WireError(f"{name} is not JSON")
