"""The instructor grades a written answer in formgrader, in a real browser, and it counts.

A scratch course with the sample class's Alice (complete and correct) and Bruno (typical
mistakes) on the quiz, collected and autograded; Alice wrote a formula in her written
answer. In JupyterLab's formgrader (the instructor's lab keeps nbgrader's tools) the
instructor gives her written answer its 2 points and a comment: the gradebook, `grader
export` and the feedback then carry them, and Alice's quiz reaches full marks. Her
feedback HTML typesets the formula offline in chromium, from the file alone.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import time

import nbformat
import pytest
import yaml
from playwright.sync_api import expect
from typer.testing import CliRunner

from grader.authoring.release import release, set_due_date
from grader.classes.sample import build_zip, load_class
from grader.cli.main import app
from grader.course import COURSE
from grader.grading.autograde import autograde
from grader.grading.feedback import generate_feedback, mathjax_source
from grader.lms.collect import collect_zip
from grader.lms.export import rows
from tests.site.test_site import _math_rendered
from tests.support.browser import chromium, jupyterlab, keep_screenshot, screenshot_on_failure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.servers,
    pytest.mark.xdist_group("formgrader"),
]  # one course, one server

QUIZ = ["12_quiz_en", "12_quiz_fr"]
FORMULA = r"$\hat{x} = (x - \mu) / \sqrt{\sigma^2 + \epsilon}$"
COMMENT = "Right: the moving statistics, and why a batch of one would break."


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Alice and Bruno from the sample class, the quiz only, collected and autograded."""
    root = tmp_path_factory.mktemp("formgrader") / "course"
    root.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    release(QUIZ, root=root)
    spec = load_class()
    keep = ("alice", "bruno")
    spec["students"] = {
        name: dict(info, lessons=["12_quiz"])
        for name, info in spec["students"].items()
        if name in keep
    }
    (root / "class.yml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    for aid in QUIZ:
        set_due_date(aid, spec["due"], root)
    written, _ = collect_zip(build_zip(root / "class.zip", root / "class.yml", root), root)
    assert sorted(written) == ["alice/12_quiz_en", "bruno/12_quiz_fr"]
    mine = root / "submitted" / "alice" / "12_quiz_en" / "12_quiz.ipynb"
    nb = nbformat.read(mine, as_version=4)
    cell = next(
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "misconception"
    )
    cell.source += f"\n\nIn symbols, at inference: {FORMULA}."
    nbformat.write(nb, mine)
    assert all(o.success for o in autograde(QUIZ, workers=1, root=root, progress=False))
    return root


def _alice(root):
    return next(r for r in rows(root) if r.student == "alice")


def test_written_answer_graded_in_formgrader_reaches_the_export(course, tmp_path):
    before = _alice(course)
    assert before.needs_manual_grade and before.raw_score == before.max_score - 2

    with jupyterlab(course, dict(os.environ), tmp_path / "lab.log") as server, chromium() as b:
        context = b.new_context(
            viewport={"width": 1400, "height": 900},
            extra_http_headers={"Authorization": f"token {server.token}"},  # XHRs too
        )
        page = context.new_page()
        with screenshot_on_failure(page, "formgrader"):
            page.goto(server.url("lab"))
            page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
            items = page.locator(".lm-Menu-itemLabel").all_inner_texts()
            assert "Formgrader" in items and "Create assignment" in items  # the instructor's

            page.goto(server.url("formgrader/gradebook/12_quiz_en/12_quiz"))
            page.locator("a", has_text="Submission #1").first.click()
            score = page.locator("input#misconception")
            score.wait_for(timeout=60_000)
            expect(score).to_have_class(re.compile("needs_manual_grade"))
            expect(page.locator("body")).to_contain_text("moving")  # her answer is shown
            score.fill("2")
            score.press("Tab")
            comment = page.locator("textarea#misconception-comment")
            comment.fill(COMMENT)
            comment.press("Tab")
            _wait_saved(course)
            keep_screenshot(page, "formgrader-written-answer")
        context.close()

    after = _alice(course)
    assert not after.needs_manual_grade
    assert after.raw_score == after.max_score == after.score > 0

    out = tmp_path / "grades.csv"
    result = CliRunner().invoke(app, ["--course", str(course), "export", "--csv", str(out)])
    assert result.exit_code == 0, result.output
    exported = {(r["student"], r["lesson"]): r for r in csv.DictReader(out.open())}
    alice = exported[("alice", "12_quiz")]
    assert float(alice["score"]) == float(alice["max_score"]) == after.max_score
    assert alice["needs_manual_grade"] in ("False", "0", "")
    bruno = exported[("bruno", "12_quiz")]
    assert bruno["needs_manual_grade"] == "True"  # shown failing: not graded by hand yet


def _wait_saved(root, timeout: float = 30) -> None:
    """formgrader saves on blur, asynchronously: until the gradebook has both."""
    from nbgrader.api import Gradebook

    from grader.course import config

    cfg = config(root)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
            grade = gb.find_grade("misconception", "12_quiz", "12_quiz_en", "alice")
            comment = gb.find_comment("misconception", "12_quiz", "12_quiz_en", "alice")
            if grade.manual_score == 2 and comment.manual_comment == COMMENT:
                return
        time.sleep(0.3)
    raise AssertionError("formgrader did not save the score and the comment")


def _network_scripts(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    scripts = BeautifulSoup(html, "html.parser").find_all("script", src=True)
    return [s["src"] for s in scripts if s["src"].startswith(("http:", "https:", "//"))]


def test_feedback_carries_the_grade_and_renders_maths_offline(course, tmp_path):
    result = generate_feedback("12_quiz_en", "alice", course)
    assert result["success"], result["log"][-2000:]
    page_file = course / "feedback" / "alice" / "12_quiz_en" / "12_quiz.html"
    html = page_file.read_text(encoding="utf-8")
    assert COMMENT in html  # graded by the test above (same module, same order)
    assert "(Score: 2.0 / 2.0)" in html
    assert _network_scripts(html) == []
    assert mathjax_source().read_text(encoding="utf-8")[:2000] in html  # inlined, from the package
    # shown failing: the same page with nbgrader's MathJax 2 from its CDN
    stock = tmp_path / "stock.html"
    cdn = '<script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js"></script>'
    start = html.index("<script>window.MathJax")
    end = html.index("</script>", html.index("<script>", start + 1)) + len("</script>")
    stock.write_text(html[:start] + cdn + html[end:], encoding="utf-8")
    assert _network_scripts(stock.read_text(encoding="utf-8")) == [cdn.split('"')[1]]

    lone = tmp_path / "downloaded" / "12_quiz.html"  # as a student gets it: the file alone
    lone.parent.mkdir()
    shutil.copy(page_file, lone)
    with chromium() as browser:
        page = browser.new_page()
        network = []
        page.on("request", lambda r: r.url.startswith(("file:", "data:")) or network.append(r.url))
        page.route("http*://**", lambda route: route.abort())
        page.goto(lone.as_uri())
        assert _math_rendered(page) >= 1
        assert network == []
        page.goto(stock.as_uri())
        assert _math_rendered(page) == 0
        assert network  # it tried the CDN
