"""Sphinx's configuration, shared by every language's site (``sphinx-build -c grader/site``).

Why one file for all languages: the sites must have the same structure; only
``language`` differs, given on the command line (``-D language=fr``) by
:mod:`grader.site.build`. Sphinx and the theme then translate their own interface
(navigation, search, previous/next) and pick the search stemmer; what depends on the
language beyond that (title, language links) is set by :mod:`grader.site.sphinxext`.
"""

extensions = ["myst_nb", "sphinx.ext.mathjax", "grader.site.sphinxext"]

# The stored outputs are the ones shown: nothing is executed.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]

# student/ holds the downloads (notebooks Sphinx must not read as pages).
exclude_patterns = ["student/**", "jupyter_execute/**", "**.ipynb_checkpoints"]
templates_path = ["templates"]

html_theme = "sphinx_book_theme"
html_theme_options = {
    "article_header_end": ["langswitch.html", "article-header-buttons.html"],
    # The page's own download box offers the student notebook; the theme's button would
    # offer the page's source, with the outputs of a complete run in it.
    "use_download_button": False,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    # No "By <author>" line: the theme's footer would print a placeholder in English.
    "footer_content_items": [],
}
# No copies of the sources next to the pages: the downloads are the student versions.
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False

# MathJax from a Python package, copied next to the pages: no CDN (sphinxext).
mathjax_path = "mathjax/tex-svg.js"

# The only warning let through: the quiz puts its questions under ### headings right after
# the lesson's title (H1 to H3). The page renders as written; every other warning fails.
suppress_warnings = ["myst.header"]

html_static_path = ["static"]
html_css_files = ["site.css"]

# Text as the notebooks write it: docutils' smart quotes turn the French "d'**mot**" into
# a closing quotation mark.
smartquotes = False
