"""`coursetools.plain`, which lesson tests apply to a student's answer before comparing it."""

import sys
import unittest.mock
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "notebooks" / "src"))
import coursetools as ct  # noqa: E402


class _AlwaysEqual(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class _Liar:
    def __eq__(self, other):
        return True


@pytest.mark.parametrize(
    "answer, expected",
    [
        (3, 3),
        (np.int64(4), 4),
        (np.float32(0.5), 0.5),
        ("a", "a"),
        (None, None),
        ((1, [np.int32(2), 3.0]), (1, [2, 3.0])),
        ({"loss": np.float64(0.25)}, {"loss": 0.25}),
    ],
)
def test_plain_values_come_through_as_builtins(answer, expected):
    got = ct.plain(answer)
    assert got == expected
    assert type(got) is type(expected)
    if isinstance(got, tuple):
        assert type(got[1]) is list and type(got[1][0]) is int


def test_arrays_are_copied_as_exact_ndarrays():
    class Sub(np.ndarray):
        pass

    base = np.arange(3.0)
    got = ct.plain(base)
    assert type(got) is np.ndarray and np.array_equal(got, base) and got is not base
    with pytest.raises(TypeError):
        ct.plain(base.view(Sub))


@pytest.mark.parametrize(
    "liar",
    [_AlwaysEqual(0), _Liar(), unittest.mock.ANY, np.ma.masked, [1, _AlwaysEqual(2)], (_Liar(),)],
)
def test_objects_that_decide_their_own_equality_are_refused(liar):
    assert liar == 123456 or liar is np.ma.masked or isinstance(liar, (list, tuple))
    with pytest.raises(TypeError, match="type"):
        ct.plain(liar)


def test_the_refusal_speaks_the_notebook_language():
    try:
        ct.LANG = "fr"
        with pytest.raises(TypeError, match="Votre fonction a renvoyé un objet de type _Liar"):
            ct.plain(_Liar())
    finally:
        ct.LANG = "en"
