"""Authoring: from one lesson source to notebooks in two languages, and the author's checks.

:mod:`.build` generates and executes the notebooks, :mod:`.release` makes nbgrader's
student version, :mod:`.exercises` reads the mistakes catalogues, :mod:`.validate`
grades the solution and every mistake, :mod:`.perturb` and :mod:`.margin` check that
printed numbers hold on other CPUs.
"""
