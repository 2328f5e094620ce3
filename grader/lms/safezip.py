"""Read an LMS download as hostile input: limits first, then only plain files.

Why not ``ZipFile.extractall``: a zip names its own paths (``../``, ``/etc``,
``C:\\``), can hold symlinks and device entries (Unix mode bits in
``external_attr``), and can declare gigabytes that a few kilobytes inflate to.
Here nothing is written at all: every limit is checked on the central directory
before one byte is decompressed, refused entries become notes naming the file,
and the rest comes back as bytes for :mod:`grader.lms.collect` to place under names it
chooses itself. ``zipfile`` stops decompressing at the size the central directory
declares (a lying member fails its CRC), so the declared sizes bound the memory.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

MAX_ENTRIES = 2000  # one LMS download is one assignment: 2000 files is a very large class
MAX_MEMBER_BYTES = 100 * 2**20  # any one file, uncompressed
MAX_TOTAL_BYTES = 1 * 2**30  # the whole download, uncompressed
MAX_RATIO = 100  # uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 2**20  # small files may compress well without being a bomb
OS_JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")


class ZipRefused(ValueError):
    """The whole zip is refused (a limit or a corrupt archive); nothing was unpacked."""


@dataclass(frozen=True)
class Member:
    """One plain file of the download: its path in the zip, its bytes, its zip date."""

    path: PurePosixPath
    data: bytes
    date: datetime


@dataclass(frozen=True)
class Refused:
    """An entry left out, and why (named in a note)."""

    name: str
    reason: str


def limits() -> str:
    """The limits, as the instructors' guide (*Bad zips*) and the error messages state them."""
    return (
        f"at most {MAX_ENTRIES} entries, {MAX_MEMBER_BYTES // 2**20} MiB per file, "
        f"{MAX_TOTAL_BYTES // 2**30} GiB in all, compression ratio at most {MAX_RATIO}"
    )


def _kind(info: zipfile.ZipInfo) -> str | None:
    """Why an entry is not a plain file, from its Unix mode bits, or None."""
    mode = info.external_attr >> 16
    if info.create_system == 3 and mode:  # made on Unix: the mode bits mean something
        if stat.S_ISLNK(mode):
            return "symbolic link"
        for test, what in (
            (stat.S_ISCHR, "character device"),
            (stat.S_ISBLK, "block device"),
            (stat.S_ISFIFO, "named pipe"),
            (stat.S_ISSOCK, "socket"),
        ):
            if test(mode):
                return what
    if info.flag_bits & 0x1:
        return "encrypted entry"
    return None


def bad_path(name: str) -> str | None:
    """Why a member's name cannot be a relative path inside a folder, or None."""
    if "\x00" in name:
        return "NUL byte in its name"
    unix = name.replace("\\", "/")
    if unix.startswith("/") or (len(unix) > 1 and unix[1] == ":"):
        return "absolute path"
    parts = unix.split("/")
    if any(part in ("..", ".") for part in parts):
        return "'..' or '.' in its path"
    return None


def _check_limits(infos: list[zipfile.ZipInfo], source: Path) -> None:
    if len(infos) > MAX_ENTRIES:
        raise ZipRefused(
            f"{source.name}: {len(infos)} entries, more than the limit of {MAX_ENTRIES}"
        )
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise ZipRefused(
                f"{source.name}: {info.filename} would unpack to {info.file_size / 2**20:.0f} MiB, "
                f"more than the limit of {MAX_MEMBER_BYTES // 2**20} MiB per file"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise ZipRefused(
                f"{source.name}: {info.filename} inflates {ratio:.0f} times (zip bomb?), "
                f"more than the limit of {MAX_RATIO}"
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ZipRefused(
            f"{source.name}: would unpack to {total / 2**20:.0f} MiB, more than the limit of "
            f"{MAX_TOTAL_BYTES // 2**30} GiB"
        )


def read_zip(source: Path) -> tuple[list[Member], list[Refused]]:
    """Every plain file of the zip with a safe relative name; the rest, refused.

    Raises :class:`ZipRefused` (nothing read) when the archive is not a zip or
    breaks a limit of :func:`limits`.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise ZipRefused(f"{source.name}: not a readable zip ({error})") from None
    members: list[Member] = []
    refused: list[Refused] = []
    with archive:
        infos = archive.infolist()
        _check_limits(infos, source)
        for info in infos:
            name = info.filename
            if info.is_dir() or any(junk in f"/{name}" for junk in OS_JUNK):
                continue
            reason = bad_path(name) or _kind(info)
            if reason:
                refused.append(Refused(name, reason))
                continue
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
                refused.append(Refused(name, f"unreadable entry ({error})"))
                continue
            try:
                date = datetime(*info.date_time)
            except ValueError:
                date = datetime(1980, 1, 1)
            members.append(Member(PurePosixPath(name.replace("\\", "/")), data, date))
    return members, refused
