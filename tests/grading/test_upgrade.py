"""A course graded when the quiz was lesson 10 keeps working after it became lesson 12.

The old course is made as the old release made it: the quiz released by nbgrader as
``10_quiz_en``/``10_quiz_fr`` (notebook ``10_quiz``), three students graded by
nbgrader and given feedback, a note in the grading log, a submission waiting in the
exchange, a Canvas roster with the "Lesson 10: Quiz" column; while it is made, the
renames table is empty, as the old release had none. Then, on SQLite and on a real
PostgreSQL: every grading command refuses it in one sentence naming ``grader
upgrade``; ``grader upgrade`` renames it, the grades are the same cell for cell,
the export has them under ``12_quiz``, nothing is regraded, a second run finds
nothing; an old and a new name that both hold work are refused, nothing changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grader import renames
from grader.authoring.answers import answer_notebook
from grader.authoring.release import release, set_due_date
from grader.course import COURSE, api, config
from grader.db import use_database
from grader.grading.feedback import generate_feedback
from grader.grading.jobs import Job, already_graded, grade_one
from grader.grading.notes import Note, read_log, record
from grader.lessons import Lesson
from grader.lms import roster as rosters
from grader.lms.export import rows
from tests.support.clusterkit import copy_course, snapshot

NEW = ["12_quiz_en", "12_quiz_fr"]
OLD = ["10_quiz_en", "10_quiz_fr"]
DUE = "2026-11-20 23:59:00"
# student -> (language, answers, submitted at): full marks, a blank, a late solution
CLASS = {
    "alice": ("en", "solution", "2026-11-20 10:00:00.000000 UTC"),
    "bruno": ("fr", "blank", "2026-11-20 11:00:00.000000 UTC"),
    "dmitri": ("en", "solution", "2026-11-22 10:15:00.000000 UTC"),
}
INBOUND = "erin+10_quiz_fr+2026-11-20 12:00:00.000000 UTC+4f2a"


def _renamed(key: tuple) -> tuple:
    """A snapshot key under today's names."""
    student, aid, notebook, cell = key
    return student, renames.renamed_assignments().get(aid, aid), renames.current(notebook), cell


@pytest.fixture(scope="module")
def old_course(tmp_path_factory):
    base = tmp_path_factory.mktemp("upgrade")
    today = base / "today"  # today's quiz released, for its answers
    today.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", today / "nbgrader_config.py")
    release(NEW, root=today)
    root = base / "course"
    root.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(renames, "RENAMES", {})  # the old release knew no renames
        for new, old in zip(NEW, OLD, strict=True):
            lang = old[-2:]
            shutil.copytree(today / "source" / new, root / "source" / old)
            (root / "source" / old / "12_quiz.ipynb").rename(
                root / "source" / old / "10_quiz.ipynb"
            )
            result = api(root, lang).generate_assignment(old, force=True, create=True)
            assert result["success"], result.get("error")
            set_due_date(old, DUE, root)
        for student, (lang, answers, when) in CLASS.items():
            folder = root / "submitted" / student / f"10_quiz_{lang}"
            folder.mkdir(parents=True)
            nb = answer_notebook(Lesson("12_quiz"), lang, {"default": answers}, today)
            nbformat.write(nb, folder / "10_quiz.ipynb")
            (folder / "timestamp.txt").write_text(when)
            outcome = grade_one(Job(student, f"10_quiz_{lang}"), root, timeout=60, sandboxed=False)
            assert outcome.success, outcome.message
            assert generate_feedback(f"10_quiz_{lang}", student, root)["success"]
        record([Note("dmitri", "10_quiz.ipynb", "late: 35 hours", "10_quiz_en")], root)
        inbound = root / "exchange" / "regularization" / "inbound" / INBOUND
        inbound.mkdir(parents=True)
        shutil.copy(root / "submitted" / "bruno" / "10_quiz_fr" / "10_quiz.ipynb", inbound)
        (inbound / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC")
        column = {"column": "Lesson 10: Quiz (4242)", "points": 24.0}
        rosters.save(rosters.Roster("canvas", "gradebook.csv", [], {"10_quiz": column}), root)
        grades, exported = snapshot(root), rows(root)
    assert {r.lesson for r in exported} == {"10_quiz"}
    assert any(score for (_, _, _, _), (score, *_) in grades.items())
    return {"root": root, "grades": grades, "rows": exported}


def grader(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The installed ``grader`` command, as an instructor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "grader", "--course", str(root), *args],
        capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})},
    )  # fmt: skip


def _said(result: subprocess.CompletedProcess) -> str:
    return " ".join((result.stdout + result.stderr).split())


def _old_names_left(root: Path) -> list[str]:
    return [
        str(p.relative_to(root))
        for p in root.rglob("*")
        if "10_quiz" in p.name and "downloaded" not in p.parts
    ]


def test_an_old_course_is_refused_in_a_sentence_until_upgraded(old_course, tmp_path):
    root = copy_course(old_course["root"], tmp_path / "course")
    for command in (["export", "--csv", str(tmp_path / "g.csv")], ["feedback"], ["autograde"],
                    ["release", "12_quiz"]):  # fmt: skip
        refused = grader(root, *command)
        said = _said(refused)
        assert refused.returncode == 2, said
        assert "Traceback" not in said and said.count(". ") <= 1, said
        assert f"grader --course {root} upgrade" in said and "10_quiz_en in the gradebook" in said
    french = _said(grader(root, "report", "--lang", "fr"))
    assert "lancez une fois" in french and "Traceback" not in french
    assert not (tmp_path / "g.csv").exists() and not (root / "release" / "12_quiz_en").exists()
    upgraded = grader(root, "upgrade")
    assert upgraded.returncode == 0, _said(upgraded)
    exported = grader(root, "export", "--csv", str(tmp_path / "g.csv"))
    assert exported.returncode == 0, _said(exported)
    assert "12_quiz" in (tmp_path / "g.csv").read_text()


def _check_upgraded(root: Path, old_course: dict, said: str) -> None:
    assert "10_quiz_en -> 12_quiz_en" in said and "10_quiz_fr -> 12_quiz_fr" in said
    assert "submitted: 3 renamed" in said and "autograded: 3 renamed" in said
    assert "feedback: 3 renamed" in said and "exchange: 1 renamed" in said
    assert "resume markers: 3 updated" in said and "grading log: 1 notes renamed" in said
    assert "'Lesson 10: Quiz (4242)' now 12_quiz" in said
    assert _old_names_left(root) == []
    grades = snapshot(root)
    assert grades == {_renamed(key): value for key, value in old_course["grades"].items()}
    exported = rows(root)
    assert [(r.student, r.lesson, r.language, r.score, r.late_penalty) for r in exported] == [
        (r.student, "12_quiz", r.language, r.score, r.late_penalty) for r in old_course["rows"]
    ]
    assert any(r.late_penalty for r in exported) and any(r.score for r in exported)
    for student, (lang, _, _) in CLASS.items():
        job = Job(student, f"12_quiz_{lang}")
        assert already_graded(job, root)  # a rename regrades nothing
        assert (root / "autograded" / student / job.assignment / "12_quiz.ipynb").is_file()
        assert (root / "feedback" / student / job.assignment / "12_quiz.html").is_file()
    inbound = root / "exchange" / "regularization" / "inbound"
    assert [p.name for p in inbound.iterdir()] == [INBOUND.replace("10_quiz", "12_quiz")]
    assert [n.assignment for n in read_log(root)] == ["12_quiz_en"]
    assert rosters.load(root).columns == {
        "12_quiz": {"column": "Lesson 10: Quiz (4242)", "points": 24.0}
    }


def test_upgrade_renames_an_old_sqlite_course_and_keeps_every_grade(old_course, tmp_path):
    root = copy_course(old_course["root"], tmp_path / "course")
    first = grader(root, "upgrade")
    assert first.returncode == 0, _said(first)
    _check_upgraded(root, old_course, _said(first))
    again = grader(root, "upgrade")
    assert again.returncode == 0 and "renamed" not in again.stdout.replace("notes renamed", "")
    assert "gradebook" in again.stdout and "no old name" in again.stdout
    assert snapshot(root) == {_renamed(k): v for k, v in old_course["grades"].items()}
    # today's release over the upgraded course: the same cells, the grades stay
    released = grader(root, "release", "12_quiz")
    assert released.returncode == 0, _said(released)
    assert snapshot(root) == {_renamed(k): v for k, v in old_course["grades"].items()}


def test_upgrade_refuses_when_the_old_and_new_names_both_hold_work(old_course, tmp_path):
    root = copy_course(old_course["root"], tmp_path / "course")
    shutil.copytree(root / "submitted" / "alice" / "10_quiz_en",
                    root / "submitted" / "alice" / "12_quiz_en")  # fmt: skip
    before = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
    refused = grader(root, "upgrade")
    said = _said(refused)
    assert refused.returncode == 2 and "Traceback" not in said, said
    assert "Nothing was renamed" in said and "submitted/alice/10_quiz_en and 12_quiz_en" in said
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*")) == before
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(renames, "RENAMES", {})
        assert snapshot(root) == old_course["grades"]  # the gradebook untouched


def test_upgrade_replaces_an_empty_release_made_under_the_new_name(old_course, tmp_path):
    root = copy_course(old_course["root"], tmp_path / "course")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(renames, "RENAMES", {})  # a release before the check existed
        release(["12_quiz_en"], root=root)
    upgraded = grader(root, "upgrade")
    assert upgraded.returncode == 0, _said(upgraded)
    assert "10_quiz_en -> 12_quiz_en (replacing an empty 12_quiz_en)" in _said(upgraded)
    assert snapshot(root) == {_renamed(k): v for k, v in old_course["grades"].items()}


@pytest.mark.xdist_group("cluster")
def test_upgrade_on_postgresql(old_course, postgres, tmp_path):
    root = copy_course(old_course["root"], tmp_path / "course")
    url = postgres.database("old_course")
    migrated = grader(root, "db", "migrate", url)
    assert migrated.returncode == 0, _said(migrated)
    (root / "gradebook.db").unlink()  # from now on, only PostgreSQL holds the grades
    env = {"GRADER_DB": url}
    refused = grader(root, "export", "--csv", str(tmp_path / "g.csv"), env=env)
    said = _said(refused)
    assert refused.returncode == 2 and "upgrade" in said and "Traceback" not in said, said
    upgraded = grader(root, "upgrade", env=env)
    said = _said(upgraded)
    assert upgraded.returncode == 0, said
    assert postgres.password not in said and "grader:***@" in said
    use_database(url, root)
    try:
        _check_upgraded(root, old_course, said)
    finally:
        use_database(None, root)
    assert not (root / "gradebook.db").exists()
    exported = grader(root, "export", "--csv", str(tmp_path / "g.csv"), env=env)
    assert exported.returncode == 0, _said(exported)


def _lessons_with_the_new_ones():
    from grader.lessons import all_lessons

    added = [Lesson("10_how_much_to_regularize"), Lesson("11_data_and_noise")]
    return sorted(set(all_lessons() + added), key=lambda lesson: lesson.stem)


@pytest.mark.parametrize(
    "new_lessons", [False, True], ids=["before them", "with lessons 10 and 11"]
)
def test_an_old_lms_column_goes_to_the_quiz_and_a_new_one_to_its_lesson(new_lessons, monkeypatch):
    if new_lessons:
        monkeypatch.setattr(rosters, "all_lessons", _lessons_with_the_new_ones)
    else:  # a course without lessons 10 and 11 (as before they were written)
        without = [x for x in rosters.all_lessons() if x.stem[:2] not in ("10", "11")]
        monkeypatch.setattr(rosters, "all_lessons", lambda: without)
    old = ["Lesson 10: Quiz (4242)", "10 Quiz", "Assignment: 10_quiz (Real)", "Lesson 12: Quiz"]
    for title in old:
        assert rosters.lesson_of_column(title) == "12_quiz", title
    new = {
        "Lesson 10: How much to regularize (4250)": "10_how_much_to_regularize",
        "Leçon 11 : données et bruit": "11_data_and_noise",
        "Lesson 10 (4250)": "10_how_much_to_regularize",
    }
    for title, stem in new.items():
        assert rosters.lesson_of_column(title) == (stem if new_lessons else None), title
    assert rosters.lesson_of_column("Lesson 3: Weight decay") == "03_weight_decay"


def test_the_check_is_in_the_configuration_every_grading_command_reads(old_course, tmp_path):
    from grader.errors import UserError

    root = copy_course(old_course["root"], tmp_path / "course")
    with pytest.raises(UserError, match="grader --course .* upgrade"):
        config(root)
    assert config(root, check=False).CourseDirectory.root == str(root)  # what upgrade reads


def test_upgrade_refuses_when_both_assignments_hold_submissions_in_the_gradebook(
    old_course, tmp_path
):
    from nbgrader.api import Gradebook

    root = copy_course(old_course["root"], tmp_path / "course")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(renames, "RENAMES", {})
        cfg = config(root)
        with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
            gb.add_assignment("12_quiz_fr")
            gb.add_submission("12_quiz_fr", "bruno")  # graded under both names: no merge
        before = snapshot(root)
    refused = grader(root, "upgrade")
    said = _said(refused)
    assert refused.returncode == 2 and "Traceback" not in said, said
    assert "10_quiz_fr and 12_quiz_fr both hold submissions in the gradebook" in said
    assert (root / "submitted" / "alice" / "10_quiz_en").is_dir()  # nothing renamed
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(renames, "RENAMES", {})
        assert snapshot(root) == before
