"""A student's set-up on their own laptop, with Python and pip only (``student.py``).

Most students work on macOS, Windows or a Linux whose Python is 3.12 or 3.13, and have
neither ``make`` nor the instructor's system packages (bubblewrap, chromium,
PostgreSQL), which only grading and the course's own tests need. What a student needs is
the lessons' packages and the lab's: this module derives them from environment.yml (the
one place where versions are pinned), installs them with pip into an environment of
their own, then hands over to ``python -m grader.student``, which writes the workspace
and opens JupyterLab as ``make student`` does.

It runs on the student's Python before anything is installed: standard library only
(``tests/test_laptop.py`` imports it with ``python -S``).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import venv
from pathlib import Path

from grader.envspec import pip_requirements
from grader.languages import LANGS
from grader.student.texts import text

ROOT = Path(__file__).resolve().parent.parent.parent
ENVIRONMENT = ROOT / "environment.yml"
DEFAULT_ENV = ROOT / ".venv-student"
STAMP = "student-requirements.txt"  # in the environment: what it was installed from

# TensorFlow 2.21 ships CPython 3.10-3.13 wheels; 3.11 is the oldest the course runs on.
PYTHONS = ((3, 11), (3, 12), (3, 13))

# What a student's kernel, lab and `grader student` import, pinned in environment.yml
# (tests/test_laptop.py checks that it covers every import of the lessons and of
# grader.student). tensorflow-cpu stands for TensorFlow: see TENSORFLOW below.
STUDENT = (
    "tensorflow-cpu",
    "keras",
    "numpy",
    "scikit-learn",
    "matplotlib",
    "jupyterlab",
    "notebook",
    "jupyterlab-language-pack-fr-fr",
    "ipykernel",
    "nbgrader",
    "nbclient",
    "nbconvert",
    "nbformat",
    "typer",
    "rich",
    "pyyaml",
)
# Added for the per-Python check (`make student-pythons`): nbval over the stored notebooks.
CHECK = ("nbval", "pytest")

# The CPU-only build exists for Linux x86-64 and Windows x86-64 only (half the size of
# `tensorflow` on Linux, which carries the CUDA code); everywhere else (macOS arm64, Linux
# aarch64) `tensorflow` is the same CPU build. Two markers, each the other's complement.
CPU_ONLY = (
    '(sys_platform == "linux" and platform_machine == "x86_64") or '
    '(sys_platform == "win32" and platform_machine == "AMD64")'
)
NOT_CPU_ONLY = (
    '(sys_platform != "linux" or platform_machine != "x86_64") and '
    '(sys_platform != "win32" or platform_machine != "AMD64")'
)
# (sys.platform, platform.machine()) where TensorFlow 2.21 has a wheel of either name.
PLATFORMS = {
    ("linux", "x86_64"): "Linux x86-64",
    ("linux", "aarch64"): "Linux aarch64",
    ("darwin", "arm64"): "macOS arm64",
    ("win32", "AMD64"): "Windows x86-64",
}


# Windows' MAX_PATH, and the longest file of TensorFlow 2.21 relative to site-packages
# (163 characters in tensorflow-cpu's Linux wheel: tensorflow/include/external/envoy_api/...).
MAX_PATH = 260
LONGEST_FILE = 163


def path_too_long(env: Path) -> int:
    """On Windows without long paths, the length TensorFlow's longest file would reach in
    ``env`` when that passes MAX_PATH (pip then fails half-way); 0 when it fits."""
    if not on_windows():
        return 0
    try:
        import winreg

        key = r"SYSTEM\CurrentControlSet\Control\FileSystem"
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key) as opened:
            if winreg.QueryValueEx(opened, "LongPathsEnabled")[0] == 1:
                return 0
    except (ImportError, OSError):
        pass
    length = len(str(env / "Lib" / "site-packages")) + 1 + LONGEST_FILE
    return length if length >= MAX_PATH else 0


def requirements(env_file: Path = ENVIRONMENT, check: bool = False) -> list[str]:
    """The student's pip requirements, in environment.yml's order and pins, TensorFlow
    split by platform (``check`` adds nbval and pytest)."""
    pins = {req.split("==")[0].lower(): req for req in pip_requirements(env_file)}
    wanted = STUDENT + (CHECK if check else ())
    missing = [name for name in wanted if name not in pins]
    if missing:
        raise KeyError(f"not pinned in {env_file.name}: {', '.join(missing)}")
    out: list[str] = []
    for name, req in pins.items():
        if name not in wanted:
            continue
        if name == "tensorflow-cpu":
            version = req.split("==")[1]
            out.append(f"tensorflow-cpu=={version}; {CPU_ONLY}")
            out.append(f"tensorflow=={version}; {NOT_CPU_ONLY}")
        else:
            out.append(req)
    return out


def on_windows() -> bool:
    return os.name == "nt"


def environment_python(env: Path) -> Path:
    """The interpreter of a virtual environment (``Scripts\\python.exe`` on Windows)."""
    if on_windows():
        return env / "Scripts" / "python.exe"
    return env / "bin" / "python"


def _say(key: str, lang: str, **values: object) -> None:
    print(text(key, lang, **values), flush=True)


def ensure_environment(env: Path, reqs: list[str], lang: str) -> bool:
    """Create ``env`` and install ``reqs`` with pip, unless it already holds them (the
    stamp lists the requirements it was installed from). True when it installed."""
    python = environment_python(env)
    stamp = env / STAMP
    wanted = "\n".join(reqs) + "\n"
    if python.exists() and stamp.exists():
        if set(reqs) <= set(stamp.read_text(encoding="utf-8").splitlines()):
            return False
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(env)
    _say("installing", lang, env=env)
    pending = env / (STAMP + ".pending")
    pending.write_text(wanted, encoding="utf-8")
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    if subprocess.call([*pip, "-r", str(pending)]) != 0:
        _say("install_failed", lang)
        raise SystemExit(1)
    pending.replace(stamp)
    return True


def _default_lang() -> str:
    """The course language of the system's locale, English when it is neither."""
    import locale

    name = (locale.getlocale()[0] or os.environ.get("LANG", "")).lower()
    return next((code for code in LANGS if name.startswith(code)), "en")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python student.py",
        description="Install the course's packages (once), write your workspace of lessons "
        "in your language, open JupyterLab on it. / Installe les paquets du cours (une "
        "fois), écrit votre dossier de leçons dans votre langue, ouvre JupyterLab dessus.",
    )
    parser.add_argument(
        "lessons",
        nargs="*",
        help="lesson prefixes, e.g. 04 05 (default: all) / préfixes de leçons (toutes par défaut)",
    )
    parser.add_argument(
        "--lang",
        default=None,
        help="en or fr (default: the system's) / en ou fr (par défaut\u202f: celle du système)",
    )
    parser.add_argument(
        "--dir", default=None, help="your folder / votre dossier (~/regularization-course)"
    )
    parser.add_argument(
        "--port", type=int, default=None, help="JupyterLab's port / le port de JupyterLab (8888)"
    )
    parser.add_argument(
        "--no-open",
        action="store_true",
        help="write the folder, do not open JupyterLab / écrire le dossier sans ouvrir JupyterLab",
    )
    parser.add_argument(
        "--env",
        type=Path,
        default=DEFAULT_ENV,
        help=f"the environment / l'environnement ({DEFAULT_ENV.name})",
    )
    parser.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = args.lang or _default_lang()
    code = lang.split(".")[0].replace("-", "_").split("_")[0].lower()
    say_lang = code if code in LANGS else "en"  # grader.student refuses a wrong one
    if sys.version_info[:2] not in PYTHONS:
        _say("python_unsupported", say_lang, version=platform.python_version())
        return 1
    where = (sys.platform, platform.machine())
    if where not in PLATFORMS:
        _say("platform_unsupported", say_lang, system=where[0], machine=where[1])
        return 1
    env = args.env.expanduser().resolve()
    too_long = path_too_long(env)
    if too_long:
        _say("path_too_long", say_lang, env=env, length=too_long)
        return 1
    ensure_environment(env, requirements(check=args.check), say_lang)
    command = [str(environment_python(env)), "-m", "grader.student"]
    command += ["init" if args.no_open else "open", "--lang", lang, *args.lessons]
    if args.dir:
        command += ["--dir", args.dir]
    if args.port is not None and not args.no_open:
        command += ["--port", str(args.port)]
    child = dict(os.environ)
    child["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), child.get("PYTHONPATH")]))
    if on_windows() or args.no_open:  # Windows has no exec that keeps the console
        return subprocess.call(command, env=child)
    os.execve(command[0], command, child)  # JupyterLab gets Ctrl+C directly
    return 0  # not reached
