"""The JupyterHub path: nbgrader's exchange, two students, one in each language.

The instructor releases the quiz in both languages with `grader release --exchange` (a
temporary exchange folder: what JupyterHub's shared exchange is, without a hub). Bruno,
French, works in his workspace's JupyterLab in a real browser: *Nbgrader > Assignment
List*, Fetch, Validate, Submit. Alice, English, does the same with nbgrader's commands
from her workspace. The instructor collects both with `grader collect`. The quiz: no
TensorFlow, so the whole path costs a few CPU-seconds beyond the server and the browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from grader.authoring.release import release
from grader.course import COURSE
from grader.lessons import Lesson
from grader.lms.collect import collect_exchange
from grader.student import labconfig
from grader.student.workspace import sync
from tests.support.browser import (
    answer,
    chromium,
    jupyterlab,
    keep_screenshot,
    screenshot_on_failure,
)
from tests.support.browser import solutions as solutions_of

pytestmark = [pytest.mark.browser, pytest.mark.servers, pytest.mark.xdist_group("student-exchange")]

BIN = Path(sys.executable).parent
QUIZ = Lesson("12_quiz")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course root and its exchange, the quiz released to it in both languages."""
    base = tmp_path_factory.mktemp("hub")
    root, exchange = base / "course", base / "exchange"
    root.mkdir()
    exchange.mkdir()
    os.chmod(exchange, 0o777)  # as on a hub: every student writes their submission there
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    saved = os.environ.get("GRADER_EXCHANGE")
    os.environ["GRADER_EXCHANGE"] = str(exchange)
    try:
        release(["12_quiz_en", "12_quiz_fr"], exchange=True, root=root)
        yield root, exchange
    finally:
        if saved is None:
            os.environ.pop("GRADER_EXCHANGE", None)
        else:
            os.environ["GRADER_EXCHANGE"] = saved


def _student(base: Path, name: str, lang: str, exchange: Path) -> tuple[Path, dict[str, str]]:
    folder = base / name
    sync(folder, lang, exchange=True)
    labconfig.write(folder, lang, exchange=exchange)
    # On a hub each student is a user of their own, whom nbgrader's exchange files the
    # submission under; here everyone is the same user, so the id is said in the config.
    with (folder / ".jupyter" / "nbgrader_config.py").open("a") as config:
        config.write(f"c.CourseDirectory.student_id = {name!r}\n")
    return folder, labconfig.environment(folder)


def _nbgrader(env: dict[str, str], cwd: Path, *args: str) -> str:
    done = subprocess.run(
        [BIN / "nbgrader", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout + done.stderr


def test_two_students_fetch_validate_submit_and_the_instructor_collects(course, tmp_path):
    root, exchange = course
    # Alice, English, from her workspace's terminal
    alice, env = _student(tmp_path, "alice", "en", exchange)
    _nbgrader(env, alice, "fetch_assignment", "12_quiz_en")
    answer(alice / "12_quiz_en" / "12_quiz.ipynb", solutions_of(QUIZ.notebook("en")))
    said = _nbgrader(env, alice, "validate", "12_quiz_en/12_quiz.ipynb")
    assert "Success! Your notebook passes all the tests." in said
    _nbgrader(env, alice, "submit", "12_quiz_en")

    # Bruno, French, in JupyterLab's assignment list
    bruno, env = _student(tmp_path, "bruno", "fr", exchange)
    with jupyterlab(bruno, env, tmp_path / "lab.log") as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="fr-FR")
        with screenshot_on_failure(page, "student_exchange"):
            page.goto(server.url("lab"))
            page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
            items = page.locator(".lm-Menu-itemLabel").all_inner_texts()
            assert [x for x in items if x] == ["Assignment List"]  # no formgrader, no courses
            page.get_by_text("Assignment List", exact=True).click()
            released = page.locator("#released_assignments_list")
            row = released.locator(".list_item", has_text="12_quiz_fr")
            row.get_by_role("button", name="Fetch").click()
            fetched = page.locator("#fetched_assignments_list")
            expect(fetched).to_contain_text("12_quiz_fr", timeout=60_000)
            notebook = bruno / "12_quiz_fr" / "12_quiz.ipynb"
            assert notebook.exists()
            # his work: the quiz answered, one answer not a letter
            right = solutions_of(QUIZ.notebook("fr"))
            answer(notebook, right | {"q03": "q03 = 3"})
            fetched.locator(".list_item", has_text="12_quiz_fr").locator("a").first.click()
            fetched.get_by_role("button", name="Validate").click()
            dialog = page.locator(".jp-Dialog-content")
            dialog.wait_for(timeout=120_000)
            assert "Répondez par une lettre entre guillemets" in dialog.inner_text()
            keep_screenshot(page, "student-fr-assignment-list")
            dialog.locator(".jp-mod-accept").click()
            dialog.wait_for(state="detached")
            answer(notebook, {"q03": right["q03"]})  # corrected, validated, submitted
            fetched.get_by_role("button", name="Validate").click()
            dialog.wait_for(timeout=120_000)
            assert "Success! Your notebook passes all the tests." in dialog.inner_text()
            dialog.locator(".jp-mod-accept").click()
            fetched.locator(".list_item", has_text="12_quiz_fr").get_by_role(
                "button", name="Submit"
            ).click()
            submitted = page.locator("#submitted_assignments_list")
            expect(submitted).to_contain_text("12_quiz_fr", timeout=60_000)
            page.close()

    # the instructor
    assert collect_exchange(["12_quiz_en", "12_quiz_fr"], root) == [
        "12_quiz_en: ok",
        "12_quiz_fr: ok",
    ]
    submitted = root / "submitted"
    got = sorted(p.relative_to(submitted).as_posix() for p in submitted.rglob("*.ipynb"))
    assert got == ["alice/12_quiz_en/12_quiz.ipynb", "bruno/12_quiz_fr/12_quiz.ipynb"]
    cells = nbformat.read(submitted / got[1], as_version=4).cells
    assert right["q03"] in [cell.source for cell in cells]  # his corrected work
