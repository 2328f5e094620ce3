"""The course as a static website, one site per language, built from the stored notebooks.

Why: a reader (a student deciding whether to install anything, an instructor choosing a
course) should see the lessons, their plots, tables and mathematics in a browser, in
their language, without cloning the repository. The site is made from the executed
notebooks in ``notebooks/<lang>/`` as they are (no re-execution, so the outputs shown are
the ones nbval checks), with the solutions and hidden tests taken out by nbgrader's own
preprocessors, and it opens from disk with no server and nothing fetched from the network.

Sphinx with MyST-NB renders the notebooks (the authors' guide, ``docs/guide/en/authors.md``,
*The course as a website*, says why this tool). The site also carries the guide
(``docs/guide/<lang>/``). Modules: ``texts`` (the site's own words, in every language),
``pages`` (the Sphinx sources of one language, guide included), ``sphinxext`` and
``conf`` (the Sphinx set-up shared by every language), ``build`` (runs Sphinx per
language), ``check`` (what a built site must satisfy: every lesson and guide page, every
link, no solution text, page weights).
"""
