"""The package's layering and acyclicity, kept by import-linter's contracts (pyproject.toml).

Why a test: the contracts are only worth something if they run on every change; and each is
tried both ways, on a copy of the package with a cycle, or a forbidden import, added on
purpose.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).parent / "lint-imports"


def lint(where: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(LINT), "--no-cache", "--config", str(where / "pyproject.toml")],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_checkout_keeps_every_contract():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 kept, 0 broken" in result.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The package and the development tools, copied where PYTHONPATH finds them first."""
    shutil.copytree(
        ROOT / "grader", tmp_path / "grader", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        ROOT / "dev" / "devkit", tmp_path / "devkit", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_a_cycle_added_on_purpose_breaks_the_contract(copy: Path):
    unchanged = lint(copy, copy)
    assert unchanged.returncode == 0, unchanged.stdout[-3000:]  # the copy is what is linted
    module = copy / "grader" / "grading" / "fingerprints.py"
    module.write_text(module.read_text() + "\nfrom grader.grading import jobs  # noqa\n")
    result = lint(copy, copy)
    assert result.returncode != 0
    assert "No import cycle between sibling modules or packages, at any depth BROKEN" in (
        result.stdout
    )


def test_the_grader_importing_the_development_tools_breaks_the_contract(copy: Path):
    module = copy / "grader" / "course.py"
    module.write_text(module.read_text() + "\nimport devkit.servers  # noqa\n")
    result = lint(copy, copy)
    assert result.returncode != 0
    assert "never imports the development tools BROKEN" in result.stdout
