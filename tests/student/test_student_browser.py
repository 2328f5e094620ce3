"""A French student in their workspace, in a real JupyterLab and a real browser.

One server for the module (the workspace as `grader student open` serves it: its own
Jupyter configuration, the course's kernel settings), one chromium. Lesson 4 in French,
every exercise answered from the solutions except ``inverted_dropout``, which the test
types in the browser: wrong first (no 1/(1-rate) scaling), which *Validate* names in
French, then right, which its test cell accepts. (One Validate of a TensorFlow lesson: a
second, successful one is clicked on the quiz in tests/student/test_student_exchange.py.)
Shown failing: the same page asks for the instructor's tools and the English words,
which are not there.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from grader.authoring.exercises import load_mistakes
from grader.lessons import Lesson
from grader.student import labconfig
from grader.student.workspace import sync
from tests.support.browser import (
    answer,
    chromium,
    jupyterlab,
    keep_screenshot,
    replace_cell,
    screenshot_on_failure,
    solutions,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.servers,
    pytest.mark.tensorflow,
    pytest.mark.xdist_group("student-lab"),
]  # one server for the module

LESSON = Lesson("04_dropout")
EXERCISE = "inverted_dropout"
WRONG = load_mistakes(LESSON, "fr")[EXERCISE]["no_rescaling"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("student") / "cours"
    sync(folder, "fr", ["04"])
    labconfig.write(folder, "fr")
    right = solutions(LESSON.notebook("fr"))
    others = {k: v for k, v in right.items() if k != EXERCISE}
    answer(folder / "04_dropout" / "04_dropout.ipynb", others)
    log = folder.parent / "lab.log"
    with jupyterlab(folder, labconfig.environment(folder), log) as lab_server:
        lab_server.solution = right[EXERCISE]
        yield lab_server


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _menus(page) -> list[str]:
    return page.locator(".lm-MenuBar-itemLabel").all_inner_texts()


def _validate(page) -> str:
    """Click Validate; the dialog's text once nbgrader answered; the dialog closed."""
    page.locator(".validate-button").click()
    dialog = page.locator(".jp-Dialog-content")
    dialog.wait_for(timeout=240_000)
    text = dialog.inner_text()
    return text


def _close_dialog(page) -> None:
    page.locator(".jp-Dialog-content .jp-mod-accept").click()
    page.locator(".jp-Dialog-content").wait_for(state="detached")


def test_french_student_validates_lesson_4(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="fr-FR")
    with screenshot_on_failure(page, "student_validates_lesson_4"):
        page.goto(server.url("lab/tree/04_dropout/04_dropout.ipynb"))
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
        menus = _menus(page)
        assert {"Fichier", "Édition", "Exécution", "Noyau"} <= set(menus), menus
        assert "File" not in menus and "Nbgrader" not in menus  # no instructor menu
        assert page.locator("#nbgrader-create_assignemnt").count() == 0  # nbgrader's id
        assert page.locator(".validate-button").count() == 1
        formgrader = page.request.get(server.url("formgrader"))
        assert formgrader.status == 404  # the server extension is off too

        # Run all, once the kernel is ready: the untouched exercise's test stops the run
        page.get_by_text("Python 3 (ipykernel) | Inactif").wait_for(timeout=120_000)
        page.locator(".lm-MenuBar-itemLabel", has_text="Exécution").click()
        page.get_by_text("Exécuter toutes les cellules", exact=True).click()
        check = page.locator(".jp-CodeCell", has_text="inverted_dropout(_x, _rate").first
        check.scroll_into_view_if_needed()
        expect(check.locator(".jp-OutputArea")).to_contain_text(
            "NotImplementedError", timeout=120_000
        )
        stub = page.locator(".jp-CodeCell", has_text="VOTRE CODE ICI").first
        check.locator(".jp-OutputArea").scroll_into_view_if_needed()
        keep_screenshot(page, "student-fr-lab")

        replace_cell(page, stub, WRONG["code"].strip())
        said = _validate(page)
        error = page.locator(".jp-Dialog-content").get_by_text(WRONG["says"]["fr"]).last
        error.scroll_into_view_if_needed()  # the message, below the test's source
        page.evaluate(
            "document.querySelectorAll('.jp-Dialog-content *').forEach(e => e.scrollLeft = 0)"
        )
        keep_screenshot(page, "student-fr-validate")
        assert WRONG["says"]["fr"] in said, said
        assert "inverted_dropout(_x, _rate" in said  # the failing test cell is shown
        _close_dialog(page)

        saved = (server.root / "04_dropout" / "04_dropout.ipynb").read_text(encoding="utf-8")
        assert "(rng.random(x.shape) >= rate)" in saved  # Validate saved the notebook first

        # fixed, then checked from the notebook itself: the function, then its test cell
        mine = page.locator(".jp-CodeCell", has_text="def inverted_dropout").first
        replace_cell(page, mine, server.solution)
        page.keyboard.press("Shift+Enter")
        page.keyboard.press("Shift+Enter")
        expect(check.locator(".jp-OutputArea")).to_contain_text(
            "Tests visibles réussis.", timeout=60_000
        )
        assert "Error" not in check.locator(".jp-OutputArea").inner_text()
    page.close()
