"""One reader and one writer for every LMS CSV.

Why shared: Canvas's and Moodle's files differ in their columns, not in how a CSV
is read or written. Both LMSs export with the user's locale: a semicolon (or tab)
separator and a decimal comma are common (Canvas's ``CSVWithI18n``, Moodle's
export form), and a BOM or a legacy encoding may lead the file. Imports are
written plainly: UTF-8, commas, decimal points, one row per roster entry.
"""

from __future__ import annotations

import csv
import io
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


def read_rows(path: Path) -> list[list[str]]:
    """Every row of an LMS CSV, whatever its separator (comma, semicolon, tab) and encoding."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text else ""
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [[cell.strip() for cell in row] for row in reader]


def number(text: str) -> float | None:
    """``"34"``, ``"34.00"`` or ``"34,00"`` -> 34.0; anything else -> None."""
    try:
        return float((text or "").strip().replace(",", "."))
    except ValueError:
        return None
