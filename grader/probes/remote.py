"""The trusted side: run a test cell's source outside the sandbox, with probes for names.

A graded test is written once, in the lesson's source, as ordinary Python that calls
the student's names. In the student's kernel (their own run, nbval, Validate) it
runs as it reads. When grading, :func:`run_test` runs the same source here, in the
grading worker, a process that never runs student code: every name the instructor's
solution cells define is bound to a stand-in that sends a probe to the kernel
(:mod:`.answer`) and gives back the decoded reply (:mod:`.wire`), and everything else
the test uses (NumPy, Keras, the course's helper module, the hidden tests' inputs and
expected values) lives here only. The kernel sees which name is called with which
inputs, never a test's source, an expected value or a verdict.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import hashlib
import importlib
import importlib.util
import io
import json
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import wire  # relative: the package is also mounted as grader_probes


class ProbeFailed(BaseException):  # noqa: N818
    """The kernel gave no usable reply (stopped, timed out, malformed).

    A ``BaseException``, so that a test's own ``except Exception`` cannot turn a kernel
    that stopped answering into a passed check.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


class StudentError(Exception):
    """The student's code raised in the kernel; its type and message are the student's."""

    def __init__(self, kind: str, message: str, what: str) -> None:
        super().__init__(f"{what}: {kind}: {message}" if message else f"{what}: {kind}")
        self.kind, self.message, self.what = kind, message, what


Send = Callable[[str], str]  # one request's JSON to its reply's JSON (or ProbeFailed)


class Session:
    """The probes of one notebook's grading, over ``send``; counts what crossed."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.sent: list[str] = []  # every request, for the log and the tests
        self.received_bytes = 0

    def request(self, request: dict, what: str):
        text = json.dumps(request, allow_nan=False, separators=(",", ":"))
        self.sent.append(text)
        reply = self._send(text)
        self.received_bytes += len(reply)
        try:
            data = json.loads(reply)
        except (ValueError, RecursionError):
            raise ProbeFailed("malformed") from None
        if type(data) is not dict or type(data.get("ok")) is not bool:
            raise ProbeFailed("malformed")
        if not data["ok"]:
            error = data.get("error")
            if type(error) is not dict:
                raise ProbeFailed("malformed")
            kind, message = error.get("type"), error.get("message")
            kind = kind[:100] if type(kind) is str else "Error"
            message = message[:2000] if type(message) is str else ""
            raise StudentError(kind, message, what)
        try:
            return wire.decode(data.get("value"), self._handle)
        except wire.WireError as error:
            raise StudentError("WireError", str(error), what) from None

    def _handle(self, number: int, kind: str) -> RemoteObject:
        return RemoteObject(self, {"handle": number}, kind)

    def encode_args(self, args: tuple, kwargs: dict) -> dict:
        try:
            return {
                "args": [wire.encode(a) for a in args],
                "kwargs": {str(k): wire.encode(v) for k, v in kwargs.items()},
            }
        except wire.WireError as error:  # the test's own inputs: a bug of the course
            raise TypeError(f"a test input cannot be sent to the kernel: {error}") from None

    def get(self, name: str):
        return self.request({"op": "get", "name": name}, name)

    def recipe(self, name: str, args: tuple, kwargs: dict):
        return self.request({"op": "recipe", "name": name, **self.encode_args(args, kwargs)}, name)


class RemoteObject:
    """A student's name, or an object their code made, that stays in the kernel.

    Calling it, or calling one of its attributes, is a probe; nothing else is
    defined on it (it compares, hashes and prints as a stand-in), so a test that
    expects plain data fails on it with a message that names its type.
    """

    def __init__(self, session: Session, ref: dict, kind: str = "function") -> None:
        self._session, self._ref, self._kind = session, ref, kind

    @property
    def wire_handle(self) -> int:
        if "handle" not in self._ref or self._ref.get("attrs"):
            raise wire.WireError("only an object the student's code made can be sent back")
        return self._ref["handle"]

    def _what(self) -> str:
        base = self._ref.get("name") or self._kind
        return ".".join([base, *self._ref.get("attrs", [])])

    def __call__(self, *args, **kwargs):
        request = {"op": "call", "ref": self._ref, **self._session.encode_args(args, kwargs)}
        return self._session.request(request, self._what())

    def __getattr__(self, attr: str) -> RemoteObject:
        if attr.startswith("__"):
            raise AttributeError(attr)
        ref = {**self._ref, "attrs": [*self._ref.get("attrs", []), attr]}
        return RemoteObject(self._session, ref, self._kind)

    def __repr__(self) -> str:
        return f"<{self._kind} in the student's kernel>"


# -- what a test may use, from the instructor's notebook --------------------------------


def is_solution(cell) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def student_names(nb) -> dict[str, str]:
    """Names the solution cells define at top level: ``def`` and ``class`` are called,
    assignments are read."""
    names: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or not is_solution(cell):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names[node.name] = "call"
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    for leaf in ast.walk(target):
                        if isinstance(leaf, ast.Name):
                            names[leaf.id] = "value"
    return names


def free_names(source: str) -> set[str]:
    """Names a test reads that it does not bind itself (nor Python's builtins)."""
    tree = ast.parse(source)
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (bound if isinstance(node.ctx, ast.Store | ast.Del) else read).add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Lambda):
            if not isinstance(node, ast.Lambda):
                bound.add(node.name)
            bound.update(a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg))
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.comprehension):
            for leaf in ast.walk(node.target):
                if isinstance(leaf, ast.Name):
                    bound.add(leaf.id)
    return read - bound - set(dir(builtins))


def unresolved(source: str, bindings: dict, names: dict[str, str]) -> set[str]:
    """What a test uses that the trusted side cannot give it (computed in the kernel)."""
    return free_names(source) - set(bindings) - set(names)


# -- the trusted helper module -----------------------------------------------------------

_HELPERS: dict[str, object] = {}
_HELPER_LOCK = threading.Lock()


def trusted_helpers(path: Path, keras: bool):
    """The instructor's copy of ``coursetools``, imported once per process and version.

    Imported under a name of its own, never from the submission's folder, and keyed by its
    content (a Dask worker grades each submission in a scratch copy of the course); set up
    like a lesson's kernel (seeds, op determinism, one thread) the first time a test needs
    Keras.
    """
    data = Path(path).read_bytes()
    key = hashlib.sha256(data).hexdigest()
    with _HELPER_LOCK:
        module = _HELPERS.get(key)
        if module is None:
            spec = importlib.util.spec_from_loader(f"_trusted_coursetools_{key[:16]}", None)
            module = importlib.util.module_from_spec(spec)
            module.__file__ = str(path)
            exec(compile(data, str(path), "exec"), module.__dict__)  # noqa: S102 (instructor's)
            module._trusted_keras = False
            _HELPERS[key] = module
        if keras and not module._trusted_keras:
            with contextlib.redirect_stdout(io.StringIO()):
                module.setup(module.LANG)
            module._trusted_keras = True
    return module


def _import(binding: tuple[str, str | None]):
    module, attr = binding
    found = importlib.import_module(module)
    return getattr(found, attr) if attr else found


KERAS_MODULES = {"keras", "tensorflow", "sklearn"}


@dataclass
class Verdict:
    passed: bool
    ename: str = ""
    evalue: str = ""
    line: int = 0
    output: str = ""
    probe_failure: str = ""  # why the kernel gave no usable reply, when that failed the test
    probes: list[str] = field(default_factory=list)


def run_test(
    source: str,
    bindings: dict[str, tuple[str, str | None]],
    names: dict[str, str],
    session: Session,
    helpers: Path,
    lang: str,
    label: str = "test",
) -> Verdict:
    """Run one test cell's full source (hidden tests included) on the trusted side."""
    used = free_names(source)
    needs_keras = any(bindings[n][0].split(".")[0] in KERAS_MODULES for n in used & set(bindings))
    ct = trusted_helpers(helpers, keras=needs_keras)
    ct.LANG = lang
    printed = io.StringIO()

    def _print(*args, **kwargs) -> None:
        kwargs.pop("file", None)
        kwargs.pop("flush", None)
        builtins.print(*args, file=printed, **kwargs)

    space: dict = {"__builtins__": {**vars(builtins), "print": _print}, "__name__": "__test__"}
    for name in used & set(bindings):
        module, attr = bindings[name]
        space[name] = ct if module == "coursetools" and not attr else _import(bindings[name])
    verdict = Verdict(passed=True)
    filename = f"<{label}>"
    ct._RECIPE_RUNNER = session.recipe
    try:
        for name in sorted(used & set(names)):
            if names[name] == "call":
                space[name] = RemoteObject(session, {"name": name}, name)
            else:
                space[name] = session.get(name)
        exec(compile(source, filename, "exec"), space)  # noqa: S102 (the instructor's test)
    except ProbeFailed as failure:
        verdict = Verdict(False, "GradingError", failure.reason, probe_failure=failure.reason)
    except Exception as error:  # the test failed: its type and message are the verdict
        if isinstance(error, StudentError):  # as the student's own run would show it
            verdict = Verdict(False, error.kind, error.message)
        else:
            verdict = Verdict(False, type(error).__name__, str(error))
        frames = traceback.extract_tb(error.__traceback__)
        lines = [f.lineno for f in frames if f.filename == filename]
        verdict.line = lines[-1] if lines else 0
    finally:
        ct._RECIPE_RUNNER = None
    verdict.output = printed.getvalue()
    verdict.probes = list(session.sent)
    return verdict
