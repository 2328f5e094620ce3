"""One writer for every LMS import file: identity columns first, then one column per item.

Why shared: Canvas's and Moodle's imports differ in their identity columns and in
Canvas's extra Points Possible row, not in how a CSV is written (UTF-8, no BOM,
``\\r\\n`` line ends as Python's ``csv`` writes them, one row per roster entry).
"""

from __future__ import annotations

import csv
from pathlib import Path


def write_import(
    path: Path,
    identity: list[str],
    columns: list[str],
    students: list[dict[str, str]],
    scores: list[list[str]],
    head: tuple[list[str], ...] = (),
) -> None:
    """``identity + columns`` as header, the ``head`` rows, then each student's row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(identity + columns)
        writer.writerows(head)
        for student, cells in zip(students, scores, strict=True):
            writer.writerow([student.get(c, "") for c in identity] + cells)
