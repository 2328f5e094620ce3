"""Canvas and Moodle round trips, from zips and rosters built here in their documented formats.

Each format is tried both ways: the LMS's own names, rosters and import files are
read or written as its source says (see the docstrings of grader/lms/canvas.py and
grader/lms/moodle.py), and the wrong thing (another LMS's names, an unknown
layout, a hostile zip) is refused or reported. Only the quiz is released, and only
the Canvas class (three quiz notebooks) is autograded.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import stat
import zipfile
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath

import nbformat
import pytest
from typer.testing import CliRunner

from grader.authoring.answers import answer_notebook
from grader.authoring.release import release, set_due_date
from grader.cli.main import app
from grader.course import COURSE
from grader.grading.notes import record
from grader.lessons import Lesson
from grader.lms import canvas, folders, moodle, safezip
from grader.lms import roster as rosters
from grader.lms.collect import collect_zip
from grader.lms.download import UnknownLayout, detect
from grader.lms.export import Row, export_lms, rows
from grader.lms.package import package_feedback, write_grades

QUIZ = ["12_quiz_en", "12_quiz_fr"]
ZOE = "Zoë O'Brien"
DUE = "2026-11-20 23:59:00"
CANVAS_ROSTER = [
    # sortable name, Canvas user id, SIS user id, SIS login id, section
    ("Lovelace, Ada", "101", "S001", "ada.lovelace", "Section A"),
    ("O'Brien, Zoë", "102", "S002", "zoe.obrien", "Section A"),
    ("Müller, Jörg", "103", "S003", "", "Section B"),
    ("Silva, Ana", "104", "S004", "asilva", "Section B"),
    ("Silva, Ana", "105", "S005", "asilva", "Section B"),  # same name, same login: kept apart
    ("Student, Test", "999", "", "", ""),
]
MOODLE_ROSTER = [
    # first, last, ID number, e-mail
    ("Zoë", "O'Brien", "E002", "zoe.obrien@uni.example"),
    ("Jörg", "Müller", "E003", "jorg.muller@uni.example"),
    ("Ana", "Silva", "E004", "ana.silva@uni.example"),
    ("Ana", "Silva", "E005", "ana.silva2@uni.example"),
]


def _nb(root: Path, lang: str, answers: dict | None = None) -> bytes:
    nb = answer_notebook(Lesson("12_quiz"), lang, answers or {"default": "solution"}, root)
    return nbformat.writes(nb).encode()


def _zip(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    # The LMSs stamp entries with the download's time: so does this fixture.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 12, 1, 9, 0, 0)), data)
    return path


def canvas_name(sortable: str, user_id: str, attachment: int, file: str, late=False) -> str:
    """lib/content_zipper.rb: name downcased, non-word characters removed, LATE marker."""
    squeezed = re.sub(r"\W", "", sortable.lower())
    return "_".join([squeezed] + (["LATE"] if late else []) + [user_id, str(attachment), file])


def moodle_folder(full_name: str, participant: int, old: bool = False) -> str:
    """mod/assign downloader: '_' in names becomes ' '; 3.1-4.0 ends the folder with '_'."""
    return f"{full_name.replace('_', ' ')}_{participant}_assignsubmission_file" + (
        "_" if old else ""
    )


def canvas_gradebook_csv(path: Path, sep: str = ",", points: str = "34") -> Path:
    """lib/gradebook_exporter.rb: identity columns, 'Title (id)', hidden row, Points Possible.

    ``sep`` and ``points`` play a locale's CSV (CSVWithI18n: ';' and a decimal comma).
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)
    writer.writerow(
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lesson 12: Quiz (4242)"]
        + ["Other (77)", "Current Score", "Final Score"]
    )
    writer.writerow(["", "", "", "", "", "Manual Posting", "", "", ""])
    writer.writerow(
        ["    Points Possible", "", "", "", "", "34", "5", "(read only)", "(read only)"]
    )
    for name, uid, sis, login, section in CANVAS_ROSTER:
        writer.writerow([name, uid, sis, login, section, "", "", "", ""])
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return path


def moodle_grades_csv(path: Path) -> Path:
    """admin/settings/grades.php's default export fields, then '<Module>: <item> (Real)'."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["First name", "Last name", "ID number", "Institution", "Department", "Email address"]
        + ["Assignment: 12 Quiz (Real)", "Last downloaded from this course"]
    )
    for first, last, idnumber, email in MOODLE_ROSTER:
        writer.writerow([first, last, idnumber, "", "", email, "-", "1764000000"])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def moodle_worksheet_csv(path: Path, rows_: list[tuple[int, str, str, str, str]]) -> Path:
    """mod/assign/gradingtable.php's worksheet: Identifier 'Participant N', ..., times."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum grade"]
        + ["Grade can be changed", "Last modified (submission)", "Last modified (grade)"]
    )
    for pid, full, email, status, when in rows_:
        writer.writerow([f"Participant {pid}", full, email, status, "", "34", "Yes", when, "-"])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    base = tmp_path_factory.mktemp("lms")
    root = base / "course"
    root.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    release(QUIZ, root=root)
    for aid in QUIZ:
        set_due_date(aid, DUE, root)
    notebooks = {lang: _nb(root, lang) for lang in ("en", "fr")}
    return root, notebooks


def _fresh(released, tmp_path) -> Path:
    """A copy of the released course, so that each test starts from no submissions."""
    root = tmp_path / "course"
    shutil.copytree(released[0], root)
    return root


# --- names, both ways -------------------------------------------------------------------


def test_canvas_names_are_read_as_content_zipper_writes_them():
    late = canvas.parse(
        PurePosixPath(canvas_name("O'Brien, Zoë", "102", 9, "12_quiz-1.ipynb", True))
    )
    assert late.identity.key == "102" and late.identity.name == "obrienzoë"
    assert late.late is True and late.file_name == "12_quiz.ipynb" and late.order == 9
    plain = canvas.parse(PurePosixPath("lovelaceada_101_8_12_quiz.ipynb"))
    assert plain.late is False and plain.file_name == "12_quiz.ipynb"
    older = canvas.parse(PurePosixPath("lovelaceada_late_101_8_notes.pdf"))  # older Canvas
    assert older.late is True and older.file_name == "notes.pdf"
    anon = canvas.parse(PurePosixPath("LATE_anon_x7Kq2_8_12_quiz.ipynb"))
    assert anon.identity.key == "anon_x7Kq2" and anon.late
    assert canvas.parse(PurePosixPath("lovelaceada_101_text.html")).file_name == "text.html"
    for other in ("ada/12_quiz.ipynb", "Ada Lovelace_5_assignsubmission_file/12_quiz.ipynb"):
        assert canvas.parse(PurePosixPath(other)) is None, other


def test_moodle_names_are_read_as_its_downloader_writes_them():
    for name in (
        f"{moodle_folder('Zoë O Brien', 34567)}/12_quiz.ipynb",  # 4.1+
        f"{moodle_folder('Zoë O Brien', 34567, old=True)}/12_quiz.ipynb",  # 3.1-4.0
        f"{moodle_folder('Zoë O Brien', 34567, old=True)}12_quiz.ipynb",  # flat
        f"{moodle_folder('Zoë O Brien', 34567)}/work/sub/12_quiz.ipynb",  # sub-folders
    ):
        found = moodle.parse(PurePosixPath(name))
        assert found.identity.key == "34567" and found.identity.name == "Zoë O Brien", name
        assert found.file_name == "12_quiz.ipynb", name
    text = moodle.parse(PurePosixPath("Ana Silva_4_assignsubmission_onlinetext_/onlinetext.html"))
    assert text.file_name == "onlinetext.html"
    for other in ("ada/12_quiz.ipynb", "lovelaceada_101_8_12_quiz.ipynb", "x_1_assignment_y/a"):
        assert moodle.parse(PurePosixPath(other)) is None, other


def test_detection_picks_the_one_layout_that_explains_every_file():
    def paths(*names):
        return [PurePosixPath(n) for n in names]

    assert detect(paths("lovelaceada_101_8_12_quiz.ipynb"), None) is canvas
    assert detect(paths(f"{moodle_folder('Ada', 3)}/12_quiz.ipynb"), None) is moodle
    assert detect(paths("ada/12_quiz.ipynb", "bob/notes.pdf"), None) is folders
    with pytest.raises(UnknownLayout) as error:
        detect(paths("ada/12_quiz.ipynb", "12_quiz.ipynb", "scan.pdf"), None)
    message = str(error.value)
    assert "12_quiz.ipynb" in message and "scan.pdf" in message
    assert all(name in message for name in ("canvas:", "moodle:", "folders:"))
    with pytest.raises(UnknownLayout, match="fit no canvas layout"):
        detect(paths(f"{moodle_folder('Ada', 3)}/12_quiz.ipynb"), "canvas")


def test_an_unknown_layout_imports_nothing(released, tmp_path):
    root = _fresh(released, tmp_path)
    zipped = _zip(tmp_path / "odd.zip", [("ada/12_quiz.ipynb", b"{}"), ("loose.ipynb", b"{}")])
    result = CliRunner().invoke(app, ["--course", str(root), "collect", "--zip", str(zipped)])
    assert (
        result.exit_code == 1
        and "loose.ipynb" in result.output
        and "Layouts known" in result.output
    )
    assert not (root / "submitted").exists() and not (root / "lms").exists()


# --- rosters ------------------------------------------------------------------------------


def test_canvas_roster_names_everyone_once(released, tmp_path):
    root = _fresh(released, tmp_path)
    roster, said = rosters.import_roster(canvas_gradebook_csv(tmp_path / "gb.csv"), root)
    ids = {e["ID"]: e["student"] for e in roster.students}
    assert ids == {
        "101": "ada.lovelace",
        "102": "zoe.obrien",
        "103": "s003",  # no login: the SIS user id
        "104": "asilva-104",  # two people would be asilva: kept apart by their Canvas ids
        "105": "asilva-105",
    }
    assert any("Test Student" in line for line in said)
    assert any("would be 'asilva'" in line for line in said)
    assert any("named 'ana silva'" in line for line in said)
    assert roster.columns == {"12_quiz": {"column": "Lesson 12: Quiz (4242)", "points": 34.0}}
    french = canvas_gradebook_csv(tmp_path / "fr.csv", sep=";", points="34,00")
    again, _ = rosters.import_roster(french, root)
    assert again.students == roster.students and again.columns == roster.columns


def test_moodle_roster_and_worksheet(released, tmp_path):
    root = _fresh(released, tmp_path)
    roster, said = rosters.import_roster(moodle_grades_csv(tmp_path / "grades.csv"), root)
    assert [e["student"] for e in roster.students] == [
        "zoe.obrien",
        "jorg.muller",
        "ana.silva",
        "ana.silva2",
    ]
    assert any("named 'ana silva'" in line for line in said)
    assert roster.columns["12_quiz"]["column"] == "12 Quiz"
    sheet = moodle_worksheet_csv(
        tmp_path / "sheet.csv",
        [
            (501, "Ana Silva", "ana.silva2@uni.example", "Submitted for grading", "-"),
            (502, "Nobody Here", "", "No submission", "-"),
            (
                503,
                "Jörg Müller",
                "",
                "Submitted - 1 day 2 hours late",
                "Sunday, 22 November 2026, 2:00 AM",
            ),
        ],
    )
    roster, said = rosters.import_roster(sheet, root)
    assert roster.participants["501"]["student"] == "ana.silva2"  # told apart by e-mail
    assert roster.participants["503"]["submitted"] == "2026-11-22T02:00:00"
    assert roster.participants["503"]["late"] is True
    assert "502" not in roster.participants and any("502" in line for line in said)
    assert len(rosters.load(root).students) == 4  # the worksheet did not replace the roster
    _, said = rosters.import_roster(canvas_gradebook_csv(tmp_path / "gb.csv"), root)
    assert any("replaced the moodle roster" in line for line in said)


def test_a_file_that_is_no_roster_is_refused(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("name,score\nada,3\n")
    with pytest.raises(ValueError, match="not a roster"):
        rosters.import_roster(bad, tmp_path)


# --- Moodle: collect, worksheet times, feedback zip -------------------------------------------


def test_moodle_download_to_feedback_zip(released, tmp_path):
    root = _fresh(released, tmp_path)
    rosters.import_roster(moodle_grades_csv(tmp_path / "grades.csv"), root)
    nb = released[1]
    entries = [
        (f"{moodle_folder(ZOE, 11)}/12_quiz.ipynb", nb["fr"]),
        (f"{moodle_folder('Jörg Müller', 12, old=True)}/12_quiz.ipynb", nb["en"]),
        (f"{moodle_folder('Jörg Müller', 12, old=True)}/scan.pdf", b"%PDF-1.4"),
        (f"{moodle_folder('Ana Silva', 13)}/12_quiz.ipynb", nb["en"]),
        (f"{moodle_folder('Ana Silva', 14)}/12_quiz.ipynb", nb["fr"]),
        (f"{moodle_folder('Ben Absent', 15)}/12_quiz.ipynb", nb["en"]),
    ]
    zipped = _zip(tmp_path / "C1-Quiz-77.zip", entries)
    written, notes = collect_zip(zipped, root)
    assert "zoe.obrien/12_quiz_fr" in written and "jorg.muller/12_quiz_en" in written
    said = {(n.student, n.message) for n in notes}
    # two Ana Silvas: not merged, each under its own id, and said
    assert any(s == "ana-silva-13" and "2 students" in m for s, m in said)
    assert any(s == "ana-silva-14" for s, m in said)
    assert any(s == "ben-absent-15" and "not in the roster" in m for s, m in said)
    assert any(s == "*" and "no submission times" in m for s, m in said)
    assert (root / "lms" / "kept" / "jorg.muller" / "scan.pdf").read_bytes() == b"%PDF-1.4"
    other = _zip(
        tmp_path / "other.zip", [(f"{moodle_folder('Jörg Müller', 99)}/scan.pdf", b"%PDF-2")]
    )
    collect_zip(other, root)  # another assignment's scan.pdf: kept beside the first
    assert (root / "lms" / "kept" / "jorg.muller" / "scan-2.pdf").read_bytes() == b"%PDF-2"
    stamp = (root / "submitted" / "jorg.muller" / "12_quiz_en" / "timestamp.txt").read_text()
    assert stamp.startswith("2026-11-20 23:59:00")  # no time given: on time, not the zip's date
    # the worksheet tells the Anas apart and gives Jörg's late time: collect again
    moodle_worksheet_csv(
        tmp_path / "sheet.csv",
        [
            (
                13,
                "Ana Silva",
                "ana.silva@uni.example",
                "Submitted",
                "Friday, 20 November 2026, 9:00 AM",
            ),
            (14, "Ana Silva", "ana.silva2@uni.example", "Submitted", "-"),
            (
                12,
                "Jörg Müller",
                "",
                "Submitted - 1 day late",
                "Saturday, 21 November 2026, 11:30 PM",
            ),
        ],
    )
    rosters.import_roster(tmp_path / "sheet.csv", root)
    written, notes = collect_zip(zipped, root)
    assert {"ana.silva/12_quiz_en", "ana.silva2/12_quiz_fr"} <= set(written)
    late = [n.message for n in notes if n.student == "jorg.muller" and "late" in n.message]
    assert late and "Moodle's grading worksheet" in late[0] and "2026-11-21 23:30" in late[0]
    stamp = (root / "submitted" / "jorg.muller" / "12_quiz_en" / "timestamp.txt").read_text()
    assert stamp.startswith("2026-11-21 23:30:00")
    # feedback back: the folders importziplib.php reads (name_id_plugintype_plugin)
    for student, aid in [
        ("zoe.obrien", "12_quiz_fr"),
        ("ana.silva2", "12_quiz_fr"),
        ("x", "12_quiz_en"),
    ]:
        html = root / "feedback" / student / aid / "12_quiz.html"
        html.parent.mkdir(parents=True)
        html.write_text(f"<p>{student}</p>")
    said = package_feedback("moodle", rosters.load(root), tmp_path / "out", root)
    with zipfile.ZipFile(tmp_path / "out" / "12_quiz_feedback.zip") as archive:
        names = sorted(archive.namelist())
    assert names == [
        "Ana Silva_14_assignfeedback_file/12_quiz.html",
        "Zoë O'Brien_11_assignfeedback_file/12_quiz.html",
    ]
    for name in names:  # is_valid_filename_for_import: explode('_', part, 5)
        info = name.split("/")[0].split("_", 4)
        assert info[1].isdigit() and info[2:] == ["assignfeedback", "file"]
    assert (tmp_path / "out" / "x" / "12_quiz.html").exists()
    assert any("x 12_quiz: no Moodle participant id" in line for line in said)


# --- exports: the LMS's columns ---------------------------------------------------------------


def _row(student, score, manual=False, lang="en", penalty=0.0):
    return Row(student, "12_quiz", lang, score + penalty, penalty, score, 17.0, manual, "", "")


def test_export_columns_follow_each_lms_import(tmp_path):
    roster = rosters.Roster(
        "canvas",
        "gb.csv",
        [
            {
                "student": s,
                "Student": n,
                "ID": i,
                "SIS User ID": "",
                "SIS Login ID": s,
                "Section": "A",
            }
            for s, n, i in [
                ("ada", "Lovelace, Ada", "101"),
                ("zoe", "O'Brien, Zoë", "102"),
                ("jo", "M, J", "103"),
            ]
        ],
        {"12_quiz": {"column": "Lesson 12: Quiz (4242)", "points": 34.0}},
    )
    table = [_row("ada", 15.3, penalty=1.7), _row("zoe", 12, manual=True), _row("ghost", 3)]
    said = write_grades("canvas", table, roster, tmp_path / "canvas.csv")
    lines = list(csv.reader((tmp_path / "canvas.csv").read_text(encoding="utf-8").splitlines()))
    assert lines[0] == [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "Lesson 12: Quiz (4242)",
    ]
    assert lines[1] == ["    Points Possible", "", "", "", "", "34"]
    assert lines[2] == ["Lovelace, Ada", "101", "", "ada", "A", "30.6"]  # 15.3 of 17 -> of 34
    assert lines[3][-1] == "" and lines[4][-1] == ""  # awaiting manual grading; no submission
    assert any("rescaled from 17 to the 34" in line for line in said)
    assert any("zoe 12_quiz" in line and "--include-ungraded" in line for line in said)
    assert any("not exported: ghost" in line for line in said)
    write_grades("canvas", table, roster, tmp_path / "all.csv", ungraded=True)
    assert "24" in (tmp_path / "all.csv").read_text()  # zoe's 12 of 17, on 34
    moodle_roster = rosters.Roster(
        "moodle",
        "grades.csv",
        [
            {
                "student": "ada",
                "First name": "Ada",
                "Last name": "Lovelace",
                "ID number": "E1",
                "Email address": "ada@uni.example",
            }
        ],
    )
    said = write_grades("moodle", table, moodle_roster, tmp_path / "moodle.csv")
    lines = list(csv.reader((tmp_path / "moodle.csv").read_text(encoding="utf-8").splitlines()))
    assert lines == [
        ["First name", "Last name", "ID number", "Email address", "12_quiz"],
        ["Ada", "Lovelace", "E1", "ada@uni.example", "15.3"],
    ]
    assert any("map its column" in line for line in said)


# --- hostile zips ---------------------------------------------------------------------------


def _entry(archive, name, data=b"{}", mode=None):
    info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 12, 0, 0))
    if mode is not None:
        info.create_system = 3
        info.external_attr = mode << 16
    archive.writestr(info, data)


def test_hostile_entries_are_refused_and_named(released, tmp_path):
    root = _fresh(released, tmp_path)
    good = released[1]["en"]
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as archive:
        _entry(archive, "ada/12_quiz.ipynb", good)
        _entry(archive, "../../escaped.ipynb", good)
        _entry(archive, "/tmp/absolute.ipynb", good)
        _entry(archive, "C:\\windows\\drive.ipynb", good)
        _entry(archive, "ada/./dot.ipynb", good)
        _entry(archive, "bob/12_quiz.ipynb", b"/etc/passwd", stat.S_IFLNK | 0o777)
        _entry(archive, "bob/tty.ipynb", b"", stat.S_IFCHR | 0o666)
    before = sorted(p.name for p in tmp_path.iterdir())
    written, notes = collect_zip(tmp_path / "evil.zip", root)
    assert written == ["ada/12_quiz_en"]
    refused = {n.file: (n.student, n.message) for n in notes if n.message.startswith("refused")}
    assert refused["../../escaped.ipynb"] == (
        "?",
        "refused ('..' or '.' in its path): not unpacked",
    )
    assert "absolute path" in refused["/tmp/absolute.ipynb"][1]
    assert "absolute path" in refused["C:\\windows\\drive.ipynb"][1]
    assert "'.'" in refused["ada/./dot.ipynb"][1]
    assert refused["bob/12_quiz.ipynb"] == ("bob", "refused (symbolic link): not unpacked")
    assert "character device" in refused["bob/tty.ipynb"][1]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing beside the course
    assert not Path("/tmp/absolute.ipynb").exists()
    outside = [p for p in root.parent.rglob("*escaped*")]
    assert outside == []


def test_bombs_and_giants_are_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ada/12_quiz.ipynb", b"\0" * (4 * 2**20))
    with pytest.raises(safezip.ZipRefused, match=r"inflates \d+ times .*limit of 100"):
        safezip.read_zip(bomb)
    giant = tmp_path / "giant.zip"
    with zipfile.ZipFile(giant, "w") as archive:
        archive.writestr("ada/12_quiz.ipynb", b"{}")
        archive.filelist[-1].file_size = 2 * 2**30  # the central directory claims 2 GiB
    with pytest.raises(safezip.ZipRefused, match=r"ada/12_quiz.ipynb would unpack to 2048 MiB"):
        safezip.read_zip(giant)
    crowd = tmp_path / "crowd.zip"
    with zipfile.ZipFile(crowd, "w") as archive:
        for number in range(safezip.MAX_ENTRIES + 1):
            archive.writestr(f"s{number}/12_quiz.ipynb", b"")
    with pytest.raises(safezip.ZipRefused, match=f"limit of {safezip.MAX_ENTRIES}"):
        safezip.read_zip(crowd)
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(safezip.ZipRefused, match="not a readable zip"):
        safezip.read_zip(fake)
    small = tmp_path / "fine.zip"  # below the floor, a good ratio is no bomb
    with zipfile.ZipFile(small, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ada/12_quiz.ipynb", b" " * 100_000)
    assert len(safezip.read_zip(small)[0]) == 1


# --- Canvas end to end: roster, download, late flag, autograde, export ------------------------


@pytest.fixture(scope="module")
def canvas_class(released, tmp_path_factory):
    from grader.grading.autograde import autograde

    base = tmp_path_factory.mktemp("canvas")
    root = base / "course"
    shutil.copytree(released[0], root)
    rosters.import_roster(canvas_gradebook_csv(base / "gb.csv"), root)
    nb = released[1]
    zipped = _zip(
        base / "submissions.zip",
        [
            (
                canvas_name("Lovelace, Ada", "101", 5001, "12_quiz.ipynb"),
                _nb(root, "en", {"default": "blank"}),
            ),
            (canvas_name("Lovelace, Ada", "101", 5009, "12_quiz-1.ipynb"), nb["en"]),
            (canvas_name("O'Brien, Zoë", "102", 5002, "12_quiz.ipynb", late=True), nb["fr"]),
            (canvas_name("O'Brien, Zoë", "102", 5003, "brouillon.py"), b"print('hi')"),
            (canvas_name("Silva, Ana", "105", 5004, "12_quiz.ipynb"), nb["en"]),
            (canvas_name("Newcomer, Nina", "106", 5005, "12_quiz.ipynb"), b"{broken"),
        ],
    )
    written, notes = collect_zip(zipped, root)
    record(notes, root)
    again = collect_zip(zipped, root)[0]
    outcomes = autograde(QUIZ, workers=2, root=root, timeout=20, progress=False)
    return {
        "root": root,
        "base": base,
        "zip": zipped,
        "written": written,
        "again": again,
        "notes": notes,
        "outcomes": outcomes,
    }


def test_canvas_download_is_filed_under_roster_ids(canvas_class):
    root = canvas_class["root"]
    assert sorted(canvas_class["written"]) == [
        "ada.lovelace/12_quiz_en",
        "asilva-105/12_quiz_en",
        "newcomernina-106/12_quiz_en",
        "zoe.obrien/12_quiz_fr",
    ]
    assert canvas_class["again"] == canvas_class["written"]  # idempotent
    notes = {(n.student, n.message) for n in canvas_class["notes"]}
    assert any(
        s == "ada.lovelace" and "duplicate" in m and "_5009_12_quiz-1" in m for s, m in notes
    )
    assert any(s == "newcomernina-106" and "not in the roster" in m for s, m in notes)
    assert any(
        s == "zoe.obrien" and "late per Canvas" in m and "1 started day" in m for s, m in notes
    )
    assert any(
        s == "zoe.obrien" and "not a notebook" in m and "brouillon.py" in m for s, m in notes
    )
    assert (root / "lms" / "kept" / "zoe.obrien" / "brouillon.py").exists()
    assert not list((root / "submitted").glob("*/*/*.py"))  # kept apart from the sandbox's copy
    due = datetime.strptime(DUE, "%Y-%m-%d %H:%M:%S")
    stamp = (root / "submitted" / "zoe.obrien" / "12_quiz_fr" / "timestamp.txt").read_text()
    assert stamp.startswith(str(due + timedelta(seconds=1)))
    stamp = (root / "submitted" / "ada.lovelace" / "12_quiz_en" / "timestamp.txt").read_text()
    assert stamp.startswith(DUE)  # on time per Canvas; the zip's (download) date is not used


def test_canvas_export_carries_scores_and_late_penalty(canvas_class, tmp_path):
    root = canvas_class["root"]
    table = {r.student: r for r in rows(root)}
    assert table["ada.lovelace"].raw_score > 0  # the later upload (-1), not the blank one
    zoe = table["zoe.obrien"]
    assert zoe.late_penalty == pytest.approx(round(zoe.raw_score * 0.1, 2)) and zoe.late_penalty > 0
    target = tmp_path / "canvas_import.csv"
    _, said = export_lms("canvas", target, root, include_ungraded=True)
    lines = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert lines[0][:5] == canvas.IDENTITY_COLUMNS and lines[0][5] == "Lesson 12: Quiz (4242)"
    assert lines[1][0] == "    Points Possible" and lines[1][5] == "34"
    by_id = {line[1]: line for line in lines[2:]}
    scale = 34 / zoe.max_score
    assert float(by_id["102"][5]) == pytest.approx(round(zoe.score * scale, 2))
    assert by_id["103"][5] == "" and by_id["104"][5] == ""  # no submission: Canvas keeps its own
    assert any("not exported: newcomernina-106" in line for line in said)
    _, said = export_lms("canvas", tmp_path / "strict.csv", root)
    strict = list(csv.reader((tmp_path / "strict.csv").read_text(encoding="utf-8").splitlines()))
    assert {line[1]: line[5] for line in strict[2:]}["102"] == ""  # q written answer ungraded


def test_cli_roster_collect_and_export(canvas_class, tmp_path):
    runner = CliRunner()
    root = str(canvas_class["root"])
    result = runner.invoke(
        app, ["--course", root, "roster", "import", str(canvas_class["base"] / "gb.csv")]
    )
    assert result.exit_code == 0 and "asilva-104" in result.output, result.output
    result = runner.invoke(
        app, ["--course", root, "collect", "--zip", str(canvas_class["zip"]), "--lms", "moodle"]
    )
    assert result.exit_code == 1 and "fit no moodle layout" in result.output
    result = runner.invoke(
        app, ["--course", root, "export", "--lms", "moodle", str(tmp_path / "m.csv")]
    )
    assert result.exit_code == 1 and "no moodle roster" in result.output
    result = runner.invoke(
        app, ["--course", root, "export", "--lms", "canvas", str(tmp_path / "c.csv")]
    )
    assert result.exit_code == 0 and (tmp_path / "c.csv").exists(), result.output
    assert "written answers still to grade" in result.output


# --- the sample class, as each LMS would hand it over ----------------------------------------

SAMPLE = """
due: "2026-11-20 23:59:00"
students:
  alice: {lang: en, submitted: "2026-11-20 18:00:00", lessons: [12_quiz],
          answers: {default: solution}}
  dmitri: {lang: en, submitted: "2026-11-22 10:15:00", lessons: [12_quiz],
           answers: {default: solution}}
  farid: {lang: fr, submitted: "2026-11-20 23:00:00", lessons: [12_quiz],
          answers: {default: solution}, damage: {12_quiz: [renamed, nbformat3]}}
"""


@pytest.mark.parametrize("lms", ["canvas", "moodle"])
def test_the_sample_class_goes_through_each_lms(released, tmp_path, lms):
    from grader.classes.sample import build_zip
    from grader.lms.sample import canvas_files, moodle_files

    root = _fresh(released, tmp_path)
    (tmp_path / "class.yml").write_text(SAMPLE)
    sample = build_zip(root / "downloaded" / "sample_class.zip", tmp_path / "class.yml", root)
    due = datetime.strptime(DUE, "%Y-%m-%d %H:%M:%S")
    out = tmp_path / lms
    if lms == "canvas":
        made = canvas_files(sample, out, root, due)
        rosters.import_roster(out / "gradebook.csv", root)
    else:
        made = moodle_files(sample, out, due)
        rosters.import_roster(out / "grades.csv", root)
        rosters.import_roster(out / "worksheet_12_quiz.csv", root)
    assert [p.name for p in made if p.suffix == ".zip"] == ["12_quiz.zip"]
    written, notes = collect_zip(out / "12_quiz.zip", root, lms)
    assert written == ["alice/12_quiz_en", "dmitri/12_quiz_en", "farid/12_quiz_fr"]
    late = [n.message for n in notes if n.student == "dmitri" and "late" in n.message]
    source = "Canvas" if lms == "canvas" else "Moodle's grading worksheet"
    assert late and source in late[0]
    assert not [n for n in notes if n.student == "alice"]
    table = rows(root)  # nothing graded yet: every roster student still gets a row
    write_grades(lms, table, rosters.load(root), tmp_path / "import.csv")
    lines = list(csv.reader((tmp_path / "import.csv").read_text(encoding="utf-8").splitlines()))
    people = [line[3] for line in lines[-3:]]
    assert people == (
        ["alice", "dmitri", "farid"]
        if lms == "canvas"
        else ["alice@example.edu", "dmitri@example.edu", "farid@example.edu"]
    )
