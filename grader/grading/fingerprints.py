"""What names a submission and a release: one hash of named bytes.

Why its own module: the worker's side (:mod:`.jobs`) marks a submission graded from
these bytes and this release, and the cluster transport (:mod:`.cluster.package`)
names what a task carries the same way; both import it from here, below both.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by path relative to it."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def fingerprint(files: dict[str, bytes]) -> str:
    """One hash of named bytes: the same files give the same hash, on any machine."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(hashlib.sha256(name.encode()).digest())
        digest.update(hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def release_fingerprint(root: Path, assignment: str) -> str:
    """The hash of an assignment's source (solutions, visible and hidden tests)."""
    return fingerprint(files_of(root / "source" / assignment))
