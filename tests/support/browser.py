"""What the browser tests share: a real JupyterLab on loopback, Debian's chromium driven by
Playwright, screenshots kept when a test fails, and notebooks answered from the
instructor's solutions.

Each test module starts one server (module-scoped fixture, its tests in one xdist group)
and stops it at the end; chromium is launched as tests/site/test_site.py launches it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grader.lessons import ROOT
from grader.student import lab
from tests.site.test_site import CHROMIUM, CHROMIUM_ARGS

# Failing tests leave a screenshot here (not tracked); SCREENSHOTS=docs writes the guide's.
FAILURES = ROOT / "build" / "test-screenshots"
MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


@dataclass
class Server:
    """A running JupyterLab: its address with the token, and the folder it serves."""

    root: Path
    port: int
    token: str
    proc: object

    def url(self, path: str = "lab") -> str:
        sep = "&" if "?" in path else "?"
        return f"http://{lab.HOST}:{self.port}/{path}{sep}token={self.token}"


@contextlib.contextmanager
def jupyterlab(root: Path, env: dict[str, str], log: Path) -> Iterator[Server]:
    """A JupyterLab server on a free loopback port with a random token, stopped at the end."""
    port, token = lab.free_port(), secrets.token_hex(16)
    proc = lab.start(root, port, token, env=env, log=log)
    try:
        yield Server(root, port, token, proc)
    finally:
        lab.stop(proc)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """One headless chromium (Debian's), closed at the end."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            "chromium is missing: `make venv` installs it (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def screenshot_on_failure(page, name: str) -> Iterator[None]:
    try:
        yield
    except BaseException:
        FAILURES.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(FAILURES / f"{name}.png"), full_page=False)
        raise


def keep_screenshot(page, name: str) -> None:
    """The guide's screenshots (docs/*.png), written only when SCREENSHOTS names a folder."""
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        page.screenshot(path=str(ROOT / folder / f"{name}.png"))


def solutions(instructor: Path) -> dict[str, str]:
    """``{grade_id: answer}`` for every answer cell of an instructor notebook."""
    nb = nbformat.read(instructor, as_version=4)
    answers = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = [x for x in cell.source.splitlines() if not MARKER.match(x)]
            answers[meta["grade_id"]] = "\n".join(lines)
    return answers


def answer(notebook: Path, answers: dict[str, str]) -> None:
    """Write ``answers`` into the answer cells of a student notebook, by grade id."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    nbformat.write(nb, notebook)


def replace_cell(page, cell, source: str) -> None:
    """Type ``source`` over a cell's content, as a student pasting it would."""
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(source)  # no auto-indent, unlike typing key by key
