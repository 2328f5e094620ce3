"""The student's workspace (grader/student) without a browser: what it holds, what a re-run
does to a student's work, its Jupyter configuration, and Validate's budgets and timeout.

Cheap on purpose: two lessons released once per module (no TensorFlow runs), one quiz
kernel for the endless cell. Each check is also shown failing: on a workspace with an
instructor notebook pasted in, on nbgrader's default timeouts, on a busy port.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from grader.cli.main import app
from grader.lessons import ROOT, Lesson, all_lessons, select
from grader.site.check import leaked_solutions
from grader.student import lab, labconfig, texts, workspace
from grader.student.workspace import WorkspaceError, normalize_lang, sync

pytestmark = pytest.mark.xdist_group("student")  # the module's workspace is made once

LESSONS = ["04", "12"]
FILES = {
    "04_dropout/04_dropout.ipynb",
    "04_dropout/coursetools.py",
    "12_quiz/12_quiz.ipynb",
    "12_quiz/coursetools.py",
}


@pytest.fixture(scope="module")
def workspace_fr(tmp_path_factory) -> Path:
    """A French workspace with lessons 4 and 10, made as `grader student init` makes it."""
    folder = tmp_path_factory.mktemp("students") / "fr"
    report = sync(folder, "fr", LESSONS)
    labconfig.write(report.folder, "fr")
    assert sorted(report.added) == sorted(FILES)
    return folder


def _files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not {".jupyter", "__pycache__"} & set(p.parts)
    } - {workspace.MANIFEST, "nbgrader_config.py"}


# --- what the workspace holds ------------------------------------------------------------


def test_the_release_in_the_language_and_no_solution(workspace_fr, tmp_path):
    assert _files(workspace_fr) == FILES
    nb = nbformat.read(workspace_fr / "04_dropout" / "04_dropout.ipynb", as_version=4)
    assert nb.metadata["course"]["lang"] == "fr"
    assert "VOTRE CODE ICI" in "".join(cell.source for cell in nb.cells)
    lessons = select(LESSONS)
    assert leaked_solutions(workspace_fr.parent, ["fr"], lessons) == []
    # shown failing: the instructor's notebook in place of the student's
    broken = tmp_path / "fr"
    shutil.copytree(workspace_fr, broken)
    shutil.copy(Lesson("04_dropout").notebook("fr"), broken / "04_dropout" / "04_dropout.ipynb")
    found = leaked_solutions(tmp_path, ["fr"], lessons)
    assert found and all(x.startswith("fr/04_dropout/04_dropout.ipynb") for x in found)


def test_a_rerun_on_the_same_release_changes_nothing(workspace_fr):
    before = {p: (workspace_fr / p).read_bytes() for p in FILES}
    report = sync(workspace_fr, "fr_FR.UTF-8", ["12"])
    assert report.added == report.updated == report.left_alone == []
    assert sorted(report.unchanged) == ["12_quiz/12_quiz.ipynb", "12_quiz/coursetools.py"]
    assert {p: (workspace_fr / p).read_bytes() for p in FILES} == before


def test_new_and_corrected_lessons_never_overwrite_answers(tmp_path, monkeypatch):
    """A `git pull` brought a corrected quiz, a corrected helper and a new lesson."""
    release = {"12_quiz/12_quiz.ipynb": b"quiz v1", "12_quiz/coursetools.py": b"tools v1"}
    monkeypatch.setattr(workspace, "released", lambda lang, lessons: dict(release))
    folder = tmp_path / "ws"
    assert sorted(sync(folder, "fr", ["12"]).added) == sorted(release)
    (folder / "12_quiz" / "12_quiz.ipynb").write_bytes(b"my answers")

    report = sync(folder, "fr", ["12"])  # same release: the student's file is theirs
    assert report.left_alone == [("12_quiz/12_quiz.ipynb", "")]
    assert "conservé   12_quiz/12_quiz.ipynb\u202f: il contient votre travail" in report.lines()

    release.update(
        {
            "12_quiz/12_quiz.ipynb": b"quiz v2",
            "12_quiz/coursetools.py": b"tools v2",
            "11_new/11_new.ipynb": b"new lesson",
        }
    )
    report = sync(folder, "fr", ["12"])
    assert report.added == ["11_new/11_new.ipynb"]
    assert report.updated == ["12_quiz/coursetools.py"]  # untouched by the student
    assert report.left_alone == [("12_quiz/12_quiz.ipynb", "12_quiz/12_quiz.new.ipynb")]
    assert (folder / "12_quiz" / "12_quiz.ipynb").read_bytes() == b"my answers"
    assert (folder / "12_quiz" / "12_quiz.new.ipynb").read_bytes() == b"quiz v2"
    assert (folder / "12_quiz" / "coursetools.py").read_bytes() == b"tools v2"
    lines = report.lines()
    assert any(line.startswith("conservé   12_quiz/12_quiz.ipynb") for line in lines)
    assert "1 fichier ajouté, 1 mis à jour, 1 conservé" in lines[-1]
    # shown failing: without the manifest, nothing tells the course's file from the student's
    (folder / workspace.MANIFEST).unlink()
    assert sync(folder, "fr", ["12"]).updated == []


def test_refused_folders_and_languages(workspace_fr):
    with pytest.raises(WorkspaceError, match="dans le dépôt du cours"):
        sync(ROOT / "notebooks" / "mine", "fr")
    with pytest.raises(WorkspaceError, match="espace de travail en anglais"):
        sync(_english_workspace(workspace_fr), "fr")
    with pytest.raises(WorkspaceError, match="is a workspace in French"):
        sync(workspace_fr, "en")
    assert [normalize_lang(x) for x in ("fr", "fr_FR.UTF-8", "fr-CA", "C.UTF-8", "")] == [
        "fr",
        "fr",
        "fr",
        "en",
        "en",
    ]
    with pytest.raises(WorkspaceError, match="--lang en or --lang fr"):
        normalize_lang("de_DE.UTF-8")


def _english_workspace(near: Path) -> Path:
    folder = near.parent / "en-empty"
    folder.mkdir(exist_ok=True)
    (folder / workspace.MANIFEST).write_text(json.dumps({"lang": "en", "files": {}}))
    return folder


def test_a_busy_port_is_one_sentence(tmp_path):
    with socket.socket() as busy:
        busy.bind((lab.HOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert not lab.port_free(port)
        result = CliRunner().invoke(
            app, ["student", "open", "--lang", "fr", "--dir", str(tmp_path), "--port", str(port)]
        )
    assert result.exit_code == 1
    assert result.output.strip() == texts.text("port_busy", "fr", port=port)
    assert lab.port_free(port)
    assert not (tmp_path / workspace.MANIFEST).exists()  # nothing was done


def test_student_texts_exist_in_every_language():
    assert texts.missing() == []
    assert len(texts.missing(("en", "fr", "de"))) == len(texts.TEXTS)


# --- the student's JupyterLab ------------------------------------------------------------


def test_the_lab_is_french_without_instructor_tools(workspace_fr, tmp_path):
    from importlib.metadata import entry_points

    conf = workspace_fr / ".jupyter"
    settings = conf / "lab" / "user-settings" / "@jupyterlab" / "translation-extension"
    assert json.loads((settings / "plugin.jupyterlab-settings").read_text()) == {"locale": "fr_FR"}
    packs = {e.name for e in entry_points(group="jupyterlab.languagepack")}
    assert "fr_FR" in packs  # the language pack the setting names is installed
    page = json.loads((conf / "labconfig" / "page_config.json").read_text())
    off = {name for name, disabled in page["disabledExtensions"].items() if disabled}
    assert off == {
        "@jupyter/nbgrader:create-assignment",
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:course-list",
        "@jupyter/nbgrader:menu",
        "@jupyter/nbgrader:assignment-list",
    }
    server = json.loads((conf / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.course_list": False,
        "nbgrader.server_extensions.assignment_list": False,
    }
    # with an exchange (JupyterHub), the menu and the assignment list are back
    labconfig.write(tmp_path, "en", exchange=tmp_path / "exchange")
    page = json.loads((tmp_path / ".jupyter" / "labconfig" / "page_config.json").read_text())
    off = {name for name, disabled in page["disabledExtensions"].items() if disabled}
    assert off == set(labconfig.INSTRUCTOR_PLUGINS)
    assert "c.Exchange.root = " in (tmp_path / ".jupyter" / "nbgrader_config.py").read_text()
    env = labconfig.environment(workspace_fr, base={})
    assert env["JUPYTER_CONFIG_DIR"] == str(conf)
    assert env["TF_CPP_MIN_LOG_LEVEL"] == "3"


def _validator_config(config_dir: Path | None, monkeypatch):
    """nbgrader's configuration as its Validate handler loads it in the student's lab."""
    from jupyter_core.paths import jupyter_config_path
    from nbgrader.apps import NbGrader
    from nbgrader.preprocessors import Execute
    from nbgrader.validator import Validator

    if config_dir is None:
        monkeypatch.delenv("JUPYTER_CONFIG_DIR", raising=False)
    else:
        monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config_dir))
    monkeypatch.chdir(config_dir or Path("/"))
    nbgrader = NbGrader()
    nbgrader.config_file_paths.append([str(Path.cwd()), *jupyter_config_path()])
    nbgrader.load_config_file()
    validator = Validator(config=nbgrader.config)
    return validator, Execute(parent=validator)


def _slowest_lesson_seconds() -> float:
    """The slowest notebook's whole run in notebooks/TIMINGS.md (`make bench`): an upper
    bound of its slowest cell."""
    rows = re.findall(r"^\| notebooks/\S+ \| [\d.]+ \| [\d.]+ \| ([\d.]+) \|$", _timings(), re.M)
    assert len(rows) == 2 * len(all_lessons())  # every lesson, in both languages
    return max(float(x) for x in rows)


def _timings() -> str:
    return (ROOT / "notebooks" / "TIMINGS.md").read_text(encoding="utf-8")


def test_validate_has_time_for_every_lesson_on_a_busy_machine(workspace_fr, monkeypatch):
    """Validate's per-cell budget covers the slowest lesson's whole run eight times over
    (a machine half as fast, four times busier); the last output gets a minute."""
    need = labconfig.LOAD_FACTOR * _slowest_lesson_seconds()
    validator, execute = _validator_config(workspace_fr / ".jupyter", monkeypatch)
    assert execute.timeout >= need and execute.iopub_timeout >= 60
    assert execute.raise_on_iopub_timeout  # a lost output is still an error, only later
    assert "LA VALIDATION A ÉCHOUÉ" in validator.failed_warning
    # shown failing: nbgrader's defaults, what a student's lab had before
    validator, execute = _validator_config(None, monkeypatch)
    assert (execute.timeout, execute.iopub_timeout) == (30, 4)
    assert not execute.timeout >= need


def test_validate_stops_an_endless_cell_and_says_so_in_french(workspace_fr, tmp_path):
    from nbgrader.validator import Validator
    from traitlets.config import Config

    quiz = tmp_path / "12_quiz.ipynb"
    nb = nbformat.read(workspace_fr / "12_quiz" / "12_quiz.ipynb", as_version=4)
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q01")
    # the student's own print never ends, the next cell (q01's test) calls it
    answer.source = "\n".join(
        [
            'q01 = "b"',
            "def print(*args):",
            '    del globals()["print"]',
            "    while True:",
            "        pass",
        ]
    )
    nbformat.write(nb, quiz)
    shutil.copy(workspace_fr / "12_quiz" / "coursetools.py", tmp_path)
    config = Config()
    exec(labconfig.nbgrader_config("fr", cell_timeout=3), {"get_config": lambda: config})  # noqa: S102
    result = Validator(config=config).validate(str(quiz))
    first = result["failed"][0]
    assert first["source"].startswith("assert type(q01) is str")
    assert "cette cellule a été arrêtée après 3 s sans avoir fini" in first["raw_error"]
