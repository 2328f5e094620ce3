"""Generated notebooks are rebuilt by `make build`, never edited by hand."""

from grader.authoring.build import stale_files
from grader.languages import LANGS
from grader.lessons import ROOT

from tests.conftest import LESSONS, lesson_params


@lesson_params()
def test_generated_files_are_up_to_date(lesson):
    assert stale_files(lesson) == [], "run `make build` and commit the result"


def test_no_orphan_notebooks():
    expected = {lesson.notebook(lang) for lesson in LESSONS for lang in LANGS}
    found = {p for lang in LANGS for p in (ROOT / "notebooks" / lang).glob("*.ipynb")}
    assert found == expected
    course = {lesson.course_notebook(lang).parent for lesson in LESSONS for lang in LANGS}
    assert {p for p in (ROOT / "course" / "source").iterdir() if p.is_dir()} == course


def test_staleness_is_detected(tmp_path, monkeypatch):
    lesson = LESSONS[0]
    edited = tmp_path / "edited.py"
    edited.write_text(lesson.source.read_text().replace("# # ", "# # EDITED ", 1))
    monkeypatch.setattr(type(lesson), "source", property(lambda self: edited))
    assert stale_files(lesson), "an edited source must make its notebooks stale"
