"""Checks made on every submitted file before nbgrader sees it (no kernel needed)."""

import nbformat
import pytest

from grader.grading.intake import check_submission

AID = "12_quiz_en"


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    release = root / "release" / AID
    release.mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("q01 = None")])
    nbformat.write(nb, release / "12_quiz.ipynb")
    (root / "submitted" / "sam" / AID).mkdir(parents=True)
    return root


def _folder(root):
    return root / "submitted" / "sam" / AID


def test_missing_notebook_is_graded_zero_with_a_note(course):
    notes = check_submission("sam", AID, course)
    assert [n.message for n in notes] == ["notebook missing: graded 0"]
    assert notes[0].student == "sam" and notes[0].file == f"{AID}/12_quiz.ipynb"
    assert (_folder(course) / "12_quiz.ipynb").read_bytes() == (
        course / "release" / AID / "12_quiz.ipynb"
    ).read_bytes()


def test_a_single_renamed_notebook_is_used(course):
    good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('q01 = "b"')])
    nbformat.write(good, _folder(course) / "Copy of 12_quiz.ipynb")
    notes = check_submission("sam", AID, course)
    assert "renamed file 'Copy of 12_quiz.ipynb'" in notes[0].message
    assert 'q01 = \\"b\\"' in (_folder(course) / "12_quiz.ipynb").read_text()


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"   \n", "empty file"),
        (b'{"cells": [', "unreadable notebook"),
        (b"\xff\xfe not utf-8", "unreadable notebook"),
        (b'{"nbformat": 4}', "unreadable notebook"),
    ],
)
def test_unreadable_files_are_kept_and_replaced_by_the_blank_release(course, data, reason):
    (_folder(course) / "12_quiz.ipynb").write_bytes(data)
    notes = check_submission("sam", AID, course)
    assert len(notes) == 1 and notes[0].message.startswith(reason)
    assert (_folder(course) / "12_quiz.ipynb.rejected").read_bytes() == data
    nbformat.read(_folder(course) / "12_quiz.ipynb", as_version=4)  # gradable now


def test_old_format_is_converted(course):
    v3 = nbformat.convert(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), 3)
    (_folder(course) / "12_quiz.ipynb").write_text(nbformat.writes(v3, version=3))
    notes = check_submission("sam", AID, course)
    assert notes[0].message.startswith("old notebook format v3")
    assert nbformat.read(_folder(course) / "12_quiz.ipynb", as_version=4).nbformat == 4


def test_a_good_notebook_passes_untouched_in_content(course):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('q01 = "c"')])
    nbformat.write(nb, _folder(course) / "12_quiz.ipynb")
    assert check_submission("sam", AID, course) == []
    assert (
        nbformat.read(_folder(course) / "12_quiz.ipynb", as_version=4).cells[0].source
        == 'q01 = "c"'
    )


def test_only_a_blank_release_put_in_by_intake_is_marked_not_to_run(course):
    """The executor skips the kernel for a notebook marked as intake's placeholder: the
    mark is intake's alone, a student's own is removed, and a readable upload has none."""
    from grader.grading.intake import placeholder_marker

    folder = _folder(course)
    marker = placeholder_marker(folder, "12_quiz.ipynb")
    (folder / "12_quiz.ipynb").write_bytes(b"")
    check_submission("sam", AID, course)
    assert marker.exists(), "an empty upload is graded from the blank release, unrun"

    good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('q01 = "b"')])
    nbformat.write(good, folder / "12_quiz.ipynb")
    assert marker.exists()  # the student's own copy of the mark, say
    assert check_submission("sam", AID, course) == []
    assert not marker.exists(), "a readable notebook is executed, whatever lies beside it"
