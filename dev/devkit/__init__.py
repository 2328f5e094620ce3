"""Development tools of the course, never shipped to instructors.

The benchmarks (:mod:`.bench`), the throwaway PostgreSQL and Dask servers the tests and
benchmarks start (:mod:`.servers`), and the nbval kernel forked from one that imported
TensorFlow (:mod:`.zygote`). Installed in the checkout's environment only (``make venv``),
from ``dev/pyproject.toml``; :mod:`grader` never imports it.
"""
