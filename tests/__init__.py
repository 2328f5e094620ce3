"""The tests, laid out like what they check; their helpers in tests.support.

Markers (pyproject.toml): browser, servers, tensorflow, perturb.
"""
