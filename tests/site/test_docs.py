"""The README and the guide (docs/guide/<lang>/): what each promises about itself.

The README is one screen for a newcomer and links to the guide; the measurements live in
the guide's benchmarks page, not in the README nor in the other guide pages; every guide
page exists in every language, and the site's build refuses a page missing in one.
Each check is a function tried both ways: it passes on the repository's files and fails
on a copy broken on purpose. (That the guide's pages are in the built site of each
language is tests/site/test_site.py's, which builds the site once.)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from grader.languages import LANGS
from grader.lessons import ROOT
from grader.site.build import build_site
from grader.site.pages import GUIDE_SOURCES, guide_gaps, guide_pages
from grader.site.texts import MissingTranslation

README = ROOT / "README.md"
MAX_README_LINES = 150
MAX_README_HASHES = 3  # the latest figures' commits, not a diary of runs
# An abbreviated or full commit hash: hex digits, with at least one digit and one letter.
COMMIT = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b")
# Relative links of a Markdown file: [text](target) and ![alt](target).
LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)\s]*)?\)")
# The guide's pages whose facts are not measurements: no commit hash where avoidable.
MEASUREMENTS = "benchmarks"

# What the README looked like before it became one screen (a few lines of its diary).
DIARY = """\
at 596fbc1, 17 min 52 s (649 passed, 20 skipped, 1,968 s of CPU); at c04e998, later that
day on a faster AMD EPYC host, 74 s and 10 min 31 s; at 9b80839, 80 s and 9 min 11 s (654
passed, 20 skipped, 971 s of CPU); at b2168e5, 79 s and 8 min 56 s (656 passed).
"""


def readme_problems(text: str) -> list[str]:
    """What keeps ``text`` from being the README: too long, or a measurement diary."""
    problems = []
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > MAX_README_LINES:
        problems.append(f"{lines} lines (at most {MAX_README_LINES}: one screen)")
    hashes = COMMIT.findall(text)
    if len(hashes) > MAX_README_HASHES:
        problems.append(
            f"{len(hashes)} commit hashes (at most {MAX_README_HASHES}; the history belongs "
            f"in docs/guide/<lang>/benchmarks.md): {', '.join(sorted(set(hashes)))}"
        )
    return problems


def broken_links(path: Path, text: str | None = None) -> list[str]:
    """Relative links of a Markdown file that point to no file."""
    text = path.read_text(encoding="utf-8") if text is None else text
    return [
        target
        for target in LINK.findall(text)
        if not re.match(r"[a-z]+:", target) and not (path.parent / target).exists()
    ]


def unlinked_guide_pages(text: str, root: Path = GUIDE_SOURCES) -> list[str]:
    """Guide pages, in any language, that the README (``text``) does not link to."""
    prefix = root.relative_to(ROOT).as_posix()
    return [
        f"{lang}/{name}.md"
        for lang in LANGS
        for name in guide_pages(root)
        if f"]({prefix}/{lang}/{name}.md)" not in text
    ]


def hashes_outside_benchmarks(root: Path = GUIDE_SOURCES) -> list[str]:
    """``"<lang>/<page>.md: <hash>"`` for each commit hash in a guide page other than the
    benchmarks: the facts of the other pages hold without naming a commit."""
    return [
        f"{path.relative_to(root).as_posix()}: {found}"
        for path in sorted(root.glob("*/*.md"))
        if path.stem != MEASUREMENTS
        for found in COMMIT.findall(path.read_text(encoding="utf-8"))
    ]


@pytest.fixture
def guide_copy(tmp_path) -> Path:
    """A copy of docs/guide/ to break on purpose."""
    return Path(shutil.copytree(GUIDE_SOURCES, tmp_path / "guide"))


# --- the README --------------------------------------------------------------------------


def test_the_readme_is_one_screen_without_a_measurement_diary():
    text = README.read_text(encoding="utf-8")
    assert readme_problems(text) == []
    assert len(text.splitlines()) <= MAX_README_LINES
    assert 1 <= len(COMMIT.findall(text)) <= MAX_README_HASHES  # its latest figure's commit
    # broken on purpose: one line too many, then the diary the README used to keep
    longer = readme_problems(text + "\n" * (MAX_README_LINES - len(text.splitlines()) + 1))
    assert longer == [f"{MAX_README_LINES + 1} lines (at most {MAX_README_LINES}: one screen)"]
    diary = readme_problems(text + DIARY)
    assert len(diary) == 1 and diary[0].startswith("5 commit hashes"), diary
    assert all(old in diary[0] for old in ("596fbc1", "9b80839", "b2168e5", "c04e998"))


def test_the_readme_links_to_every_guide_page_in_every_language():
    text = README.read_text(encoding="utf-8")
    assert broken_links(README, text) == []
    assert unlinked_guide_pages(text) == []
    # broken on purpose: a link to a page that is not there, one guide page not linked
    assert broken_links(README, text + "\n[gone](docs/guide/en/gone.md)\n") == [
        "docs/guide/en/gone.md"
    ]
    assert unlinked_guide_pages(text.replace("(docs/guide/fr/authors.md)", "")) == ["fr/authors.md"]


# --- the guide ---------------------------------------------------------------------------


def test_every_guide_page_exists_in_every_language(guide_copy):
    pages = guide_pages()
    assert pages[:5] == ["students", "instructors", "authors", "commands", "benchmarks"]
    assert guide_gaps() == []
    for lang in LANGS:
        assert sorted(p.stem for p in (GUIDE_SOURCES / lang).glob("*.md")) == sorted(pages)
    # broken on purpose: a page removed from one language, a page added to the other
    (guide_copy / "fr" / "benchmarks.md").unlink()
    (guide_copy / "en" / "faq.md").write_text("# FAQ\n", encoding="utf-8")
    assert guide_gaps(guide_copy) == ["fr/benchmarks.md", "fr/faq.md"]
    assert guide_pages(guide_copy)[-1] == "faq"  # after the pages of the reading order


def test_the_site_build_refuses_a_guide_page_missing_in_a_language(guide_copy, tmp_path):
    """Before anything is written or run: the build names the page to write."""
    (guide_copy / "en" / "students.md").unlink()
    with pytest.raises(MissingTranslation, match="en/students.md"):
        build_site(out=tmp_path / "site", work=tmp_path / "work", guide=guide_copy)
    assert not (tmp_path / "site").exists() and not (tmp_path / "work").exists()


def test_every_link_and_image_of_the_guide_resolves():
    """Between pages, and to the screenshots in docs/ (which the site copies)."""
    for path in sorted(GUIDE_SOURCES.glob("*/*.md")):
        assert broken_links(path) == [], path
    # broken on purpose: a link to a page that does not exist, an image that is not there
    page = GUIDE_SOURCES / "fr" / "students.md"
    text = page.read_text(encoding="utf-8") + "\n[FAQ](faq.md) ![vue](../../vue.png)\n"
    assert broken_links(page, text) == ["faq.md", "../../vue.png"]


def test_commit_hashes_only_on_the_benchmarks_page(guide_copy):
    assert hashes_outside_benchmarks() == []
    for lang in LANGS:
        text = (GUIDE_SOURCES / lang / f"{MEASUREMENTS}.md").read_text(encoding="utf-8")
        assert "c1966e8" in text  # the latest `make test`, as in the README
    # broken on purpose: a measurement with its commit in the instructors' guide
    page = guide_copy / "en" / "instructors.md"
    page.write_text(page.read_text(encoding="utf-8") + DIARY, encoding="utf-8")
    assert hashes_outside_benchmarks(guide_copy) == [
        f"en/instructors.md: {found}" for found in ("596fbc1", "c04e998", "9b80839", "b2168e5")
    ]


def test_the_command_reference_is_generated_from_the_application():
    """Stale when any command's help, option or default changes; current as stored."""
    import typer

    from grader.cli import reference
    from grader.cli.main import app

    root = typer.main.get_command(app)
    assert reference.stale_pages(root) == [], "run `grader build`, commit docs/guide/*/commands.md"
    for lang in ("en", "fr"):
        page = reference.render(lang, root)
        for name in ("grader autograde", "grader student open", "grader export"):
            assert f"`{name}`" in page
    assert "`--db`" in reference.render("en", root)
    assert "`GRADER_DB`" in reference.render("fr", root)
    # the same application, after a command's help changed: stale in both languages
    root.commands["autograde"].help += " Changed."
    assert sorted(Path(p).parent.name for p in reference.stale_pages(root)) == ["en", "fr"]
