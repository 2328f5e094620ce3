"""The kernel's integrity guard, started inside the sandbox in place of ipykernel_launcher.

Why: nbgrader takes a test cell's points from what the student's own kernel
reports, after the student's code ran in that kernel. Patching a builtin or a
library function, an IPython input transformer, an event hook or a custom
exception handler, a forged reply: any of them turns a failing test into a pass.

How: before any student code runs, this module imports what the tests use and
snapshots the identity of every module's callables, classes and keyword defaults,
the builtins, and IPython's execution machinery (transformers, AST transformers,
event hooks, exception handlers), plus signal handlers; then it installs two audit
hooks, which Python code cannot remove:

- the refusal hook raises into student code on the primitives that reach below
  Python's object model or outside the kernel: ctypes, tracing and profiling, new
  audit hooks, garbage-collector introspection, ``/proc/*/mem``, new threads,
  ``fork``, ``exec`` and subprocesses, sockets, reassigning a function's code or
  defaults. It holds nothing worth stealing;
- the verdict hook (:class:`Guard`) runs a test cell when the grader asks (audit
  event ``grader.guard``): it restores the pristine state, gives the names the
  instructor's cells imported their real modules back, executes the test's source
  with the interpreter's own ``compile`` and ``exec`` (no IPython transformer, hook
  or exception handler takes part) in a fresh thread, compares the state again, and
  writes the verdict, signed with an HMAC key, as one JSON line on a FIFO opened
  (and unlinked) before any student code ran. It never raises into its caller, and
  no student code runs in its thread while it works (garbage collection is off and
  whatever it replaces is kept alive), so no frame leads a student to its key.

The grader trusts a test's verdict from that signed line only: a missing, forged
or mismatching line means the kernel was tampered with. The key is read from a
file that is deleted at once, and the process is made non-dumpable. The README's
security model lists what this cannot see.

This file runs inside the sandbox and
imports nothing from the grader package.
"""

from __future__ import annotations

import builtins
import ctypes
import gc
import hashlib
import hmac
import json
import operator
import os
import signal
import sys
import threading
import types

PREIMPORT = (
    "numpy",
    "math",
    "json",
    "traceback",
    "warnings",
    "logging",
    "matplotlib.pyplot",
    "zmq.utils.garbage",  # imported by pyzmq's first zero-copy send of a large output
    "coursetools",
)

# Refused whenever student code could be running.
BLOCKED_EVENTS = {
    "sys.settrace",
    "sys.setprofile",
    "sys.addaudithook",
    "sys._current_frames",
    "gc.get_objects",
    "gc.get_referrers",
    "gc.get_referents",
    "_thread.start_new_thread",
    "os.fork",
    "os.forkpty",
    "os.system",
    "os.posix_spawn",
    "os.spawn",
    "os.exec",
    "subprocess.Popen",
    "pty.spawn",
}
PROC_SECRETS = {"mem", "maps", "environ", "pagemap"}
# What the kernel itself swaps while a cell runs (input forwarding, IPython's exit and
# its interrupt handler): not the student's doing, never restored or reported.
VOLATILE_BUILTINS = {"input", "raw_input", "exit", "quit"}
VOLATILE_ATTRIBUTES = {
    ("getpass", "getpass"),
    ("sys", "displayhook"),  # IPython swaps both while a cell runs
    ("sys", "excepthook"),
} | {("builtins", k) for k in VOLATILE_BUILTINS}
SIGNALS = [s for s in signal.Signals if s not in (signal.SIGKILL, signal.SIGSTOP, signal.SIGINT)]
# The lists of IPython's execution machinery that a student could extend.
HOOK_LISTS = {
    "input_transformers_post",
    "ast_transformers",
    "cleanup_transforms",
    "line_transforms",
    "token_transformers",
    "custom_exceptions",
}
PR_SET_DUMPABLE = 4

_os_write, _os_exit, _os_fstat = os.write, os._exit, os.fstat
_clock = __import__("time").perf_counter


class TamperingBlocked(ValueError):  # noqa: N818
    """Raised to code that tries a refused primitive (a ValueError, as libraries expect)."""


def _is_watched(value: object) -> bool:
    """Whatever a test may call or look into: functions (NumPy's are C dispatchers,
    not Python functions), classes, ufuncs, modules."""
    return callable(value) or isinstance(value, types.ModuleType)


def _same_items(now: object, before: list) -> bool:
    return (
        type(now) in (list, tuple)
        and len(now) == len(before)
        and all(map(operator.is_, now, before))
    )


_PROXY_GET = types.MappingProxyType.get


def _getter(mapping: dict):
    """A C-level getter of ``mapping``'s keys, always returning a tuple."""
    keys = list(mapping)
    if len(keys) == 1:
        single = operator.itemgetter(keys[0])
        return lambda namespace: (single(namespace),)
    return operator.itemgetter(*keys)


class _Snapshot:
    """Identity of everything a test's verdict depends on, taken before student code."""

    def __init__(self, shell) -> None:
        self.modules = {}
        self.functions = []
        self.classes = []
        seen: set[int] = set()
        for name, module in list(sys.modules.items()):
            namespace = getattr(module, "__dict__", None)
            if type(namespace) is not dict:
                continue
            watched = {
                k: v
                for k, v in namespace.items()
                if _is_watched(v) and (name, k) not in VOLATILE_ATTRIBUTES
            }
            self.modules[name] = (module, watched)
            for value in watched.values():
                if id(value) in seen:
                    continue
                seen.add(id(value))
                if isinstance(value, types.FunctionType):
                    self.functions.append(value)
                elif isinstance(value, type):
                    members = {k: v for k, v in vars(value).items() if callable(v)}
                    self.classes.append((value, members))
        self.module_names = list(self.modules)
        self.module_list = [module for module, _ in self.modules.values()]
        self.fast_modules = [
            (_getter(watched), module.__dict__, tuple(watched.values()), (name, (module, watched)))
            for name, (module, watched) in self.modules.items()
            if watched
        ]
        self.fast_classes = [
            (_getter(members), cls, tuple(members.values()), members)
            for cls, members in self.classes
            if members
        ]
        self.flat_dicts = [ns for _g, ns, values, _r in self.fast_modules for _ in values]
        self.flat_keys = [k for _g, _ns, _v, (_n, (_m, w)) in self.fast_modules for k in w]
        self.flat_values = [v for _g, _ns, values, _r in self.fast_modules for v in values]
        self.flat_proxies = [vars(c) for _g, c, values, _m in self.fast_classes for _ in values]
        self.flat_class_keys = [k for _g, _c, _v, members in self.fast_classes for k in members]
        self.flat_class_values = [v for _g, _c, values, _m in self.fast_classes for v in values]
        # ``__code__``, ``__defaults__`` and ``__kwdefaults__`` cannot be reassigned (the
        # audit hook refuses it), but a keyword-defaults dict can be changed in place.
        self.kwdefaults = [
            (f, kw, dict(kw)) for f in self.functions if (kw := f.__kwdefaults__) is not None
        ]
        self.builtins = {k: v for k, v in vars(builtins).items() if k not in VOLATILE_BUILTINS}
        self.objects = []
        for obj in self._key_objects(shell):
            for name in HOOK_LISTS:  # traitlets creates a default on first access only
                getattr(obj, name, None)
            for index, namespace in enumerate(self._namespaces(obj)):
                own = index == 0  # the instance __dict__; then traitlets' values
                attrs = {
                    k: v for k, v in namespace.items() if (own and callable(v)) or k in HOOK_LISTS
                }
                lists = {k: list(v) for k, v in attrs.items() if type(v) in (list, tuple)}
                self.objects.append((obj, namespace, attrs, lists, own))
        self.callbacks = {k: list(v) for k, v in shell.events.callbacks.items()}
        self.gc_callbacks = list(gc.callbacks)
        self.signals = {s: signal.getsignal(s) for s in SIGNALS}
        # What a restore replaces is kept, never freed while the guard runs: dropping the
        # last reference to a student object would run its __del__ inside the guard.
        self.graveyard: list = []

    @staticmethod
    def _namespaces(obj) -> list[dict]:
        """Where an object keeps its attributes: its __dict__, and traitlets' values."""
        found = [vars(obj)]
        traits = vars(obj).get("_trait_values")
        if type(traits) is dict:
            found.append(traits)
        return found

    @staticmethod
    def _key_objects(shell) -> list:
        objects = [shell, shell.events, shell.compile, shell.displayhook, shell.display_pub]
        objects += [shell.input_transformer_manager, shell.InteractiveTB, shell.SyntaxTB]
        kernel = getattr(shell, "kernel", None)
        if kernel is not None:
            objects += [kernel, kernel.session]
        return [o for o in objects if hasattr(o, "__dict__")]

    def differences(self, shell, restore: bool) -> list[str]:
        """What differs from the snapshot; with ``restore``, put it back as it was."""
        found: list[str] = []
        if not all(map(operator.is_, map(sys.modules.get, self.module_names), self.module_list)):
            for name, module in zip(self.module_names, self.module_list, strict=True):
                if sys.modules.get(name) is not module:
                    found.append(f"sys.modules[{name!r}] replaced")
                    if restore:
                        self.graveyard.append(sys.modules.get(name))
                        sys.modules[name] = module
        # One C-level pass over every watched entry; the slow path only on a difference.
        modules_same = all(
            map(operator.is_, map(dict.get, self.flat_dicts, self.flat_keys), self.flat_values)
        )
        classes_same = all(
            map(
                operator.is_,
                map(_PROXY_GET, self.flat_proxies, self.flat_class_keys),
                self.flat_class_values,
            )
        )
        for _getter, namespace, _values, (name, (_module, watched)) in self.fast_modules:
            if modules_same:
                break
            now = list(map(namespace.get, watched))
            for key, before, after in zip(watched, watched.values(), now, strict=True):
                if after is not before:
                    found.append(f"{name}.{key} replaced")
                    if restore:
                        self.graveyard.append(after)
                        namespace[key] = before
        for function, kwdefaults, original in self.kwdefaults:
            if len(kwdefaults) != len(original) or not all(
                map(operator.is_, map(kwdefaults.get, original), original.values())
            ):
                found.append(f"{function.__module__}.{function.__qualname__} defaults altered")
                if restore:
                    self.graveyard.append(dict(kwdefaults))
                    kwdefaults.clear()
                    kwdefaults.update(original)
        for _getter, cls, _values, members in self.fast_classes:
            if classes_same:
                break
            namespace = vars(cls)
            for key, before in members.items():
                if namespace.get(key) is not before:
                    found.append(f"{cls.__module__}.{cls.__qualname__}.{key} replaced")
                    if restore:
                        self.graveyard.append(namespace.get(key))
                        type.__setattr__(cls, key, before)
        current = vars(builtins)
        for key, before in self.builtins.items():
            if current.get(key) is not before:
                found.append(f"builtins.{key} replaced")
                if restore:
                    self.graveyard.append(current.get(key))
                    current[key] = before
        for obj, namespace, attrs, lists, own in self.objects:
            label = type(obj).__name__
            for key, before in attrs.items():
                if namespace.get(key) is not before:
                    found.append(f"{label}.{key} replaced")
                    if restore:
                        self.graveyard.append(namespace.get(key))
                        namespace[key] = before
            for key, items in lists.items():
                if not _same_items(namespace.get(key), items):
                    found.append(f"{label}.{key} changed")
                    if restore:  # the original object, with its original items
                        original = attrs[key]
                        self.graveyard += [namespace.get(key), list(original)]
                        if type(original) is list:
                            original[:] = items
                        namespace[key] = original
            for key, value in list(namespace.items()) if own else ():
                # an instance attribute that shadows a method of its class, like a
                # replaced ``shell.run_cell``; the kernel's own bookkeeping is left alone
                method = getattr(type(obj), key, None)
                if key not in attrs and callable(value) and isinstance(method, types.FunctionType):
                    found.append(f"{label}.{key} added")
                    if restore:
                        self.graveyard.append(namespace.pop(key))
        callbacks = shell.events.callbacks
        for event, items in self.callbacks.items():
            if not _same_items(callbacks.get(event), items):
                found.append(f"IPython event hook {event!r} changed")
                if restore:
                    self.graveyard.append(callbacks.get(event))
                    callbacks[event] = list(items)
        if not _same_items(gc.callbacks, self.gc_callbacks):
            found.append("gc.callbacks changed")
            if restore:
                self.graveyard.append(list(gc.callbacks))
                gc.callbacks[:] = self.gc_callbacks
        for sig, handler in self.signals.items():
            if signal.getsignal(sig) is not handler:
                found.append(f"signal handler {sig.name} changed")
                if restore:
                    self.graveyard.append(signal.signal(sig, handler))
        if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
            found.append("an interval timer is armed")
            if restore:
                signal.setitimer(signal.ITIMER_REAL, 0)
        return found


def _message(error: BaseException) -> str:
    """An exception's message, read without calling any method the student may have written."""
    args = BaseException.__getattribute__(error, "args")
    if type(args) is tuple and len(args) == 1 and type(args[0]) is str:
        return args[0][:2000]
    return ""


_TRACEBACK = BaseException.__dict__["__traceback__"]


def _execute(code: types.CodeType, namespace: dict, result: list, started) -> None:
    """Thread target: its stack holds nothing of the guard but ``result``.

    Student code in this thread can reach ``result`` through frames, so the verdict
    counts only if ``result`` ends with exactly one entry, appended here after every
    reference to a student object is dropped (no student code runs after it).
    """
    started.release()  # the thread is counted now (before any student code runs)
    del started
    outcome = None
    try:
        exec(code, namespace)
    except BaseException as error:  # every way out of a test cell is a failure
        tb = _TRACEBACK.__get__(error)
        # the test cell's own line (the first entry is this frame): tb_lineno needs no frame
        line = tb.tb_next.tb_lineno if tb is not None and tb.tb_next is not None else 0
        outcome = (type.__getattribute__(type(error), "__name__"), _message(error), line)
        _TRACEBACK.__set__(error, None)
        del error, tb
    del code, namespace
    result.append(outcome)


def refusal_hook(async_exc_address: int, protected: dict[int, object]):
    """The audit hook that refuses primitives; it raises into student code, so it holds nothing.

    Every name it uses is bound here, not looked up in a module a student can reach.
    ``protected`` maps ids to the functions of the snapshot, kept alive by it: their
    ``__code__`` and defaults are frozen, while a function created later (the student's,
    or one that a library builds on the fly, as ``namedtuple`` does) may still set its own.
    """
    blocked_events = frozenset(BLOCKED_EVENTS)
    proc_secrets, fsdecode, str_type, bytes_type = frozenset(PROC_SECRETS), os.fsdecode, str, bytes
    refused, execute, length, id = TamperingBlocked, _execute, len, builtins.id
    function_internals = frozenset({"__code__", "__defaults__", "__kwdefaults__"})

    def hook(event: str, args: tuple) -> None:
        if event in blocked_events:
            if event == "_thread.start_new_thread" and args[0] is execute:
                return  # the guard's own test thread
            raise refused("not allowed while grading: " + event)
        if event[:7] == "ctypes.":
            if event == "ctypes.call_function" and args[0] == async_exc_address:
                return  # the guard interrupting a test that overran its time
            raise refused("not allowed while grading: " + event)
        if event == "object.__setattr__" and length(args) > 1 and args[1] in function_internals:
            if protected.get(id(args[0])) is args[0]:
                raise refused("not allowed while grading: assigning " + args[1])
        if event == "open" and args and type(args[0]) in (str_type, bytes_type):
            path = fsdecode(args[0])
            if path[:6] == "/proc/" and path.rsplit("/", 1)[-1] in proc_secrets:
                raise refused("not allowed while grading: reading " + path)

    return hook


class Guard:
    """The verdict hook: the snapshot, the signing key and the channel to the grader.

    It answers one event, ``grader.guard``, and never raises into its caller, so no
    traceback can lead a student to it.
    """

    def __init__(self, key: bytes, channel: int, shell, running) -> None:
        self._mac = hmac.new(key, digestmod=hashlib.sha256)
        self._channel = channel
        self._channel_id = self._fd_identity(channel)
        self._shell = shell
        self._running = running
        self._snapshot = _Snapshot(shell)
        self._compile = compile
        self._start = __import__("_thread").start_new_thread
        self._count = __import__("_thread")._count
        self._lock = __import__("_thread").allocate_lock
        self._sleep = __import__("time").sleep
        self._async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
        self._async_exc.argtypes = [ctypes.c_ulong, ctypes.py_object]
        self._async_exc.restype = ctypes.c_int
        self.async_exc_address = ctypes.cast(self._async_exc, ctypes.c_void_p).value

    @staticmethod
    def _fd_identity(fd: int) -> tuple[int, int]:
        info = _os_fstat(fd)
        return info.st_dev, info.st_ino

    def __call__(self, event: str, args: tuple) -> None:
        if event != "grader.guard":
            return
        collecting = gc.isenabled()
        gc.disable()  # no student finalizer may run inside the guard
        try:
            if len(args) == 4 and args[0] == "run" and self._running.acquire(False):
                try:
                    self._run(str(args[1]), str(args[2]), str(args[3]))
                finally:
                    self._running.release()
        except BaseException as error:  # a failing guard hands no traceback to the student
            _os_write(2, f"grader guard failed: {type(error).__name__}\n".encode())
            _os_exit(71)
        if collecting:
            gc.enable()

    def protected_functions(self) -> dict[int, object]:
        """The snapshot's functions and methods, by id (the snapshot keeps them alive)."""
        found = {id(f): f for f in self._snapshot.functions}
        for _cls, members in self._snapshot.classes:
            for member in members.values():
                function = getattr(member, "__func__", member)
                if isinstance(function, types.FunctionType):
                    found[id(function)] = function
        return found

    def _emit(self, record: dict) -> None:
        """One signed JSON line to the grader; a channel that is no longer ours ends the kernel."""
        text = json.dumps(record, sort_keys=True)
        mac = self._mac.copy()
        mac.update(text.encode())
        data = f"{mac.hexdigest()} {text}\n".encode()
        if self._fd_identity(self._channel) != self._channel_id:
            raise OSError("guard channel replaced")
        while data:
            data = data[_os_write(self._channel, data) :]

    def _rebind(self, bindings: str) -> list[str]:
        """Give the names a test uses their real meaning in the student's namespace.

        Names the instructor's cells import get their real module or function back;
        names of builtins that the student's namespace shadows are removed from it.
        """
        restored = []
        namespace = self._shell.user_ns
        wanted = json.loads(bindings)
        for name in wanted.get("builtins", []):
            if name in self._snapshot.builtins and name in namespace:
                if namespace[name] is not self._snapshot.builtins[name]:
                    restored.append(f"builtin {name!r} shadowed")
                    self._snapshot.graveyard.append(namespace.pop(name))
        for name, (module_name, attribute) in wanted.get("modules", {}).items():
            entry = self._snapshot.modules.get(module_name)
            module = entry[0] if entry else sys.modules.get(module_name)
            if module is None:
                continue
            if attribute:
                target = entry[1].get(attribute) if entry else None
                if target is None:
                    continue
            else:
                target = module
            if name in namespace and namespace[name] is not target:
                restored.append(f"name {name!r} rebound")
                self._snapshot.graveyard.append(namespace.get(name))
                namespace[name] = target
        return restored

    def _run(self, nonce: str, source: str, bindings: str) -> None:
        """Run one test cell from the restored state; its verdict is what happens here."""
        started = _clock()
        restored = self._snapshot.differences(self._shell, restore=True)
        restored += self._rebind(bindings)
        checked = _clock()
        result: list = []
        try:
            code = self._compile(source, "<test cell>", "exec", dont_inherit=True)
        except SyntaxError as error:
            result.append(("SyntaxError", _message(error), 0))
        else:
            threads = self._count()
            ready = self._lock()
            ready.acquire()
            ident = self._start(_execute, (code, self._shell.user_ns, result, ready))
            del code
            try:  # done when the thread is gone, whatever its code did to any lock
                ready.acquire()
                while self._count() > threads:
                    self._sleep(0.001)
            except KeyboardInterrupt:  # the grader's interrupt at the cell timeout
                self._async_exc(ident, KeyboardInterrupt)
                deadline = _clock() + 10
                while self._count() > threads and _clock() < deadline:
                    self._sleep(0.01)
                result[:] = [("KeyboardInterrupt", "interrupted at the cell timeout", 0)]
        ran = _clock()
        changed = self._snapshot.differences(self._shell, restore=True)
        timing = [round(checked - started, 3), round(ran - checked, 3), round(_clock() - ran, 3)]
        if len(result) == 1:
            outcome = result[0]
        else:  # none (the thread never finished) or forged entries beside the real one
            outcome = ("GuardError", "the test ended without a single verdict", 0)
        record = {
            "nonce": nonce,
            "source_sha256": hashlib.sha256(source.encode()).hexdigest(),
            "bindings_sha256": hashlib.sha256(bindings.encode()).hexdigest(),
            "passed": outcome is None,
            "restored": restored[:50],
            "changed": changed[:50],
            "seconds": timing,  # restore, test, check
        }
        if outcome is not None:
            record["ename"], record["evalue"], record["line"] = outcome
        self._emit(record)


def _take(variable: str) -> str:
    path = os.environ.pop(variable, "")
    if not path:
        raise SystemExit(f"grader guard: {variable} not set")
    return path


def _take_optional(variable: str) -> str:
    return os.environ.pop(variable, "")


def _start_plotting() -> None:
    """Let matplotlib hook itself into IPython now, before the snapshot, not at the first plot."""
    try:
        import matplotlib.pyplot as plt

        plt.figure()
        plt.close("all")
    except ImportError:
        pass


def _fix_keras() -> None:
    """Put coursetools' Keras fix in place before the snapshot, when Keras is loaded.

    ``coursetools.setup()`` (the lesson's first cell) replaces one method of Keras (see
    ``coursetools.one_iterator_per_fit``); done only then, the snapshot would see the
    course's own cell replace a library method and report it as tampering.
    """
    coursetools = sys.modules.get("coursetools")
    if coursetools is not None and "keras" in sys.modules:
        fix = getattr(coursetools, "one_iterator_per_fit", None)
        if fix is not None:
            fix()


def main() -> None:
    with open(_take("GRADER_GUARD_KEY_FILE"), "rb") as handle:
        key = handle.read()
    os.unlink(handle.name)
    if len(key) < 32:
        raise SystemExit("grader guard: key too short")
    fifo = _take("GRADER_GUARD_CHANNEL")
    channel = os.open(fifo, os.O_WRONLY)
    os.unlink(fifo)  # nobody else can open it now
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # no other process reads this memory

    from ipykernel.kernelapp import IPKernelApp

    # parent_handle 1: no parent poller (the sandbox's init is our parent) and no banner
    app = IPKernelApp.instance(parent_handle=1)
    app.initialize(sys.argv[1:])
    sys.path.insert(0, os.getcwd())
    # the assignment's own imports (grader.preprocessors.execute.preimports)
    wanted = [name for name in _take_optional("GRADER_GUARD_PREIMPORT").split(",") if name]
    for name in (*PREIMPORT, *wanted):
        try:
            __import__(name)
        except ImportError:
            pass
    sys.path.pop(0)
    _fix_keras()
    _start_plotting()
    running = threading.RLock()
    guard = Guard(key, channel, app.shell, running)
    sys.addaudithook(guard)
    sys.addaudithook(refusal_hook(guard.async_exc_address, guard.protected_functions()))
    del key, guard, handle, running
    app.start()


if __name__ == "__main__":
    main()
