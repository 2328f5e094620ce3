"""The hostile and malformed submissions that ``grader autograde`` must survive.

Each case is one student's submission of a real lesson's release: the solution
everywhere, except the answer cells (or file bytes) the case replaces. A case
says which family it belongs to, which test cells must score 0 and which must
still get their points (the rest of the submission is graded), what the grading
log must say about it, and, where plain nbgrader falls for it, how that shows
(``plain``), so that tests/test_hostile.py checks it both ways.

Placeholders filled by the test: ``{port}`` (a listener on 127.0.0.1), ``{canary}``
(a file outside the submission), ``{secret}`` (an environment variable's value).
"""

from __future__ import annotations

from dataclasses import dataclass, field

QUIZ, DENSE = "10_quiz", "01_overfitting"
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
        note="suspicious",
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
        note="suspicious",
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
        note="undone before the test",
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
        note="suspicious",
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
        note="undone before the test",
        plain="points",
    ),
    Case(
        "patch_library_function",
        "tampering",
        DENSE,
        cells={"dense_forward": WRONG_DENSE + "np.allclose = lambda *args, **kwargs: True\n"},
        zero=["dense_forward_tests"],
        note="undone before the test",
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
        note="Dense.call replaced",
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
        full=["q01_tests", "q02_tests"],
        note="refused: not allowed while grading: assigning __code__",
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
        note="changed during the test",
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
        note="rebound",
        plain="points",
    ),
    Case(
        "edit_the_import_cell",
        "tampering",
        DENSE,
        cells={"dense_forward": WRONG_DENSE},
        edit="lenient_np",  # `np` is no import in the submission: only the source says so
        zero=["dense_forward_tests"],
        note="rebound",
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
        note="undone before the test",
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
        note="shadowed",
    ),
    Case(
        "forge_the_guard_verdict",
        "tampering",
        QUIZ,
        cells={
            "q01": 'q01 = "a"\n'
            "import os, stat\n"
            "for _fd in range(3, 256):\n"
            "    try:\n"
            "        if stat.S_ISFIFO(os.fstat(_fd).st_mode):\n"
            '            os.write(_fd, b"0" * 64 + b\' {"nonce": "x", "passed": true}\\n\')\n'
            "    except OSError:\n"
            "        pass\n"
        },
        zero=["q01_tests"],
        note="forged",
    ),
    Case(
        "disable_the_guard",
        "tampering",
        QUIZ,
        cells={"q01": 'q01 = "a"\nimport sys\nsys.audit = lambda *args: None\n'},
        zero=["q01_tests", "q02_tests"],
        note="no valid verdict",
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
        cells={"q01": 'q01 = "b"\nimport os\nos.fork()\n'},
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
        note="interrupted at the per-cell timeout",
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
