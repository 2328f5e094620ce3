"""The hostile and malformed submissions that ``grader autograde`` must survive.

Each case is one student's submission of a real lesson's release: the solution
everywhere, except the answer cells (or file bytes) the case replaces. A case
says which family it belongs to, which test cells must score 0 and which must
still get their points (the rest of the submission is graded), what the grading
log must say about it, and, where plain nbgrader falls for it, how that shows
(``plain``), so that tests/grading/test_hostile.py checks it both ways.

Placeholders filled by the test: ``{port}`` (a listener on 127.0.0.1), ``{canary}``
(a file outside the submission), ``{secret}`` (an environment variable's value).
"""

from __future__ import annotations

from dataclasses import dataclass, field

QUIZ, DENSE = "12_quiz", "01_overfitting"
WRONG_DENSE = """
def dense_forward(x, kernel, bias, activation):
    return np.zeros((np.shape(x)[0], np.shape(kernel)[1]))
"""


@dataclass
class Case:
    name: str
    family: str  # tampering, escaping, denial of service, malformed
    lesson: str
    cells: dict[str, str] = field(default_factory=dict)  # grade id -> answer cell source
    edit: str = ""  # a named edit of the notebook (see test_hostile.EDITS)
    raw: bytes | None = None  # the uploaded file's bytes, for malformed files
    zero: list[str] = field(default_factory=list)  # test cells that must score 0
    full: list[str] = field(default_factory=list)  # test cells that must keep their points
    note: str = ""  # must appear in the grading log for this student
    plain: str = ""  # how plain nbgrader falls for it: "points", "leak", "canary", "network"
    # nbgrader's per-cell timeout for this submission (seconds) when not the corpus's 120:
    # a test that never ends burns a core until then, so that case gets less (with the
    # short training below, lesson 1's slowest cell takes about 1 s here, and 7 s on a
    # machine 7 times slower with the other core busy)
    timeout: int = 0


# Writes 60 MiB files until the folder is full, at most 12 (720 MiB); prints how much.
FILL = """written = 0
try:
    for i in range(12):
        with open(f"{folder}/fill{{i}}", "wb") as f:
            f.write(b"\\1" * 60 * 2**20)
        written += 60
except OSError as error:
    print("stopped:", error)
print("{folder} MiB:", written)
"""

# Lesson 1's attacks target its exercises, not its training: each submission of it trains
# its three networks for 2 epochs instead of 40 (a cell students may edit, which nbgrader
# keeps), so that each case costs a kernel start, not a training.
SHORT_TRAINING = ("def train(hidden_units, epochs=40,", "def train(hidden_units, epochs=2,")


# Replaces the kernel's answering side (public: grader/probes/answer.py) with ``reply``,
# a function of the request's text that returns the reply's text.
FORGE = """import grader_probes.answer as _answering
import json, base64, io
{setup}
def _forged(text):
{body}
_answering.answer = _forged
"""


def forge(body: str, setup: str = "", answer: str = 'q01 = "a"\n') -> dict[str, str]:
    code = FORGE.format(setup=setup, body="\n".join("    " + line for line in body.splitlines()))
    return {"q01": answer + code}


# A pickle that removes the canary when unpickled: what the grader would run if it ever
# loaded a reply with pickle.
PICKLE = """import numpy, os
class _Evil:
    def __reduce__(self):
        return (os.remove, ("{canary}",))
_buffer = io.BytesIO()
numpy.save(_buffer, numpy.array([_Evil()], dtype=object), allow_pickle=True)
_PAYLOAD = base64.b64encode(_buffer.getvalue()).decode()
"""

LAMBDA_MODEL = {
    "module": "keras",
    "class_name": "Sequential",
    "config": {
        "layers": [
            {
                "module": "keras.layers",
                "class_name": "Lambda",
                "config": {"function": {"class_name": "__lambda__", "config": {"code": "x"}}},
            }
        ]
    },
}
FOREIGN_MODEL = {"module": "os", "class_name": "system", "config": {"command": "rm {canary}"}}

# Every way I found to get code run around a probe, or to reach the caller of a probe.
PROBE_CASES = [
    Case(
        "walk_the_stack_for_the_expected_value",
        "tampering",
        DENSE,
        cells={
            "dense_forward": "import sys\n"
            "def dense_forward(x, kernel, bias, activation):\n"
            "    frame, found = sys._getframe(), []\n"
            "    while frame is not None:\n"
            "        found += [v for k, v in frame.f_locals.items()\n"
            "                  if k.startswith('_expected') or k == '_got']\n"
            "        frame = frame.f_back\n"
            "    for value in found:\n"
            "        if getattr(value, 'shape', None) == (len(x), len(kernel[0])):\n"
            "            return value\n"
            "    return np.zeros((len(x), len(kernel[0])))\n"
        },
        zero=["dense_forward_tests"],
        full=["best_epoch_tests"],
    ),
    Case(
        "answers_only_the_visible_inputs",
        "tampering",
        DENSE,
        cells={
            "dense_forward": "def dense_forward(x, kernel, bias, activation):\n"
            "    x = np.asarray(x)\n"
            "    if x.shape != (6, 5):  # not the visible test's input: a stored guess\n"
            "        return np.zeros((len(x), np.shape(kernel)[1]))\n"
            "    z = x @ kernel + (0 if bias is None else bias)\n"
            "    return {'relu': np.maximum(z, 0), 'sigmoid': 1 / (1 + np.exp(-z))}.get(\n"
            "        activation, z)\n"
        },
        zero=["dense_forward_tests"],
    ),
    Case(
        "detect_the_probe",
        "tampering",
        DENSE,
        cells={
            "dense_forward": "import sys, inspect\n"
            "def dense_forward(x, kernel, bias, activation):\n"
            "    probed = 'grader_probes' in sys.modules or any(\n"
            "        'answer' in f.filename for f in inspect.stack())\n"
            "    if probed:  # what a hidden test expects is not here to copy\n"
            "        print('probed; frames:', [f.function for f in inspect.stack()])\n"
            "    return np.zeros((len(x), np.shape(kernel)[1]))\n"
        },
        zero=["dense_forward_tests"],
    ),
    Case(
        "replace_the_namespace",
        "tampering",
        QUIZ,
        cells={
            "q01": "class _Yes(str):\n"
            "    def __eq__(self, other):\n"
            "        return True\n"
            "    __hash__ = str.__hash__\n"
            "class _Namespace(dict):\n"
            "    def __getitem__(self, key):\n"
            '        return _Yes("b")\n'
            "    def __contains__(self, key):\n"
            "        return True\n"
            "get_ipython().user_ns = _Namespace(get_ipython().user_ns)\n"
        },
        zero=["q01_tests", "q02_tests"],
    ),
    Case(
        "keys_that_run_code",
        "tampering",
        QUIZ,
        cells={
            "q01": 'q01 = "a"\n'
            "class _Key(str):\n"
            "    def __eq__(self, other):\n"
            '        print("compared with", other)\n'
            "        return str.__eq__(self, other)\n"
            "    __hash__ = str.__hash__\n"
            'globals()[_Key("q01")] = "a"\n'
        },
        zero=["q01_tests"],
    ),
    Case(
        "signal_handler_and_finalizers",
        "tampering",
        QUIZ,
        cells={
            "q01": 'q01 = "a"\n'
            "import gc, signal, threading, weakref, sys\n"
            "def _meddle(*args):\n"
            "    for frame in list(sys._current_frames().values()):\n"
            "        while frame is not None:\n"
            "            frame.f_locals.get('verdict') and print('found a verdict')\n"
            "            frame = frame.f_back\n"
            "signal.signal(signal.SIGALRM, _meddle)\n"
            "signal.setitimer(signal.ITIMER_REAL, 0.005, 0.005)\n"
            "gc.callbacks.append(lambda phase, info: _meddle())\n"
            "class _Dying:\n"
            "    def __del__(self):\n"
            "        _meddle()\n"
            "_cycle = _Dying(); _cycle.me = _cycle; del _cycle\n"
            "threading.excepthook = lambda args: _meddle()\n"
        },
        zero=["q01_tests"],
    ),
    Case(
        "forge_every_probe_reply",
        "tampering",
        QUIZ,
        cells=forge('return json.dumps({"ok": True, "value": True})'),
        zero=[f"q{n:02d}_tests" for n in range(1, 16)],
    ),
    Case(
        "reply_with_a_lying_string",
        "tampering",
        QUIZ,
        # the one string that would pass a comparison made by the student's own objects
        cells=forge('return json.dumps({"ok": True, "value": {"$handle": 0, "type": "str"}})'),
        zero=["q01_tests", "q02_tests"],
    ),
    Case(
        "reply_with_a_pickle",
        "tampering",
        QUIZ,
        cells=forge('return json.dumps({"ok": True, "value": {"$npy": _PAYLOAD}})', setup=PICKLE),
        zero=["q01_tests", "q02_tests"],
    ),
    Case(
        "reply_with_a_lambda_model",
        "tampering",
        QUIZ,
        cells=forge(
            'return json.dumps({"ok": True, "value": {"$keras": '
            f'{{"config": {LAMBDA_MODEL!r}, "weights": []}}}}}})'
        ),
        zero=["q01_tests", "q02_tests"],
    ),
    Case(
        "reply_with_a_foreign_class",
        "tampering",
        QUIZ,
        cells=forge(
            'return json.dumps({"ok": True, "value": {"$keras": '
            f'{{"config": {FOREIGN_MODEL!r}, "weights": []}}}}}})'
        ),
        zero=["q01_tests", "q02_tests"],
    ),
    Case(
        "reply_too_large",
        "denial of service",
        QUIZ,
        cells=forge('return json.dumps({"ok": True, "value": "b" * 55_000_000})'),
        zero=["q01_tests", "q02_tests"],
        note="no usable answer from the kernel (too large)",
    ),
    Case(
        "reply_nested_too_deeply",
        "denial of service",
        QUIZ,
        cells=forge('return \'{"ok": true, "value": \' + "[" * 200_000 + "]" * 200_000 + "}"'),
        zero=["q01_tests", "q02_tests"],
    ),
    Case(
        "reply_that_is_no_string",
        "tampering",
        QUIZ,
        cells=forge("return {'ok': True, 'value': 'b'}"),
        zero=["q01_tests", "q02_tests"],
        note="no usable answer from the kernel (malformed)",
    ),
    Case(
        "never_answer_a_probe",
        "denial of service",
        QUIZ,
        cells=forge("import time\nwhile True:\n    time.sleep(1)"),
        zero=["q01_tests"],
        note="no usable answer from the kernel (timeout)",
        timeout=8,
    ),
]


# The inside view, for the test that no secret enters the sandbox: the submission records
# every request it receives, and a last cell of its own searches the kernel's memory
# (/proc/self/mem, every readable mapping), every file it can read and its environment
# for the lines of the hidden tests, known to it only by their SHA-256 ({needles}), and
# for a control line it holds itself, so that the search is seen to find what is there.
CONTROL = "a control line that the search must find: 271828"
RECORD = """import grader_probes.answer as _answering
_REQUESTS = []
_real_answer = _answering.answer
def _recording(text):
    _REQUESTS.append(text)
    return _real_answer(text)
_answering.answer = _recording
_CONTROL = "{control}"
with open("/tmp/control.txt", "w") as _file:
    _file.write(_CONTROL + "\\n")
""".replace("{control}", CONTROL)
SCAN = r"""import hashlib, json, os, re, sys
_needles = {needles}
_runs = [
    (re.compile(rb"[\x20-\x7e]{12,}"), "ascii"),
    (re.compile(rb"(?:[\x20-\x7e]\x00){12,}"), "utf-16-le"),
    (re.compile(rb"(?:[\x20-\x7e]\x00\x00\x00){12,}"), "utf-32-le"),
]
_found = {"secret": {}, "control": {}}
def _search(blob, place):
    for pattern, encoding in _runs:
        for match in pattern.finditer(blob):
            text = match.group().decode(encoding).strip()
            kind = _needles.get(hashlib.sha256(text.encode()).hexdigest())
            if kind:
                _found[kind][place] = _found[kind].get(place, 0) + 1
_scanned = 0
with open("/proc/self/maps") as _maps, open("/proc/self/mem", "rb", 0) as _mem:
    for _line in list(_maps):
        _range, _perms = _line.split()[:2]
        if "r" not in _perms or "[vvar]" in _line or "[vsyscall]" in _line:
            continue
        _start, _end = (int(_x, 16) for _x in _range.split("-"))
        if _end - _start > 2**28:
            continue
        try:
            _mem.seek(_start)
            _blob = _mem.read(_end - _start)
        except (OSError, ValueError, OverflowError):
            continue
        _scanned += len(_blob)
        _search(_blob, "memory")
_skip = ("/proc", "/sys", "/usr", "/lib", "/bin", "/sbin", "/etc",
         os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix))
for _top, _dirs, _files in os.walk("/"):
    _dirs[:] = [d for d in _dirs if not os.path.join(_top, d).startswith(_skip)]
    for _name in _files:
        _path = os.path.join(_top, _name)
        try:
            if os.path.isfile(_path) and os.path.getsize(_path) < 2**24:
                with open(_path, "rb") as _file:
                    _search(_file.read(), "files")
        except OSError:
            pass
for _value in os.environ.values():
    _search(_value.encode(), "environ")
for _request in _REQUESTS:
    _search(_request.encode(), "requests")
print("secret scan:", json.dumps({**_found, "scanned": _scanned, "requests": len(_REQUESTS)}))
"""

CASES = [
    # -- tampering: make a failing test pass -------------------------------------------
    Case(
        "input_transformer",
        "tampering",
        QUIZ,
        cells={
            "q01": 'q01 = "a"\n'
            "def _skip(lines):\n"
            '    text = "".join(lines)\n'
            '    return ["pass\\n"] if "q01" in text and "assert" in text else lines\n'
            "get_ipython().input_transformers_post.append(_skip)\n"
        },
        zero=["q01_tests"],
        full=["q02_tests"],
        plain="points",
    ),
    Case(
        "cleanup_transformer",
        "tampering",
        QUIZ,
        cells={
            "q01": 'q01 = "a"\n'
            "def _skip(lines):\n"
            '    return ["pass\\n"] if any("q01" in line for line in lines) else lines\n'
            "get_ipython().input_transformers_cleanup.append(_skip)\n"
        },
        zero=["q01_tests"],
        full=["q02_tests"],
        plain="points",
    ),
    Case(
        "ast_transformer",
        "tampering",
        QUIZ,
        cells={
            "q01": 'q01 = "a"\n'
            "import ast\n"
            "class _NoAsserts(ast.NodeTransformer):\n"
            "    def visit_Assert(self, node):\n"
            "        return ast.Pass()\n"
            "get_ipython().ast_transformers.append(_NoAsserts())\n"
        },
        zero=["q01_tests"],
        full=["q02_tests"],
        plain="points",
    ),
    Case(
        "swallow_exceptions",
        "tampering",
        QUIZ,
        cells={
            "q01": 'q01 = "a"\n'
            "def _swallow(lines):\n"
            '    body = ["    " + line for line in lines]\n'
            '    return ["try:\\n", *body, "\\nexcept BaseException:\\n    pass\\n"]\n'
            "get_ipython().input_transformers_post.append(_swallow)\n"
        },
        zero=["q01_tests"],
        plain="points",
    ),
    Case(
        "exception_handler_and_event_hook",
        "tampering",
        QUIZ,
        cells={
            "q01": 'q01 = "a"\n'
            "_ip = get_ipython()\n"
            "_ip.set_custom_exc((AssertionError,), lambda *args, **kwargs: None)\n"
            "def _forget(result):\n"
            "    result.error_in_exec = None\n"
            '_ip.events.register("post_run_cell", _forget)\n'
        },
        zero=["q01_tests"],
        full=["q02_tests"],
        plain="points",
    ),
    Case(
        "patch_library_function",
        "tampering",
        DENSE,
        cells={"dense_forward": WRONG_DENSE + "np.allclose = lambda *args, **kwargs: True\n"},
        zero=["dense_forward_tests"],
        plain="points",
    ),
    Case(
        "patch_a_library_class",
        "tampering",
        DENSE,
        cells={
            "dense_forward": WRONG_DENSE + "import keras\n"
            "def _zeros(self, inputs, training=None):\n"
            "    return keras.ops.zeros((keras.ops.shape(inputs)[0], self.units))\n"
            "keras.layers.Dense.call = _zeros\n"
        },
        zero=["dense_forward_tests"],
        plain="points",
    ),
    Case(
        "reassign_function_internals",
        "tampering",
        QUIZ,
        cells={
            "q01": 'q01 = "b"\nimport json\n'
            'json.dumps.__code__ = (lambda obj, **kwargs: "").__code__\n'
        },
        # breaks the kernel's own messages (jupyter_client packs them with json.dumps):
        # only the student's points are lost
        zero=["q01_tests", "q02_tests"],
        note="the kernel sent messages the grader cannot read",
    ),
    Case(
        "patch_during_the_test",
        "tampering",
        DENSE,
        cells={
            "dense_forward": "def dense_forward(x, kernel, bias, activation):\n"
            "    np.allclose = lambda *args, **kwargs: True\n"
            "    return np.zeros((np.shape(x)[0], np.shape(kernel)[1]))\n"
        },
        zero=["dense_forward_tests"],
        plain="points",
    ),
    Case(
        "redefine_a_name_the_tests_use",
        "tampering",
        DENSE,
        cells={
            "dense_forward": "import numpy\n"
            "class _Lenient:\n"
            "    def __getattr__(self, name):\n"
            "        return getattr(numpy, name)\n"
            "    def allclose(self, *args, **kwargs):\n"
            "        return True\n"
            "np = _Lenient()\n"
            "def dense_forward(x, kernel, bias, activation):\n"
            "    return numpy.zeros((numpy.shape(x)[0], numpy.shape(kernel)[1]))\n"
        },
        zero=["dense_forward_tests"],
        plain="points",
    ),
    Case(
        "edit_the_import_cell",
        "tampering",
        DENSE,
        cells={"dense_forward": WRONG_DENSE},
        edit="lenient_np",  # `np` is no import in the submission: only the source says so
        zero=["dense_forward_tests"],
        plain="points",
    ),
    Case(
        "patch_builtins",
        "tampering",
        DENSE,
        cells={
            "best_epoch": "import builtins\n"
            "_real_isinstance = isinstance\n"
            "def _lenient(obj, classes):\n"
            "    return True if classes == (int, np.integer) else _real_isinstance(obj, classes)\n"
            "builtins.isinstance = _lenient\n"
            "def best_epoch(val_losses):\n"
            "    return float(np.argmin(val_losses) + 1)\n"
        },
        zero=["best_epoch_tests"],
        full=["dense_forward_tests"],
        plain="points",
    ),
    Case(
        "lying_answer_object",
        "tampering",
        QUIZ,
        cells={
            "q01": "class _Yes(str):\n"
            "    def lower(self):\n"
            '        return "b"\n'
            "    def strip(self):\n"
            "        return self\n"
            'q01 = _Yes("a")\n'
        },
        zero=["q01_tests"],
        full=["q02_tests"],
    ),
    Case(
        "lying_return_value",
        "tampering",
        DENSE,
        cells={
            "best_epoch": "class _Epoch(int):\n"
            "    asked = []\n"
            "    def __eq__(self, other):\n"
            "        _Epoch.asked.append(other)\n"
            "        return other != 2 or _Epoch.asked.count(2) > 1\n"
            "    __hash__ = int.__hash__\n"
            "def best_epoch(val_losses):\n"
            "    return _Epoch(0)\n"
        },
        zero=["best_epoch_tests"],
        full=["dense_forward_tests"],
        # No ``plain``: the defence is the tests' ct.plain, which plain nbgrader runs
        # too. test_hostile.test_a_raw_comparison_falls_for_the_lying_value shows
        # the other way.
    ),
    Case(
        "shadow_a_builtin",
        "tampering",
        QUIZ,
        cells={"q01": 'q01 = "a"\ndef type(obj):\n    return str\n'},
        zero=["q01_tests"],
        full=["q02_tests"],
    ),
    Case(
        "kill_the_kernel",
        "tampering",
        QUIZ,
        cells={"q01": 'q01 = "b"\nimport os\nos._exit(0)\n'},
        zero=["q01_tests", "q02_tests"],
        note="kernel died",
    ),
    Case(
        "edit_a_test_cell",
        "tampering",
        QUIZ,
        cells={"q01": 'q01 = "a"\n', "q01_tests": "pass\n"},
        zero=["q01_tests"],
        full=["q02_tests"],
        note="test cell q01_tests was edited",
    ),
    Case(
        "edit_grading_metadata",
        "tampering",
        QUIZ,
        cells={"q01": 'q01 = "a"\n'},
        edit="metadata",
        zero=["q01_tests"],
        full=["q02_tests"],
        note="grading metadata of q01_tests was edited",
    ),
    Case(
        "delete_a_test_cell",
        "tampering",
        QUIZ,
        cells={"q01": 'q01 = "a"\n'},
        edit="delete",
        zero=["q01_tests"],
        full=["q02_tests"],
        note="test cell q01_tests is missing",
    ),
    # -- escaping: reach what is not the submission -------------------------------------
    Case(
        "read_the_instructor_source",
        "escaping",
        QUIZ,
        cells={
            "q01": 'q01 = "b"\n'
            "import glob\n"
            'for _path in glob.glob("../../../source/*/*.ipynb"):\n'
            "    print(open(_path).read())\n"
        },
        full=["q01_tests", "q02_tests"],
        plain="leak",
    ),
    Case(
        "read_the_graded_notebook",
        "escaping",
        QUIZ,
        cells={
            "q01": 'q01 = "b"\nimport glob\nfor _path in glob.glob("*.ipynb"):\n'
            "    print(open(_path).read())\n"
        },
        full=["q01_tests", "q02_tests"],
        plain="leak",
    ),
    Case(
        "rewrite_the_gradebook",
        "escaping",
        QUIZ,
        cells={
            "q01": 'q01 = "a"\n'
            "import glob, sqlite3\n"
            'for _db in glob.glob("../../../*.db"):\n'
            "    _con = sqlite3.connect(_db)\n"
            "    _con.execute(\"update student set first_name = 'pwned'\")\n"
            "    _con.commit()\n"
        },
        zero=["q01_tests"],
        plain="gradebook",
    ),
    Case(
        "delete_course_files",
        "escaping",
        QUIZ,
        cells={
            "q01": 'q01 = "b"\nimport os\ntry:\n    os.remove("{canary}")\nexcept OSError:\n'
            "    pass\n"
        },
        full=["q01_tests"],
        plain="canary",
    ),
    Case(
        "open_a_network_connection",
        "escaping",
        QUIZ,
        cells={
            "q01": 'q01 = "b"\nimport socket\ntry:\n'
            '    socket.create_connection(("127.0.0.1", {port}), 2).sendall(b"pwned")\n'
            "except Exception:\n    pass\n"
        },
        full=["q01_tests"],
        plain="network",
    ),
    Case(
        "read_the_instructors_environment",
        "escaping",
        QUIZ,
        cells={"q01": 'q01 = "b"\nimport os\nprint(dict(os.environ))\n'},
        full=["q01_tests"],
        plain="secret",
    ),
    Case(
        "read_process_memory",
        "escaping",
        QUIZ,
        cells={"q01": 'q01 = "b"\nopen("/proc/self/mem", "rb")\n'},
        full=["q01_tests", "q02_tests"],
    ),
    Case(
        "run_a_subprocess",
        "escaping",
        QUIZ,
        cells={"q01": 'q01 = "b"\nimport subprocess\nsubprocess.run(["rm", "-f", "{canary}"])\n'},
        full=["q01_tests", "q02_tests"],
        plain="canary",
    ),
    # -- denial of service: the batch goes on --------------------------------------------
    Case(
        "allocate_too_much_memory",
        "denial of service",
        QUIZ,
        cells={"q01": 'q01 = "b"\n_big = bytearray(12 * 2**30)\n'},
        full=["q01_tests", "q02_tests"],
    ),
    Case(
        "flood_the_output",
        "denial of service",
        QUIZ,
        cells={"q01": 'q01 = "b"\nfor _ in range(8):\n    print("x" * 1_000_000)\n'},
        full=["q01_tests", "q02_tests"],
        note="output beyond",
        plain="flood",
    ),
    Case(
        "fork",
        "denial of service",
        QUIZ,
        cells={"q01": 'q01 = "b"\nimport os\nif os.fork() == 0:\n    os._exit(0)\n'},
        full=["q01_tests", "q02_tests"],
    ),
    Case(
        "start_threads",
        "denial of service",
        QUIZ,
        cells={
            "q01": 'q01 = "b"\nimport threading\nthreading.Thread(target=lambda: None).start()\n'
        },
        full=["q01_tests", "q02_tests"],
    ),
    Case(
        "loop_forever_inside_a_test",
        "denial of service",
        DENSE,
        cells={
            "dense_forward": "def dense_forward(x, kernel, bias, activation):\n    while True:\n"
            "        pass\n"
        },
        zero=["dense_forward_tests"],
        note="no usable answer from the kernel (timeout)",
        timeout=15,
    ),
    # -- budgets (grader.sandbox.budgets): each fill is capped in the case itself, a few
    # times the budget, so that a broken sandbox cannot take the test machine down --------
    *[
        Case(
            f"fill_{name}",
            "denial of service",
            QUIZ,
            cells={"q01": 'q01 = "b"\n' + FILL.format(folder=folder)},
            full=["q01_tests", "q02_tests"],
            note=f"storage budget of 256 MiB for {where} filled",
        )
        for name, folder, where in [
            ("tmp", "/tmp", "/tmp"),
            ("the_working_folder", ".", "the working folder"),
        ]
    ],
    Case(
        "create_many_empty_files",
        "denial of service",
        QUIZ,
        cells={
            "q01": 'q01 = "b"\ncreated = 0\ntry:\n    for i in range(300_000):\n'
            '        open(f"/tmp/empty{i}", "w").close()\n        created += 1\n'
            'except OSError as error:\n    print("stopped:", error)\nprint("files:", created)\n'
        },
        full=["q01_tests", "q02_tests"],
        note="budget of 10,000 files in /tmp reached",
    ),
    Case(
        "hold_memory_in_tmpfs",
        "denial of service",
        QUIZ,
        cells={
            "q02": 'q02 = "a"\n'
            + FILL.format(folder="/tmp")
            + FILL.format(folder=".")
            + "held = []\nfor i in range(40):\n    held.append(b'\\1' * 64 * 2**20)\n"
            '    print("RAM MiB:", 64 * len(held), flush=True)\n'
        },
        zero=["q02_tests"],
        full=["q01_tests"],
        note="memory budget of 2,048 MiB reached",
    ),
    # -- malformed files: graded 0 with the reason, never a crash -------------------------
    Case("empty_file", "malformed", QUIZ, raw=b"", zero=["q01_tests"], note="empty file"),
    Case(
        "truncated_json",
        "malformed",
        QUIZ,
        raw=b'{"cells": [{"cell_type": "code", "source": "q01 = ',
        zero=["q01_tests"],
        note="unreadable notebook",
    ),
    Case(
        "binary_garbage",
        "malformed",
        QUIZ,
        raw=bytes(range(256)) * 64,
        zero=["q01_tests"],
        note="unreadable notebook",
    ),
    Case(
        "schema_invalid",
        "malformed",
        QUIZ,
        raw=b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": 7}',
        zero=["q01_tests"],
        note="unreadable notebook",
    ),
    Case(
        "oversized_file",
        "malformed",
        QUIZ,
        raw=b'{"pad": "' + b"x" * (21 * 2**20) + b'"}',
        zero=["q01_tests"],
        note="too large",
    ),
]
CASES += PROBE_CASES
CASES.append(
    Case(
        "search_the_sandbox_for_secrets",
        "escaping",
        QUIZ,
        cells={"q01": 'q01 = "b"\n' + RECORD},
        edit="scan",
        full=["q01_tests"],
    )
)

# Every place a submission might write to: read-only but the sized tmpfs, and the small
# ones (/dev/shm, the kernel's runtime folder) stop at their size, far below the disk.
WRITE_EVERYWHERE = """import errno, json, os, ipykernel
_places = ["/", "/dev", "/home", "/opt", "/usr", "/dev/shm",
           os.path.dirname(ipykernel.get_connection_file()), "/tmp", "."]
_result = {}
for _place in _places:
    _written = 0
    try:
        for _i in range(40):  # 40 MiB at most: the small tmpfs are 16 and 2 MiB
            with open(os.path.join(_place, f"fill{_i}"), "wb") as _file:
                _file.write(b"x" * 2**20)
            _written += 1
        _result[_place] = ["ok", _written]
    except OSError as _error:
        _result[_place] = [errno.errorcode.get(_error.errno, "?"), _written]
    for _i in range(_written + 1):
        try:
            os.remove(os.path.join(_place, f"fill{_i}"))
        except OSError:
            pass
print("places:", json.dumps(_result))
"""
CASES.append(
    Case(
        "write_everywhere",
        "denial of service",
        QUIZ,
        cells={"q01": 'q01 = "b"\n' + WRITE_EVERYWHERE},
        full=["q01_tests", "q02_tests"],
    )
)
