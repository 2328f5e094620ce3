"""The offline data the lessons use is exactly the data the lessons were executed with."""

import hashlib
from pathlib import Path

import sklearn

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(sklearn.__file__).resolve().parent.parent


def test_bundled_data_matches_checksums():
    lines = (ROOT / "data" / "checksums.sha256").read_text().split("\n")
    entries = [line.split() for line in lines if line.strip()]
    assert entries
    for digest, relative in entries:
        data = (SITE / relative).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, relative


def test_every_checksummed_file_is_documented():
    readme = (ROOT / "data" / "README.md").read_text()
    for line in (ROOT / "data" / "checksums.sha256").read_text().splitlines():
        if line.strip():
            assert Path(line.split()[1]).name in readme
