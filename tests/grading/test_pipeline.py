"""The instructor pipeline end to end on a small class, bad uploads included.

One scratch course (never the real one) is released, collected from an LMS zip,
autograded with 2 workers and graded again with 1, so that every command and
every kind of bad input is exercised on the fastest lesson (the quiz).
"""

import itertools
import re
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from grader.analysis.report import TEXT, figures, plot, summarize
from grader.authoring.release import release, set_due_date
from grader.classes.sample import answer_notebook, build_zip
from grader.cli.main import app
from grader.course import COURSE, config
from grader.grading.autograde import autograde
from grader.grading.feedback import generate_feedback, graded_pairs
from grader.grading.notes import read_log, record
from grader.lessons import Lesson
from grader.lms.collect import collect_zip
from grader.lms.export import rows
from grader.preprocessors.typography import PLAIN_BEFORE_PUNCTUATION

QUIZ = ["12_quiz_en", "12_quiz_fr"]
CLASS = """
due: "2026-11-20 23:59:00"
students:
  ada: {lang: en, submitted: "2026-11-20 10:00:00", lessons: [12_quiz],
        answers: {default: solution}}
  bea: {lang: fr, submitted: "2026-11-20 10:00:00", lessons: [12_quiz],
        answers: {default: solution, q01: "mistake:answers_a", q02: "mistake:answers_b"}}
  cyril: {lang: fr, submitted: "2026-11-20 10:00:00", lessons: [12_quiz],
          answers: {default: blank}}
  dora: {lang: en, submitted: "2026-11-22 10:00:00", lessons: [12_quiz],
         answers: {default: solution}}
  eve: {lang: en, submitted: "2026-11-20 10:00:00", lessons: [12_quiz],
        answers: {default: solution}, damage: {12_quiz: broken}}
  fanny: {lang: fr, submitted: "2026-11-20 10:00:00", lessons: [12_quiz],
          answers: {default: solution}, damage: {12_quiz: empty}}
  gus: {lang: fr, submitted: "2026-11-20 10:00:00", lessons: [12_quiz],
        answers: {default: solution}, damage: {12_quiz: [renamed, nbformat3]}}
"""
# nbgrader's per-cell timeout for the scratch course: the "loop" student burns it in the
# batch grading; the quiz's slowest cell takes about 0.3 s here (20x margin).
TIMEOUT = 6
HOSTILE = {
    "loop": 'q01 = "b"\nwhile True:\n    pass',
    "killer": 'q01 = "b"\nimport os\nos._exit(1)',
}


def _add(archive, name, nb_or_bytes, when=(2026, 11, 20, 12, 0, 0)):
    data = nb_or_bytes if isinstance(nb_or_bytes, bytes) else nbformat.writes(nb_or_bytes).encode()
    archive.writestr(zipfile.ZipInfo(name, date_time=when), data)


def _snapshot(root):
    from nbgrader.api import Gradebook

    cfg = config(root)
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        return {
            (s.student.id, s.assignment.name, g.name): g.auto_score
            for a in gb.assignments
            for s in a.submissions
            for nb in s.notebooks
            for g in nb.grades
        }


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course") / "course"
    root.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    release(QUIZ, root=root)
    for aid in QUIZ:
        set_due_date(aid, "2026-11-20 23:59:00", root)
    class_file = root / "class.yml"
    class_file.write_text(CLASS)
    zip_path = build_zip(root / "downloaded" / "class.zip", class_file, root)
    quiz = Lesson("12_quiz")
    with zipfile.ZipFile(zip_path, "a") as archive:
        # hostile code, a duplicate (EN then a later FR), and a file that is no lesson
        for student, code in HOSTILE.items():
            nb = answer_notebook(quiz, "en", {"default": "solution"}, root)
            next(
                c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q01"
            ).source = code
            _add(archive, f"{student}/12_quiz.ipynb", nb)
        _add(
            archive,
            "hugo/12_quiz.ipynb",
            answer_notebook(quiz, "en", {"default": "blank"}, root),
            when=(2026, 11, 20, 9, 0, 0),
        )
        _add(
            archive,
            "hugo/12_quiz-v2.ipynb",
            answer_notebook(quiz, "fr", {"default": "solution"}, root),
            when=(2026, 11, 20, 11, 0, 0),
        )
        _add(archive, "hugo/notes.ipynb", b"{}")
    written, notes = collect_zip(zip_path, root)
    record(notes, root)
    # a French submission folder without its notebook (an exchange submission, say)
    (root / "submitted" / "ines" / "12_quiz_fr").mkdir(parents=True)
    outcomes = autograde(QUIZ, workers=2, root=root, timeout=TIMEOUT, progress=False)
    return {"root": root, "written": written, "outcomes": outcomes, "first": _snapshot(root)}


def _rows(root):
    return {r.student: r for r in rows(root)}


def test_scores_follow_the_answers(course):
    table = _rows(course["root"])
    full = table["ada"].max_score - 2  # the written answer waits for the instructor
    assert table["ada"].raw_score == full
    assert table["bea"].raw_score == full - 2
    assert table["cyril"].raw_score == 0
    assert table["hugo"].language == "fr" and table["hugo"].raw_score == full


def test_late_submission_is_penalized(course):
    dora = _rows(course["root"])["dora"]
    assert dora.late_penalty > 0
    assert dora.score == pytest.approx(dora.raw_score - dora.late_penalty)
    assert _rows(course["root"])["ada"].late_penalty == 0


def test_every_bad_input_is_named_and_the_batch_goes_on(course):
    notes = read_log(course["root"])
    for student, fragment in [
        ("eve", "unreadable notebook"),
        ("eve", "language unknown: filed under"),
        ("fanny", "empty file"),
        ("gus", "renamed file"),
        ("gus", "old notebook format v3"),
        ("hugo", "duplicate"),
        ("hugo", "matches no lesson"),
        ("killer", "kernel died"),
        ("loop", "interrupted at the per-cell timeout"),
    ]:
        said = [n for n in notes if n.student == student and fragment in n.message]
        assert said, f"no note about {student}: {fragment}"
        assert all(n.file for n in said), "every note names the file"
    table = _rows(course["root"])
    assert table["eve"].score == 0 and "unreadable" in table["eve"].notes
    assert table["killer"].score == 0 and "kernel died" in table["killer"].notes
    assert table["loop"].raw_score > 0  # graded as far as it could be
    assert table["gus"].raw_score > 0  # converted from v3 and graded
    assert (course["root"] / "submitted" / "eve" / "12_quiz_en" / "12_quiz.ipynb.rejected").exists()
    # graded from the blank release without a kernel, the reason in the student's language
    # (an empty or broken file has no language to read: filed under English)
    unrun = {
        ("eve", "12_quiz_en"): "no readable notebook was handed in",
        ("fanny", "12_quiz_en"): "no readable notebook was handed in",
        ("ines", "12_quiz_fr"): "aucun notebook lisible n'a été rendu",
    }
    for (student, aid), said in unrun.items():
        graded = course["root"] / "autograded" / student / aid / "12_quiz.ipynb"
        assert said in graded.read_text(encoding="utf-8"), student
    assert table["ines"].score == 0 and "notebook missing" in table["ines"].notes
    ada = course["root"] / "autograded" / "ada" / "12_quiz_en" / "12_quiz.ipynb"
    assert "NotGraded" not in ada.read_text(encoding="utf-8")


# Regraded by one worker: one student per kind of graded outcome (full marks, wrong
# answers, blank, late, converted from v3, French). The looping and the crashing students
# are graded in the batch (the crashing one again at the resume): regrading the loop here
# would only burn its timeout once more.
SERIAL = ["ada", "bea", "cyril", "dora", "gus", "hugo"]


def test_parallel_grades_equal_serial_grades_and_resume(course):
    root = course["root"]
    serial = autograde(
        QUIZ, SERIAL, workers=1, root=root, timeout=TIMEOUT, force=True, progress=False
    )
    assert {o.job.student for o in serial if o.success} == set(SERIAL)
    assert _snapshot(root) == course["first"]
    # the one worker never waits for the instructor's side: each grading began before the
    # previous one's recording here ended (recording takes ~0.5 s). A grading that took its
    # worker down has no start time, so the pair around it may not overlap.
    ran = sorted((o for o in serial if o.started), key=lambda o: o.started)
    pairs = [(a, b) for a, b in itertools.pairwise(ran) if a.recorded_until]
    overlapping = [(a, b) for a, b in pairs if b.started < a.recorded_until]
    unstarted = len(serial) - len(ran)
    assert len(pairs) >= 4, [(o.job.student, o.message) for o in serial]
    assert len(overlapping) >= len(pairs) - unstarted, [
        (a.job.student, b.job.student, round(a.recorded_until - b.started, 3)) for a, b in pairs
    ]
    # an interrupted run leaves no marker: that submission is graded again, as are the
    # ones that failed; everything else is kept from the gradebook
    (root / "autograded" / "ada" / "12_quiz_en" / ".grader-done.json").unlink()
    failed = {o.job.student for o in course["outcomes"] if not o.success}
    again = autograde(QUIZ, workers=2, root=root, timeout=TIMEOUT, progress=False)
    assert {o.job.student for o in again if not o.skipped} == {"ada"} | failed
    assert _snapshot(root) == course["first"]


def test_feedback_in_the_students_language_without_hidden_tests(course):
    root = course["root"]
    for student, aid in graded_pairs(QUIZ, root):
        assert generate_feedback(aid, student, root)["success"], (student, aid)
    fr = (root / "feedback" / "bea" / "12_quiz_fr" / "12_quiz.html").read_text()
    en = (root / "feedback" / "ada" / "12_quiz_en" / "12_quiz.html").read_text()
    assert "Note\u202f:" in fr and "Cellule de test" in fr and "Score:" not in fr
    prose = BeautifulSoup(fr, "html.parser")
    for code in prose.find_all(["pre", "code", "script", "style"]):
        code.decompose()
    assert not PLAIN_BEFORE_PUNCTUATION.search(prose.get_text(" ")), "French spacing"
    assert "Score:" in en and "Test cell" in en
    # scores as each locale writes them: « (Note : 0,0 / 2,0) », "(Score: 0.0 / 2.0)"
    score = r"{}: -?\d+{}\d+ / \d+{}\d+\)"
    assert re.search(score.format("Note\u202f", ",", ","), fr)
    assert not re.search(score.format("Note\u202f", r"\.", r"\."), fr)
    assert re.search(score.format("Score", r"\.", r"\."), en)
    assert not re.search(score.format("Score", ",", ","), en)
    for html in (fr, en):
        assert "HIDDEN TESTS" not in html and "BEGIN SOLUTION" not in html
        assert "str.lower(str.strip(" not in html  # the hidden answer check
    assert "Réponse enregistrée." in fr  # visible test output is kept
    # bea's wrong letters: each one's feedback names its misconception, in French
    assert "Vous avez inversé L1 et L2" in fr and "0,05 est la pénalité L1" in fr


def test_item_analysis_of_the_graded_class(course):
    """End to end on this module's graded quiz class: ada right, bea two wrong, cyril blank."""
    summary = summarize(course["root"])
    stats = {(s.item.lesson, s.item.grade_id): s for s in summary.items.items}
    q01 = stats[("12_quiz", "q01_tests")]
    assert q01.item.kind == "quiz" and q01.n >= 3
    assert sum(q01.options.values()) == pytest.approx(1)
    assert q01.options[q01.right] == pytest.approx(q01.difficulty)  # the right letter scores
    assert q01.options["a"] > 0  # bea's wrong letter is counted as her option
    assert "note_blank" in {key for key, _ in summary.items.notes}  # cyril


def test_a_failing_item_analysis_leaves_a_note(course, monkeypatch):
    import grader.analysis.report as report

    def broken(root):
        raise ValueError("broken gradebook")

    monkeypatch.setattr(report, "collect", broken)
    summary = report.summarize(course["root"])
    assert summary.items.notes[0][0] == "note_failed" and summary.exercises


def test_report_and_export(course, tmp_path):
    summary = summarize(course["root"])
    assert set(summary.lesson_scores) == {"12_quiz"}
    q01 = next(e for e in summary.exercises if e.grade_id == "q01_tests")
    assert 0 < q01.pass_rate < 1
    assert q01.pass_rate + q01.zero_rate == pytest.approx(1)  # one point: all or nothing
    paths = plot(summary, tmp_path)
    assert all(p.stat().st_size > 1000 for p in paths)
    # every label in every language, and each figure shows its own language's
    assert all(set(TEXT[lang]) == set(TEXT["en"]) for lang in TEXT)
    for lang, other in (("en", "fr"), ("fr", "en")):
        shown = {
            t.get_text()
            for fig in figures(summary, lang).values()
            for ax in fig.axes
            for t in (ax.title, ax.xaxis.label, ax.yaxis.label)
        }
        assert {TEXT[lang]["score_title"], TEXT[lang]["pass_y"], TEXT[lang]["hidden_x"]} <= shown
        assert not shown & {TEXT[other]["score_title"], TEXT[other]["lesson"]}


def test_cli_runs_every_command_on_the_course(course, tmp_path):
    runner = CliRunner()
    root = str(course["root"])
    result = runner.invoke(app, ["--course", root, "export", "--csv", str(tmp_path / "g.csv")])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "g.csv").read_text().splitlines()
    assert lines[0].startswith("student,lesson,language,raw_score,late_penalty,score,max_score")
    assert len(lines) == 1 + len({r.student for r in rows(course["root"])})
    result = runner.invoke(app, ["--course", root, "report", "--output", str(tmp_path / "r")])
    assert result.exit_code == 0 and (tmp_path / "r" / "pass_rate.png").exists()
    assert "Exercises" in result.output and "Exercices" not in result.output
    report_fr = ["--course", root, "report", "--lang", "fr", "--output", str(tmp_path / "fr")]
    result = runner.invoke(app, report_fr)
    assert result.exit_code == 0 and (tmp_path / "fr" / "pass_rate.png").exists()
    assert "Exercices" in result.output and "Exercises" not in result.output
    result = runner.invoke(app, ["--course", root, "report", "--lang", "de"])
    assert result.exit_code != 0 and "--lang" in result.output
    result = runner.invoke(app, ["--course", root, "autograde", "12_quiz", "--workers", "1"])
    assert result.exit_code == 0 and "already graded" in result.output
    result = runner.invoke(app, ["--course", root, "feedback", "12_quiz", "--student", "ada"])
    assert result.exit_code == 0 and "0 failed" in result.output
    for command in ("release", "collect", "sample-class", "validate", "build"):
        assert runner.invoke(app, [command, "--help"]).exit_code == 0


def test_nothing_leaves_the_scratch_course(course):
    assert not (COURSE / "submitted" / "ada").exists()
    assert Path(course["root"]).name == "course"


def test_grade_table_is_one_line_per_student_with_the_notes_apart():
    from rich.console import Console

    from grader.cli.instructors import grade_notes, grade_table
    from grader.lms.export import Row

    def row(student, lesson, lang, score, manual=False, notes=""):
        return Row(student, lesson, lang, score, 0.0, score, 6.0, manual, "", notes)

    table = [
        row("ada", "01_overfitting", "en", 4.0, manual=True),
        row("ada", "12_quiz", "fr", 3.2, notes="late"),
        row("ben", "01_overfitting", "", 0.0, notes="no submission"),
        row("ben", "12_quiz", "fr", 0.0, notes="no submission; empty file: graded 0"),
    ]
    console = Console(width=80, record=True)
    console.print(grade_table(table))
    lines = console.export_text().splitlines()
    assert [line.split() for line in lines if line.strip().startswith(("ada", "ben"))] == [
        ["ada", "en+fr", "4*", "3.2"],
        ["ben", "fr", "-", "0"],
    ]
    assert grade_notes(table) == [
        "ada 12_quiz: late",
        "ben 12_quiz: empty file: graded 0",
    ]
