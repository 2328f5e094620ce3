"""The course's website (grader/site): built once, then every claim checked both ways.

Each check of grader.site.check passes on the built site and fails on a copy broken on
purpose (a solution line pasted in, a missing image, a page fetched from a CDN, a lesson
or a guide page left out, a French page without French spacing), so a check that cannot
fail does not pass for a guarantee. The browser test
opens the site from disk in Debian's chromium (Playwright, one launch): a French lesson's
plot and mathematics, its language link to English and back, and a search.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from grader.i18n import Text
from grader.languages import LANGS
from grader.lessons import ROOT, all_lessons
from grader.site import check, texts
from grader.site.build import SiteBuildError, build_site
from grader.site.pages import guide_pages, page_version

pytestmark = pytest.mark.xdist_group("site")  # one worker builds the site once

LESSONS = all_lessons()
GUIDE = guide_pages()  # docs/guide/<lang>/<name>.md: students, instructors, authors, ...
FRENCH_LESSON = "fr/lessons/01_overfitting.html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The whole site, both languages, built from scratch (fails on any Sphinx warning)."""
    root = tmp_path_factory.mktemp("site")
    builds = build_site(out=root / "site", work=root / "work", fresh=True)
    assert [b.lang for b in builds] == list(LANGS)
    assert all(b.warnings == "" for b in builds)
    return root / "site"


@pytest.fixture
def broken(site, tmp_path) -> Path:
    """A copy of the site to break on purpose."""
    return Path(shutil.copytree(site, tmp_path / "site"))


def _text(path: Path) -> str:
    """A page's text as a reader sees it, spaces collapsed."""
    return " ".join(check.soup(path).get_text("").split())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the build ---------------------------------------------------------------------------


def test_a_sphinx_warning_fails_the_build(monkeypatch, tmp_path):
    """One lesson, French only, with a link to a page that does not exist."""

    class Broken(Text):
        def __getitem__(self, lang: str) -> str:
            return super().__getitem__(lang) + ("\n[lien](nulle-part.md)\n" if lang == "fr" else "")

    monkeypatch.setitem(texts.PAGES, "howto", Broken(*texts.PAGES["howto"].sections))
    with pytest.raises(SiteBuildError, match="nulle-part"):
        build_site(
            out=tmp_path / "site", work=tmp_path / "work", langs=("fr",), lessons=LESSONS[:1]
        )


def test_site_texts_exist_in_every_language():
    assert texts.missing() == []
    gaps = texts.missing((*LANGS, "de"))
    assert len(gaps) == len(texts.LABELS) + len(texts.PAGES)
    assert all(gap.endswith("(de)") for gap in gaps)
    with pytest.raises(texts.MissingTranslation, match="site_title \\(de\\)"):
        texts.require((*LANGS, "de"))


# --- pages -------------------------------------------------------------------------------


def test_every_lesson_and_guide_page_in_every_language(site, broken):
    assert check.missing_pages(site) == []
    assert {"students", "instructors", "authors", "benchmarks"} <= set(GUIDE)
    for lang in LANGS:
        for lesson in LESSONS:
            assert (site / lang / "lessons" / f"{lesson.stem}.html").is_file()
        for name in GUIDE:
            assert (site / lang / "guide" / f"{name}.html").is_file()
    (broken / "en" / "lessons" / "04_dropout.html").unlink()
    (broken / "fr" / "guide" / "benchmarks.html").unlink()
    assert check.missing_pages(broken) == [
        "en/lessons/04_dropout.html: missing",
        "fr/guide/benchmarks.html: missing",
        "guide/benchmarks.html: only in the en site",
        "lessons/04_dropout.html: only in the fr site",
    ]
    # a page gone from both languages is still expected: the guide's sources name it
    (broken / "en" / "guide" / "benchmarks.html").unlink()
    assert "en/guide/benchmarks.html: missing" in check.missing_pages(broken)


def test_the_guide_is_on_the_home_page_in_the_page_language(site):
    """Each guide page under a "Guide" caption and heading, titled in the page's language."""
    titles = {}
    for lang in LANGS:
        home = check.soup(site / lang / "index.html")
        caption = texts.label("guide", lang)
        assert caption in [c.get_text().strip() for c in home.select("p.caption")], lang
        assert caption in [h.get_text().strip().rstrip("#") for h in home.select("article h2")]
        links = {a["href"]: a.get_text().strip() for a in home.select("article a.reference")}
        titles[lang] = [links[f"guide/{name}.html"] for name in GUIDE]
        for name, title in zip(GUIDE, titles[lang], strict=True):
            page = check.soup(site / lang / "guide" / f"{name}.html")
            assert page.html["lang"] == lang
            assert page.select_one("article h1").get_text().strip().rstrip("#") == title
    assert titles["fr"][0] == "Guide de l'étudiant" and titles["en"][0] == "Guide for students"
    assert not set(titles["en"]) & set(titles["fr"])  # each language's own titles


def test_the_french_guide_has_french_spacing(site, broken):
    """The build sets the narrow no-break space that the French sources leave plain."""
    assert check.plain_french_spacing(site) == []
    source = (ROOT / "docs" / "guide" / "fr" / "instructors.md").read_text(encoding="utf-8")
    assert "la racine du cours `course/`" in source and "étape est détaillée" in source
    assert "(LMS) ; chaque" in source  # typed plain, as authors type it
    page = broken / "fr" / "guide" / "instructors.html"
    tree = check.soup(page)
    paragraph = next(p for p in tree.select("article p") if "(LMS)\u202f; chaque" in p.text)
    for node in paragraph.find_all(string=True):  # the page as it would be without the build
        node.replace_with(node.replace("\u202f", " "))
    page.write_text(str(tree), encoding="utf-8")
    found = check.plain_french_spacing(broken)
    assert len(found) == 1 and found[0].startswith("fr/guide/instructors.html: "), found
    assert "(LMS) ; chaque" in found[0]


def test_interface_and_content_in_the_page_language(site):
    """Sphinx's and the theme's words, the course's and the download box's, per language."""
    for lang, words in {
        "en": ("Search", "Contents", "Download the student notebook", "Lesson 1"),
        "fr": ("Recherche", "Contenu", "Télécharger le notebook de l'étudiant", "Leçon 1"),
    }.items():
        page = site / lang / "lessons" / "01_overfitting.html"
        assert check.soup(page).html["lang"] == lang
        for word in words:
            assert word in _text(page), (lang, word)
        assert texts.label("site_title", lang) in _text(site / lang / "index.html")
        howto = _text(site / lang / "howto.html")
        assert "tensorflow-cpu==" in howto and "jupyter lab" in howto


def test_every_page_links_to_itself_in_the_other_language(site):
    for lang in LANGS:
        for page in sorted((site / lang).rglob("*.html")):
            if "_static" in page.parts:
                continue
            links = check.soup(page).select("a.site-langswitch-link")
            targets = {link["hreflang"]: (page.parent / link["href"]).resolve() for link in links}
            same_page = page.relative_to(site / lang)
            assert targets == {
                other: (site / other / same_page).resolve() for other in LANGS if other != lang
            }, page


def test_home_page_lists_every_lesson_with_its_goal(site, stored):
    for lang in LANGS:
        home = check.soup(site / lang / "index.html")
        listed = [a["href"] for a in home.select("article a.reference.internal")]
        for lesson in LESSONS:
            assert f"lessons/{lesson.stem}.html" in listed
            goal = stored[(lesson.stem, lang)].cells[0].source.split("\n\n")[1]
            words = goal.replace("`", "").replace("*", "").split()
            assert " ".join(words[-4:]) in _text(site / lang / "index.html")


def test_lesson_pages_show_the_exercises_without_their_solutions(site, stored):
    """The page is nbgrader's student version with the stored outputs (plots) kept."""
    stub = {"en": "YOUR CODE HERE", "fr": "VOTRE CODE ICI"}
    for lang in LANGS:
        for lesson in LESSONS:
            page = check.soup(site / lang / "lessons" / f"{lesson.stem}.html")
            assert stub[lang] in page.get_text("")
            images = len(page.select("div.cell_output img"))
            shown = page_version(stored[(lesson.stem, lang)], lang)
            plots = sum(
                "image/png" in output.get("data", {})
                for cell in shown.cells
                for output in cell.get("outputs", [])
            )
            assert images == plots > 0, (lang, lesson.stem)


def test_downloads_are_the_student_notebooks(site):
    for lang in LANGS:
        page = check.soup(site / lang / "lessons" / "02_weight_penalties.html")
        hrefs = [a["href"] for a in page.select("a.reference.download")]
        assert [Path(h).name for h in hrefs] == ["02_weight_penalties.ipynb", "coursetools.py"]
        nb = nbformat.read(site / lang / "lessons" / hrefs[0], as_version=4)
        assert nb.metadata["course"]["lang"] == lang
        assert not any(cell.get("outputs") for cell in nb.cells)


# --- links -------------------------------------------------------------------------------


def test_every_internal_link_and_image_resolves(site, broken):
    assert check.broken_links(site) == []
    page = broken / FRENCH_LESSON
    image = check.soup(page).select_one("div.cell_output img")["src"]
    (page.parent / image).unlink()
    _edit(page, 'href="#', 'href="#nowhere-')
    _edit(page, "</head>", '<script src="https://cdn.example.org/mathjax.js"></script></head>')
    found = check.broken_links(broken / "fr")  # one language is enough to show it fails
    assert len(found) == 3, found
    assert any(image in x and "missing file" in x for x in found)
    assert any("missing anchor #nowhere-" in x for x in found)
    assert any("loads https://cdn.example.org/mathjax.js from the network" in x for x in found)


def test_every_figure_has_its_description_as_alt_text(site, broken):
    assert check.undescribed_images(site) == []
    page = broken / FRENCH_LESSON
    tree = check.soup(page)
    img = tree.select_one("div.cell_output img")
    img["alt"] = img["src"]  # what the site had before: the file's path
    page.write_text(str(tree), encoding="utf-8")
    found = check.undescribed_images(broken)
    assert len(found) == 1 and FRENCH_LESSON in found[0], found


# --- solutions ---------------------------------------------------------------------------


def test_no_solution_text_anywhere(site):
    assert check.leaked_solutions(site) == []


def test_the_leak_check_has_something_to_find():
    """Every lesson's solutions give needles, in every language."""
    for lang in LANGS:
        needles = check.leak_needles(lang)
        assert needles[:4] == list(check.MARKERS)
        for lesson in LESSONS:
            nb = nbformat.read(lesson.notebook(lang), as_version=4)
            hidden = {" ".join(line.split()) for line in check.hidden_lines(nb)}
            assert hidden & set(needles), (lang, lesson.stem)


def test_a_pasted_solution_is_found(site, broken):
    lesson = LESSONS[0]
    instructor = nbformat.read(lesson.notebook("fr"), as_version=4)
    needles = set(check.leak_needles("fr"))
    line = next(x.strip() for x in check.hidden_lines(instructor) if x.strip() in needles)
    _edit(broken / FRENCH_LESSON, "</article>", f"<pre>{html.escape(line)}</pre></article>")
    # the instructor notebook published as a download, and a hidden test in the index
    download = next((broken / "fr" / "_downloads").rglob(f"{lesson.stem}.ipynb"))
    download.write_text(json.dumps(nbformat.from_dict(instructor)), encoding="utf-8")
    with (broken / "fr" / "searchindex.js").open("a", encoding="utf-8") as index:
        index.write("\n// ### BEGIN HIDDEN TESTS\n")
    found = check.leaked_solutions(broken, langs=["fr"])
    assert f"{FRENCH_LESSON}: {line!r}" in found
    assert any(x.startswith(download.relative_to(broken).as_posix()) for x in found)
    assert "fr/searchindex.js: 'BEGIN HIDDEN TESTS'" in found


# --- weight ------------------------------------------------------------------------------


def test_no_page_over_the_budget(site, broken):
    weights = check.page_weights(site)
    # + the guide, home, how-to, search, Sphinx's index; + the language chooser
    assert len(weights) == len(LANGS) * (len(LESSONS) + len(GUIDE) + 4) + 1
    assert check.overweight(site) == []
    page = broken / FRENCH_LESSON
    image = check.soup(page).select_one("div.cell_output img")["src"]
    (page.parent / image).write_bytes(b"\0" * check.MAX_PAGE_BYTES)
    assert [x.split(":")[0] for x in check.overweight(broken / "fr")] == [
        "lessons/01_overfitting.html"
    ]


# --- in a browser ------------------------------------------------------------------------


def _plots_loaded(page) -> list[int]:
    """The natural width of each output image: 0 when the browser could not load it."""
    return page.locator("div.cell_output img").evaluate_all(
        "images => images.map(i => i.complete ? i.naturalWidth : 0)"
    )


def _math_rendered(page) -> int:
    """Formulas MathJax turned into SVG, once it has typeset the page (0 without MathJax:
    Sphinx's inline configuration defines ``window.MathJax``, the library its ``startup``)."""
    return page.evaluate(
        """async () => {
            if (!window.MathJax || !MathJax.startup) return 0;
            await MathJax.startup.promise;
            return document.querySelectorAll("mjx-container svg").length;
        }"""
    )


@pytest.mark.browser
def test_a_reader_in_a_browser(site, broken):
    """French lesson: plot and maths rendered; to English and back; a search; offline."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is missing: `make venv` installs it"
    # the broken copy has no MathJax and lost the lesson's plot
    (broken / "fr" / "_static" / "mathjax" / "tex-svg.js").unlink()
    image = check.soup(broken / FRENCH_LESSON).select_one("div.cell_output img")["src"]
    (broken / FRENCH_LESSON).parent.joinpath(image).unlink()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            network = []
            page.on(
                "request", lambda r: r.url.startswith(("file:", "data:")) or network.append(r.url)
            )
            page.goto((site / FRENCH_LESSON).as_uri())
            assert page.locator("html").get_attribute("lang") == "fr"
            assert all(_plots_loaded(page)) and _plots_loaded(page)
            assert _math_rendered(page) >= 1

            page.locator("a.site-langswitch-link[hreflang=en]").click()
            page.wait_for_url("**/en/lessons/01_overfitting.html")
            assert page.locator("html").get_attribute("lang") == "en"
            assert page.locator("h1").first.inner_text().startswith("Lesson 1")
            page.locator("a.site-langswitch-link[hreflang=fr]").click()
            page.wait_for_url("**/fr/lessons/01_overfitting.html")

            page.keyboard.press("Control+k")
            page.locator("#pst-search-dialog input[name=q]").fill("dropout")
            page.keyboard.press("Enter")
            page.wait_for_url("**/fr/search.html?q=dropout")
            page.wait_for_selector("#search-results ul.search li", timeout=15_000)
            hits = page.locator("#search-results ul.search li a").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))"
            )
            # the dropout lesson among the first hits (lessons 10 and 11 sweep dropout too)
            assert "lessons/04_dropout.html" in hits[:3]
            # The status line comes after the last page is searched.
            page.locator("#search-results", has_text="Recherche terminée").wait_for(timeout=15_000)
            assert "Recherche terminée" in page.locator("#search-results").inner_text()

            # every guide page, in each language, read like a lesson: its language, its
            # title, offline, and its link to the same page in the other language
            for lang, other in (("en", "fr"), ("fr", "en")):
                for name in GUIDE:
                    page.goto((site / lang / "guide" / f"{name}.html").as_uri())
                    assert page.locator("html").get_attribute("lang") == lang
                    assert page.locator("h1").first.inner_text().strip()
                    page.locator(f"a.site-langswitch-link[hreflang={other}]").click()
                    page.wait_for_url(f"**/{other}/guide/{name}.html")
            assert network == []

            page.goto((broken / FRENCH_LESSON).as_uri())
            assert 0 in _plots_loaded(page)
            assert _math_rendered(page) == 0
        finally:
            browser.close()
