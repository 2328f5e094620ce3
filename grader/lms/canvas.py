"""Canvas: its *Download Submissions* names, its gradebook CSV in and out.

Formats read from Canvas's source (instructure/canvas-lms):

- ``lib/content_zipper.rb`` (``add_upload_submission``, ``get_filename``): each
  file of a submission is ``<name>_[LATE_]<user id>_<attachment id>_<file name>``,
  flat in the zip. ``<name>`` is the sortable name ("Last, First") downcased with
  every non-word character removed (``[^[[:word:]]]``), so "O'Brien, Zoë" becomes
  ``obrienzoë``; ``LATE`` (``late`` in older Canvas) is there when Canvas counts the
  submission late; anonymous grading writes ``anon_<anonymous id>`` instead of
  name and user id. The second number is the file's attachment id (ids grow with
  time: a later upload has a larger one). Text and URL entries are
  ``<name>_<user id>_text.html`` / ``_link.html``. Zip entries are written with
  rubyzip's default time (the download's), so zip dates say nothing.
- ``app/models/attachment.rb`` (``make_unique_filename``): a file uploaded again
  under the same name becomes ``<base>-<N><ext>`` (``12_quiz-1.ipynb``).
- ``lib/gradebook_exporter.rb``: the gradebook CSV is ``Student, ID, [SIS User
  ID], SIS Login ID, [Integration ID], [Root Account], Section``, custom columns,
  one ``<title> (<assignment id>)`` column per assignment, then read-only totals;
  a ``    Points Possible`` row comes second (after an optional row for hidden
  grades). The import takes the same layout back (Canvas guides: "Student Name
  OR Student ID OR SIS User ID, SIS Login ID, Section, Assignment"); a column
  without an id makes a new assignment.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from grader.lms.csvfile import number, read_rows, write_import
from grader.lms.names import Found, Identity, matcher

NAME = "canvas"
SHAPE = "<name>_[LATE_]<user id>_<attachment id>_<file> (flat)"
DATED = False  # rubyzip stamps entries with the download's time
NAMED_REGEXP = (
    r"^(?:(?P<name>[^/]*?)_)??(?:(?P<late>late)_)?(?P<student_id>\d+|anon_[A-Za-z0-9]+)_"
    r"(?:(?P<attachment>\d+)_(?P<file_id>[^/]+)|(?P<online>text|link)\.html)$"
)
_MATCH = matcher("(?i)" + NAMED_REGEXP)
_RESUBMITTED = re.compile(r"^(?P<base>.+)-(?P<n>\d+)(?P<ext>\.[A-Za-z0-9]+)$")
IDENTITY_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
POINTS_ROW = "    Points Possible"


def parse(path: PurePosixPath) -> Found | None:
    if len(path.parts) > 2:  # flat, or inside one folder when re-zipped by hand
        return None
    found = _MATCH.collect(path.name)
    if not found:
        return None
    if found["online"]:
        file_name = f"{found['online']}.html"
    else:
        file_name = found["file_id"]
        again = _RESUBMITTED.match(file_name)
        if again:  # Canvas renamed a second upload of the same name
            file_name = again["base"] + again["ext"]
    identity = Identity(NAME, found["student_id"], found["name"] or found["student_id"])
    return Found(identity, file_name, bool(found["late"]), int(found["attachment"] or 0))


def assignment_column(title: str) -> tuple[str, str | None]:
    """``"10 Quiz (4242)"`` -> ("10 Quiz", "4242"); a column without an id -> (title, None)."""
    match = re.match(r"^(?P<title>.*\S)\s*\((?P<id>\d+)\)$", title.strip())
    return (match["title"], match["id"]) if match else (title.strip(), None)


def read_gradebook(path: Path) -> tuple[list[dict[str, str]], dict[str, float], list[str]]:
    """Students, points possible per assignment column, and the header, of a Canvas CSV."""
    table = read_rows(path)
    header = table[0] if table else []
    points: dict[str, float] = {}
    students = []
    for cells in table[1:]:
        row = dict(zip(header, cells, strict=False))
        if cells and cells[0] == POINTS_ROW.strip():
            for column, value in row.items():
                if (possible := number(value)) is not None:
                    points[column] = possible
            continue
        if not row.get("ID", "").strip():  # the row for hidden grades, or a blank line
            continue
        students.append(row)
    return students, points, header


def looks_like_gradebook(header: list[str]) -> bool:
    return {"ID", "SIS Login ID", "Section"} <= set(header) and (
        "Student" in header or {"LastName", "FirstName"} <= set(header)
    )


def write_gradebook(
    path: Path,
    columns: list[str],
    points: list[float],
    students: list[dict[str, str]],
    scores: list[list[str]],
) -> None:
    """The import CSV: identity columns, a Points Possible row, one row per student."""
    head = [POINTS_ROW] + [""] * (len(IDENTITY_COLUMNS) - 1) + [f"{p:g}" for p in points]
    write_import(path, IDENTITY_COLUMNS, columns, students, scores, (head,))
