"""The probe protocol on its own: what may cross the sandbox's wall, and how a test runs.

The trusted side decodes only plain data: every refusal below is tried both ways, with
the malformed or hostile value refused and a well-formed neighbour accepted. The
tests then run on the trusted side against an in-process stand-in of the kernel's
answering module (the real kernels are in test_hostile and in nbval's mistakes check).
"""

from __future__ import annotations

import base64
import io
import json
import pickle
import re

import numpy as np
import pytest

from grader.authoring.build import generate
from grader.lessons import Lesson, all_lessons
from grader.preprocessors.execute import import_bindings
from grader.probes import answer, remote, wire


def _npy(array: np.ndarray, allow_pickle: bool = False) -> dict:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return {"$npy": base64.b64encode(buffer.getvalue()).decode()}


def test_plain_values_cross_unchanged():
    value = {"a": (1, 2.5, float("nan")), 3: [True, None, "é"], "x": np.arange(6).reshape(2, 3)}
    back = wire.loads(wire.dumps(value))
    assert back["a"][:2] == (1, 2.5) and np.isnan(back["a"][2])
    assert back[3] == [True, None, "é"]
    assert type(back["x"]) is np.ndarray and np.array_equal(back["x"], value["x"])
    assert wire.loads(wire.dumps(np.float32(0.5))) == 0.5


@pytest.mark.parametrize(
    "hostile, neighbour",
    [
        (_npy(np.array([1, "a"], dtype=object), allow_pickle=True), _npy(np.array([1.0, 2.0]))),
        ({"$npy": base64.b64encode(pickle.dumps([1])).decode()}, _npy(np.zeros(2))),
        (_npy(np.zeros(2, dtype=[("a", "f4")])), _npy(np.zeros(2, dtype="f4"))),
        (_npy(np.array(["text"])), _npy(np.array([True]))),
        ({"$handle": 0, "type": "str"}, {"$tuple": ["str"]}),
        ({"$dict": [[[1], 2]]}, {"$dict": [[1, 2]]}),
        ({"$float": "1e309"}, {"$float": "inf"}),
        ({"$tuple": [1], "extra": 2, "more": 3}, {"$tuple": [1]}),
        (
            {"$rng": {"bit_generator": "MT19937"}},
            {"$rng": np.random.default_rng(0).bit_generator.state},
        ),
    ],
)
def test_the_trusted_side_refuses_what_is_not_plain_data(hostile, neighbour):
    with pytest.raises(wire.WireError):
        wire.decode(hostile)
    wire.decode(neighbour)


def test_nesting_and_size_are_bounded():
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(wire.WireError):
        wire.loads(deep)
    wire.loads("[" * 30 + "]" * 30)
    with pytest.raises(wire.WireError):
        wire.loads(json.dumps(list(range(wire.MAX_ITEMS + 1))))
    with pytest.raises(wire.WireError):
        wire.loads("x" * 10, max_bytes=5)


def _layer(class_name: str, module: str = "keras.layers", **extra) -> dict:
    return {"module": module, "class_name": class_name, "config": {}, **extra}


@pytest.mark.parametrize(
    "hostile",
    [
        _layer("Lambda"),
        _layer("system", module="os"),
        _layer("Dense", registered_name="Custom>Dense"),
        _layer("TFSMLayer"),
        {"module": "builtins", "class_name": "eval", "config": {}},
        {**_layer("Dense"), "config": {"activation": {"function": {"code": "x"}}}},
    ],
)
def test_a_model_configuration_may_name_only_keras_own_classes(hostile):
    with pytest.raises(wire.WireError):
        wire.check_keras_config(
            {"module": "keras", "class_name": "Sequential", "layers": [hostile]}
        )
    wire.check_keras_config(
        {"module": "keras", "class_name": "Sequential", "layers": [_layer("Dense")]}
    )


@pytest.fixture
def kernel():
    """The answering module, answering from a namespace of this process."""
    answer.namespace = {}
    answer._handles.clear()
    session = remote.Session(answer.answer)
    yield answer.namespace, session
    answer.namespace = None
    answer._handles.clear()


def _run(source: str, names: dict, session, bindings=None):
    helpers = Lesson("12_quiz").course_notebook("en").parent / "coursetools.py"
    return remote.run_test(source, bindings or {}, names, session, helpers, "en")


def test_a_test_runs_on_the_trusted_side_with_the_student_s_names_probed(kernel):
    space, session = kernel
    test = "assert type(q) is str and q == 'b', 'wrong'\nassert double(2) == 4\nprint('ok')"
    names = {"q": "value", "double": "call"}
    exec("def double(x):\n    return 2 * x\nq = 'b'", space)
    verdict = _run(test, names, session)
    assert verdict.passed and verdict.output == "ok\n"
    space["q"] = "a"
    verdict = _run(test, names, session)
    assert not verdict.passed and verdict.evalue == "wrong" and verdict.line == 1


def test_a_lying_object_stays_in_the_kernel(kernel):
    space, session = kernel
    exec("class Yes(str):\n    def __eq__(self, other):\n        return True\nq = Yes('a')", space)
    verdict = _run("assert q == 'b', 'wrong'", {"q": "value"}, session)
    assert not verdict.passed
    exec("q = 'b'", space)
    assert _run("assert q == 'b', 'wrong'", {"q": "value"}, session).passed


def test_a_student_error_is_reported_as_the_student_s_own_run_shows_it(kernel):
    space, session = kernel
    exec("def f(x):\n    raise ValueError('my message')", space)
    verdict = _run("f(1)", {"f": "call"}, session)
    assert (verdict.ename, verdict.evalue) == ("ValueError", "my message")
    verdict = _run("g(1)", {"g": "call"}, session)
    assert verdict.ename == "NameError"


def test_a_test_cannot_swallow_a_kernel_that_stopped_answering():
    def dead(request: str) -> str:
        raise remote.ProbeFailed("stopped")

    source = "try:\n    f(1)\nexcept Exception:\n    pass"
    verdict = _run(source, {"f": "call"}, remote.Session(dead))
    assert not verdict.passed and verdict.probe_failure == "stopped"


def test_the_quiz_sends_names_only_never_its_answers(kernel):
    """The real quiz, graded on the trusted side: the kernel hears which names are read."""
    space, session = kernel
    lesson = Lesson("12_quiz")
    nb = generate(lesson, "en")
    solutions = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    for source in solutions:
        if source.startswith("q") or "### BEGIN SOLUTION\nq" in source:
            exec(source, space)
    names, bindings = remote.student_names(nb), import_bindings(nb)
    tests = [
        c.source
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_tests")
    ]
    questions = {
        c.metadata["nbgrader"]["grade_id"]
        for c in nb.cells
        if re.fullmatch(r"q\d\d", c.metadata.get("nbgrader", {}).get("grade_id", ""))
    }
    assert len(tests) == len(questions) >= 30  # fmt: skip
    for source in tests:
        assert _run(source, names, session, bindings).passed, source
    assert {json.loads(r)["op"] for r in session.sent} == {"get"}
    secrets = [s.split("BEGIN HIDDEN TESTS")[1] for s in tests]
    assert not any(secret.strip()[:40] in request for secret in secrets for request in session.sent)
    space["q01"] = "a"
    assert not _run(tests[0], names, session, bindings).passed


def test_every_graded_test_needs_nothing_from_the_kernel_but_the_student_s_names():
    """What lets the build's one test run on the trusted side: a test reads only modules
    the notebook imports, the names the solution cells define, and its own names."""
    for lesson in all_lessons():
        nb = generate(lesson, "en")
        bindings, names = import_bindings(nb), remote.student_names(nb)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
                missing = remote.unresolved(cell.source, bindings, names)
                assert not missing, f"{lesson.stem}/{meta['grade_id']} uses {sorted(missing)}"
    kernel_state = "assert best_epoch(histories['x']) == 3"
    assert remote.unresolved(kernel_state, {}, {"best_epoch": "call"}) == {"histories"}


def test_a_keras_model_crosses_as_configuration_and_weights_and_a_lambda_does_not():
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(3, activation="relu"), keras.layers.Dense(2)]
    )
    back = wire.loads(wire.dumps(model))
    x = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")
    assert back is not model and isinstance(back, keras.Model)
    assert np.array_equal(np.asarray(back(x)), np.asarray(model(x)))
    with_lambda = keras.Sequential([keras.Input((4,)), keras.layers.Lambda(lambda t: t * 2)])
    with pytest.raises(wire.WireError, match="Lambda"):
        wire.loads(wire.dumps(with_lambda))
