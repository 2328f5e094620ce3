"""This project's own layout: ``<student>/<file>``, each dated at upload time.

Why kept: it is what ``grader sample-class`` writes and what an instructor can
build by hand from any other system; the folder name is the nbgrader student id,
and the zip's dates are the upload times (the only layout where they are).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from grader.lms.names import Found, Identity, matcher

NAME = "folders"
SHAPE = "<student>/<file> (student: letters, digits, '.', '_', '-')"
DATED = True  # zip dates are upload times
NAMED_REGEXP = r"^(?:.*/)?(?P<student_id>[A-Za-z0-9._-]+)/(?P<file_id>[^/]+)$"
_MATCH = matcher(NAMED_REGEXP)


def parse(path: PurePosixPath) -> Found | None:
    found = _MATCH.collect(path.as_posix())
    if not found:
        return None
    student = found["student_id"]
    return Found(Identity(NAME, student, student), found["file_id"])
