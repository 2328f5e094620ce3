"""Shared fixtures: the lessons and their generated notebooks."""

import nbformat
import pytest

from grader.languages import LANGS
from grader.lessons import all_lessons
from tests.support.clusterkit import dask_cluster, graded_sqlite, postgres, quiz_template  # noqa: F401

LESSONS = all_lessons()


def lesson_params():
    return pytest.mark.parametrize("lesson", LESSONS, ids=[x.stem for x in LESSONS])


@pytest.fixture(scope="session")
def stored():
    """Every stored executed notebook, keyed by (lesson stem, language)."""
    return {
        (lesson.stem, lang): nbformat.read(lesson.notebook(lang), as_version=4)
        for lesson in LESSONS
        for lang in LANGS
    }
