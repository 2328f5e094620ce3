"""Checks of the laptop set-up (``student.py``) that need the package registry, so they
stay out of ``make test``: ``make student-pythons`` and ``make platforms``.

``pythons``: for each Python, a clean environment made by ``student.py`` itself with a
PATH that holds nothing (no bubblewrap, chromium or PostgreSQL, not even a shell), the
workspace in English and in French, then nbval over the stored notebooks of the chosen
lessons in that environment: the outputs a student on that Python must see.

``platforms``: pip's resolver over the student's requirements for each platform and
Python a student may have, wheels only. pip evaluates environment markers against the
interpreter that runs it, not the ``--platform`` it is given (pypa/pip#11664), which
would pick ``tensorflow-cpu`` for macOS; the run patches the marker environment of pip's
own ``packaging`` to the target's, so that the top-level split and every dependency's
markers are those of the target.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.kernel_env import KERNEL_ENV
from grader.lessons import ROOT, select
from grader.student.laptop import PYTHONS, environment_python, requirements

# glibc 2.35 (Ubuntu 22.04) and macOS 13 are the oldest systems checked; TensorFlow 2.21
# asks for glibc 2.27 and macOS 12.
GLIBC = 35
PLATFORMS: dict[str, dict] = {
    "linux-x86_64": {
        "tags": [f"manylinux_2_{n}_x86_64" for n in range(GLIBC, 4, -1)]
        + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64"],
        "markers": {"sys_platform": "linux", "platform_machine": "x86_64"},
    },
    "linux-aarch64": {
        "tags": [f"manylinux_2_{n}_aarch64" for n in range(GLIBC, 16, -1)]
        + ["manylinux2014_aarch64", "linux_aarch64"],
        "markers": {"sys_platform": "linux", "platform_machine": "aarch64"},
    },
    "macos-arm64": {
        "tags": ["macosx_13_0_arm64"],  # pip adds the older macOS versions and universal2
        "markers": {"sys_platform": "darwin", "platform_machine": "arm64"},
    },
    "windows-amd64": {
        "tags": ["win_amd64"],
        "markers": {"sys_platform": "win32", "platform_machine": "AMD64"},
    },
}
_SYSTEM = {"linux": ("Linux", "posix"), "darwin": ("Darwin", "posix"), "win32": ("Windows", "nt")}

# pip run with the marker environment of the target; argv[1] is that environment (JSON).
_PIP_FOR_TARGET = """
import json, sys
from pip._vendor.packaging import markers
target = json.loads(sys.argv[1])
base = markers.default_environment
markers.default_environment = lambda: {**base(), **target}
from pip._internal.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


def marker_environment(platform: str, python: tuple[int, int]) -> dict[str, str]:
    """The PEP 508 marker values of a CPython ``python`` on ``platform``."""
    values = dict(PLATFORMS[platform]["markers"])
    system, os_name = _SYSTEM[values["sys_platform"]]
    version = f"{python[0]}.{python[1]}"
    values.update(
        platform_system=system,
        os_name=os_name,
        python_version=version,
        python_full_version=f"{version}.0",
        implementation_name="cpython",
        implementation_version=f"{version}.0",
        platform_python_implementation="CPython",
        platform_release="",
        platform_version="",
    )
    return values


def _pythons_run(pythons: list[str], lessons: list[str], work: Path) -> list[dict]:
    empty = work / "empty-path"
    empty.mkdir(parents=True, exist_ok=True)
    stripped = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    stripped["PATH"] = str(empty)  # no bwrap, chromium, initdb: nothing at all
    stems = [lesson.stem for lesson in select(lessons or None)]
    rows = []
    for name in pythons:
        found = subprocess.run(
            [name, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True
        )
        if found.returncode != 0:
            rows.append({"python": name, "error": found.stderr.strip()[-300:]})
            continue
        exe = found.stdout.strip()
        tag = Path(exe).name
        env = work / f"env-{tag}"
        row: dict = {"python": exe}
        start = time.monotonic()
        for lang in ("en", "fr"):
            argv = [exe, str(ROOT / "student.py"), "--env", str(env), "--check", "--no-open"]
            argv += ["--lang", lang, "--dir", str(work / f"workspace-{tag}-{lang}"), *lessons]
            if subprocess.call(argv, env=stripped, cwd=work) != 0:
                row["error"] = f"student.py --lang {lang} failed"
                break
        row["setup_s"] = round(time.monotonic() - start, 1)
        if "error" in row:
            rows.append(row)
            continue
        python = str(environment_python(env))
        probe = subprocess.run(
            [python, "-c", _VERSIONS], capture_output=True, text=True, env=stripped
        )
        row.update(json.loads(probe.stdout))
        row["workspace"] = _workspace_problems(work, tag, stems)
        notebooks = [
            str(ROOT / "notebooks" / x / f"{s}.ipynb") for s in stems for x in ("en", "fr")
        ]
        start = time.monotonic()
        result = subprocess.run(
            [python, "-m", "pytest", "--noconftest", "-p", "no:cacheprovider", "-q"]
            + ["--nbval", "--nbval-kernel-startup-timeout", "300", *notebooks],
            capture_output=True,
            text=True,
            env={**stripped, **KERNEL_ENV},
            cwd=ROOT,
        )
        row["nbval_s"] = round(time.monotonic() - start, 1)
        summary = result.stdout.strip().splitlines()[-1:] or [result.stderr[-300:]]
        row["nbval"] = summary[0]
        row["ok"] = result.returncode == 0 and not row["workspace"]
        (work / f"nbval-{tag}.log").write_text(result.stdout + result.stderr)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)  # a long run: one by one
    return rows


_VERSIONS = """
import json, sys
from importlib.metadata import PackageNotFoundError, version
def v(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None
tf = [(n, v(n)) for n in ("tensorflow-cpu", "tensorflow") if v(n)]
print(json.dumps({"version": sys.version.split()[0], "tensorflow": tf}))
"""


def _workspace_problems(work: Path, tag: str, stems: list[str]) -> list[str]:
    """What is wrong with the two workspaces: a missing lesson, a solution left in."""
    problems = []
    for lang in ("en", "fr"):
        folder = work / f"workspace-{tag}-{lang}"
        for stem in stems:
            notebook = folder / stem / f"{stem}.ipynb"
            if not notebook.exists():
                problems.append(f"{lang}: no {stem}")
            elif "BEGIN SOLUTION" in notebook.read_text(encoding="utf-8"):
                problems.append(f"{lang}: {stem} holds a solution")
    return problems


def _platforms_run(pythons: list[tuple[int, int]], work: Path) -> list[dict]:
    reqs = work / "student-requirements.txt"
    reqs.write_text("\n".join(requirements()) + "\n", encoding="utf-8")
    rows = []
    for platform in PLATFORMS:
        for python in pythons:
            version = f"{python[0]}.{python[1]}"
            report = work / f"report-{platform}-{version}.json"
            argv = [sys.executable, "-c", _PIP_FOR_TARGET]
            argv.append(json.dumps(marker_environment(platform, python)))
            argv += ["install", "--dry-run", "--ignore-installed", "--only-binary=:all:"]
            argv += ["--disable-pip-version-check", "--use-feature=fast-deps", "--quiet"]
            argv += ["--target", str(work / "target"), "--report", str(report)]
            argv += ["--implementation", "cp", "--python-version", version]
            for tag in PLATFORMS[platform]["tags"]:
                argv += ["--platform", tag]
            argv += ["-r", str(reqs)]
            start = time.monotonic()
            result = subprocess.run(argv, capture_output=True, text=True)
            row = {"platform": platform, "python": version}
            row["seconds"] = round(time.monotonic() - start, 1)
            if result.returncode != 0 or not report.exists():
                row["error"] = _last_error(result.stderr or result.stdout)
            else:
                installs = json.loads(report.read_text())["install"]
                row["packages"] = len(installs)
                row["tensorflow"] = [
                    Path(item["download_info"]["url"]).name
                    for item in installs
                    if re.sub(r"[-_.]+", "-", item["metadata"]["name"].lower())
                    in ("tensorflow", "tensorflow-cpu")
                ]
            rows.append(row)
    return rows


def _last_error(output: str) -> str:
    lines = [line for line in output.splitlines() if re.match(r"ERROR", line)]
    return (lines[-1] if lines else output.strip()[-300:])[:300]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devkit.laptops")
    sub = parser.add_subparsers(dest="check", required=True)
    one = sub.add_parser("pythons", help="student.py and nbval with each Python")
    one.add_argument("--python", nargs="+", default=["python3.11", "python3.12", "python3.13"])
    one.add_argument("--lessons", nargs="*", default=[], help="lesson prefixes (default: all)")
    one.add_argument("--work", type=Path, default=None, help="scratch folder (kept)")
    two = sub.add_parser("platforms", help="the student's wheels for every platform")
    two.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix=f"student-{args.check}-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.check == "pythons":
        rows = _pythons_run(args.python, args.lessons, work)
        ok = all(row.get("ok") for row in rows)
    else:
        rows = _platforms_run(list(PYTHONS), work)
        ok = all("error" not in row for row in rows)
    print("\n".join(json.dumps(row, ensure_ascii=False) for row in rows))
    print(f"{'all passed' if ok else 'FAILED'}; scratch folder: {work}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
