"""Turn environment.yml's ``pip:`` list into pip requirements, with the stdlib only.

Why this exists: environment.yml is the one place where versions are pinned, but
conda channels are unreachable here, so the set-up installs the same pins with pip.
This script runs before anything is installed (no PyYAML yet), hence the tiny
line-based reader; tests/package/test_environment.py re-reads the file with PyYAML and
compares both against what .venv really holds.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_ITEM = re.compile(r"^\s+-\s+(\S+)\s*$")


def pip_requirements(path: str | Path = "environment.yml") -> list[str]:
    """Return the requirement strings listed under ``- pip:``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    reqs: list[str] = []
    pip_indent: int | None = None
    for line in lines:
        if line.strip().startswith("#") or not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if line.strip() == "- pip:":
            pip_indent = indent
            continue
        if pip_indent is not None:
            if indent <= pip_indent:
                break
            match = _ITEM.match(line)
            if match:
                reqs.append(match.group(1))
    return reqs


if __name__ == "__main__":
    print("\n".join(pip_requirements(sys.argv[1] if len(sys.argv) > 1 else "environment.yml")))
