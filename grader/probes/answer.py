"""The kernel's side of a probe: look up a student's name, call it, send back plain data.

Runs inside the sandbox, in the student's process, mounted read-only and imported by
the expression the grader puts in an ``execute_request``'s ``user_expressions``. It
holds nothing secret: a request says which name to read or call, with which inputs,
and never what the answer should be. A student may replace or break any of it; the
trusted side then gets a wrong or malformed reply, which is what a wrong answer gives.

A request (JSON):

- ``{"op": "get", "name": N}``: the value of the student's name ``N``;
- ``{"op": "call", "ref": R, "args": [...], "kwargs": {...}}``: call what ``R`` names;
- ``{"op": "recipe", "name": F, "args": [...], "kwargs": {...}}``: run the course's
  own helper ``coursetools.RECIPES[F]`` (the public code of a probe that needs the
  kernel, such as running a student's regularizer inside a compiled graph);

where ``R`` is ``{"name": N, "attrs": [...]}`` or ``{"handle": H, "attrs": [...]}``
(an attribute path from a student's name or from a kept object). The reply is
``{"ok": true, "value": V}`` or ``{"ok": false, "error": {"type": T, "message": M}}``;
a value that is not plain data (an instance of the student's class) stays in the
kernel as a handle.
"""

from __future__ import annotations

import json

from . import wire  # relative: inside the sandbox this package is mounted as grader_probes

MAX_MESSAGE = 2000
_handles: list = []
namespace: dict | None = None  # the names to answer from, outside IPython (the unit tests)


def _namespace() -> dict:
    if namespace is not None:
        return namespace
    from IPython import get_ipython

    return get_ipython().user_ns


def _lookup(name: str):
    """A student's name, or the NameError their own run would show."""
    space = _namespace()
    if name not in space:
        raise NameError(f"name {name!r} is not defined")
    return space[name]


def _resolve(ref: dict):
    if "handle" in ref:
        target = _handles[int(ref["handle"])]
    else:
        target = _lookup(ref["name"])
    for attr in ref.get("attrs", []):
        target = getattr(target, attr)
    return target


def _args(request: dict) -> tuple[list, dict]:
    def on_handle(number: int, _type: str):
        return _handles[number]

    args = [wire.decode(a, on_handle) for a in request.get("args", [])]
    kwargs = {k: wire.decode(v, on_handle) for k, v in request.get("kwargs", {}).items()}
    return args, kwargs


def _run(request: dict):
    op = request["op"]
    if op == "get":
        return _lookup(request["name"])
    if op == "call":
        args, kwargs = _args(request)
        return _resolve(request["ref"])(*args, **kwargs)
    if op == "recipe":
        import coursetools

        args, kwargs = _args(request)
        return coursetools.RECIPES[request["name"]](*args, **kwargs)
    raise ValueError(f"unknown probe {op!r}")


def answer(text: str) -> str:
    """The JSON reply to one request (``text``); never raises."""
    try:
        request = json.loads(text)
        value = _run(request)
        return json.dumps(
            {"ok": True, "value": wire.encode(value, _handles)},
            allow_nan=False,
            separators=(",", ":"),
        )
    except BaseException as error:  # the student's own code raised: say so, as data
        if isinstance(error, KeyboardInterrupt):
            message = "interrupted"
        else:
            try:
                message = str(error)
            except BaseException:
                message = ""
        kind = type(error).__name__ if isinstance(type(error).__name__, str) else "Error"
        return json.dumps(
            {"ok": False, "error": {"type": kind[:100], "message": message[:MAX_MESSAGE]}}
        )
