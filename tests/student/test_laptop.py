"""The laptop set-up (student.py, grader/student/laptop.py) without the package registry.

What the registry decides (a clean environment per Python, the wheels of every platform)
is `make student-pythons` and `make platforms`. Here: the student's requirements are
environment.yml's pins and cover what the lessons and `grader student` import; the
TensorFlow split gives each platform exactly one build; student.py starts on the bare
standard library; it installs once, again only when the pins move, and says so when pip
fails; and the one command writes the workspace and opens JupyterLab with nothing on PATH
(no bubblewrap, chromium or PostgreSQL), in an environment made from .venv's packages.
"""

from __future__ import annotations

import ast
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

import pytest
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from grader.envspec import pip_requirements
from grader.lessons import ROOT, SRC
from grader.student import lab, laptop, texts

ENV_PINS = dict(r.split("==") for r in pip_requirements(ROOT / "environment.yml"))


def test_requirements_are_environment_yml_pins():
    reqs = [Requirement(line) for line in laptop.requirements(check=True)]
    for req in reqs:
        pinned = ENV_PINS["tensorflow-cpu" if req.name == "tensorflow" else req.name]
        assert str(req.specifier) == f"=={pinned}", req
    names = {req.name for req in reqs}
    assert names == set(laptop.STUDENT + laptop.CHECK) | {"tensorflow"}
    assert {r.name for r in map(Requirement, laptop.requirements())} == names - {
        "nbval",
        "pytest",
    }


def test_a_student_package_missing_from_environment_yml_is_refused(tmp_path):
    env = tmp_path / "environment.yml"
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    env.write_text(re.sub(r"\n\s+- nbgrader==\S+", "", text), encoding="utf-8")
    with pytest.raises(KeyError, match="nbgrader"):
        laptop.requirements(env)


MACHINES = [
    ("linux", "x86_64"),
    ("linux", "aarch64"),
    ("darwin", "arm64"),
    ("darwin", "x86_64"),
    ("win32", "AMD64"),
    ("win32", "ARM64"),
    ("linux", "AMD64"),
]


@pytest.mark.parametrize("platform,machine", MACHINES)
def test_one_tensorflow_per_machine(platform, machine):
    env = default_environment() | {"sys_platform": platform, "platform_machine": machine}
    chosen = [
        req.name
        for req in map(Requirement, laptop.requirements())
        if req.name.startswith("tensorflow") and req.marker.evaluate(env)
    ]
    # tensorflow-cpu 2.21.0's wheels: manylinux x86_64 and win_amd64, nothing else
    cpu = (platform, machine) in {("linux", "x86_64"), ("win32", "AMD64")}
    assert chosen == ["tensorflow-cpu" if cpu else "tensorflow"]
    assert Marker(laptop.CPU_ONLY).evaluate(env) is cpu


# --- what the student's environment must hold --------------------------------------------


def _closure(names: tuple[str, ...]) -> set[str]:
    """The distributions installing ``names`` brings on this machine (markers and extras
    evaluated as pip does)."""
    seen: set[tuple[str, str]] = set()
    todo = [(canonicalize_name(n), "") for n in names]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        try:
            deps = requires(name) or []
        except PackageNotFoundError:
            continue
        for line in deps:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": extra}):
                dep = canonicalize_name(req.name)
                todo += [(dep, "")] + [(dep, x) for x in req.extras]
    return {name for name, _ in seen}


# Imported when present, not required: jupyter_client's msgpack packer (msgpack is in
# .venv for Dask); the editable install's finder is .venv's own.
OPTIONAL = {"msgpack"}


def _uncovered(modules: set[str], names: tuple[str, ...]) -> set[str]:
    """Top-level modules that no distribution of ``names``' closure provides."""
    owners = packages_distributions()
    have = _closure(names)
    out = set()
    for module in modules:
        if module in sys.stdlib_module_names or module in {"grader", "coursetools"} | OPTIONAL:
            continue
        if module.startswith("__editable__"):
            continue
        if not {canonicalize_name(d) for d in owners.get(module, [])} & have:
            out.add(module)
    return out


def _lesson_imports() -> set[str]:
    modules = set()
    for path in SRC.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules


def _student_command_imports() -> set[str]:
    """Every top-level module `python -m grader.student` loads, before JupyterLab."""
    code = (
        "import sys, sysconfig; import grader.student.commands, grader.course; "
        "site = (sysconfig.get_path('purelib'), sysconfig.get_path('platlib')); "
        "print(' '.join(sorted({name.split('.')[0] for name, m in list(sys.modules.items()) "
        "if str(getattr(m, '__file__', None)).startswith(site)})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_student_packages_cover_the_lessons_and_the_student_command():
    lessons = _lesson_imports()
    assert {"tensorflow", "keras", "sklearn", "matplotlib"} <= lessons
    assert _uncovered(lessons, laptop.STUDENT) == set()
    command = _student_command_imports()
    assert {"nbgrader", "typer", "rich"} <= command
    assert _uncovered(command, laptop.STUDENT) == set()
    # and the check sees a missing package
    without = tuple(n for n in laptop.STUDENT if n not in ("scikit-learn", "typer"))
    assert {"sklearn", "typer"} <= _uncovered(lessons | command, without)


# --- student.py --------------------------------------------------------------------------


def test_student_py_needs_the_standard_library_only():
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
        "from grader.student.laptop import requirements; requirements(); "
        "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(out.stdout.split()) - set(sys.stdlib_module_names) - {"__main__"}
    assert loaded == {"grader"}
    helped = subprocess.run(
        [sys.executable, "-S", str(ROOT / "student.py"), "--help"], capture_output=True, text=True
    )
    assert helped.returncode == 0 and "--lang" in helped.stdout


def test_an_unsupported_python_or_machine_is_one_sentence(monkeypatch, capsys):
    monkeypatch.setattr(laptop, "PYTHONS", ((3, 9),))
    assert laptop.main(["--lang", "fr", "--no-open"]) == 1
    version = ".".join(map(str, sys.version_info[:3]))
    assert capsys.readouterr().out.strip() == texts.text(
        "python_unsupported", "fr", version=version
    )
    monkeypatch.setattr(laptop, "PYTHONS", (sys.version_info[:2],))
    monkeypatch.setattr(laptop, "PLATFORMS", {("darwin", "arm64"): "macOS arm64"})
    assert laptop.main(["--lang", "en", "--no-open"]) == 1
    assert "TensorFlow 2.21 has no package for linux" in capsys.readouterr().out


def test_installs_once_and_again_when_the_pins_move(tmp_path, monkeypatch, capsys):
    env = tmp_path / "env"
    python = laptop.environment_python(env)
    python.parent.mkdir(parents=True)
    python.touch()  # an environment already created
    calls = []
    status = iter([0, 0, 1])
    monkeypatch.setattr(laptop.subprocess, "call", lambda argv: calls.append(argv) or next(status))
    reqs = ["keras==3.15.1", "numpy==2.4.6"]
    assert laptop.ensure_environment(env, reqs, "fr")
    assert calls[-1][1:5] == ["-m", "pip", "install", "--disable-pip-version-check"]
    assert "environ 2 Go" in capsys.readouterr().out
    assert not laptop.ensure_environment(env, reqs, "fr")  # the stamp holds them
    assert not laptop.ensure_environment(env, reqs[:1], "fr")  # a subset too
    assert len(calls) == 1
    assert laptop.ensure_environment(env, ["keras==3.15.2", "numpy==2.4.6"], "fr")
    assert len(calls) == 2
    with pytest.raises(SystemExit):  # pip failed: said, and the stamp stays as it was
        laptop.ensure_environment(env, ["keras==9"], "fr")
    assert texts.text("install_failed", "fr") in capsys.readouterr().out
    assert "keras==3.15.2" in (env / laptop.STAMP).read_text()


def test_windows_layout(monkeypatch, tmp_path):
    monkeypatch.setattr(laptop, "on_windows", lambda: True)
    assert laptop.environment_python(tmp_path) == tmp_path / "Scripts" / "python.exe"
    monkeypatch.setattr(laptop, "on_windows", lambda: False)
    assert laptop.environment_python(tmp_path) == tmp_path / "bin" / "python"


def test_a_windows_path_too_long_for_tensorflow_is_refused(monkeypatch, capsys):
    monkeypatch.setattr(laptop, "on_windows", lambda: True)  # no winreg here: long paths off
    short = Path("C:/course-env")
    deep = Path("C:/Users/ana.dupont/OneDrive - Universite/Documents/GitHub/course/.venv-student")
    assert laptop.path_too_long(short) == 0
    assert laptop.path_too_long(deep) == len(str(deep / "Lib" / "site-packages")) + 164
    monkeypatch.setattr(laptop, "on_windows", lambda: False)
    assert laptop.path_too_long(deep) == 0
    monkeypatch.setattr(laptop, "path_too_long", lambda env: 270)
    assert laptop.main(["--lang", "fr", "--no-open", "--env", str(deep)]) == 1
    assert "270" in capsys.readouterr().out


def _environment_from_venv(env: Path) -> None:
    """An environment student.py takes as installed, holding .venv's packages."""
    venv = Path(sys.prefix)
    (env / "bin").mkdir(parents=True)
    (env / "pyvenv.cfg").write_text((venv / "pyvenv.cfg").read_text())
    (env / "bin" / "python").symlink_to(Path(sys.executable))
    for part in ("lib", "share"):
        (env / part).symlink_to(venv / part)
    (env / laptop.STAMP).write_text("\n".join(laptop.requirements()) + "\n")


@pytest.mark.skipif(os.name == "nt", reason="POSIX environment layout")
def test_the_one_command_with_nothing_on_path(tmp_path):
    env, folder = tmp_path / "env", tmp_path / "course"
    _environment_from_venv(env)
    empty = tmp_path / "empty-path"
    empty.mkdir()
    port = lab.free_port()
    child = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHON"))}
    child |= {"PATH": str(empty), "HOME": str(tmp_path), "BROWSER": "true"}
    argv = [sys.executable, "-S", str(ROOT / "student.py"), "--env", str(env), "--lang", "fr"]
    argv += ["--dir", str(folder), "--port", str(port), "04"]
    log = tmp_path / "student.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, env=child, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip
    try:
        answer = None
        deadline = time.monotonic() + 240
        while answer is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://{lab.HOST}:{port}/api/status", timeout=5):
                    answer = 200
            except urllib.error.HTTPError as error:
                answer = error.code  # the server answers: it wants its token
            except OSError:
                time.sleep(0.5)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(30)
    said = log.read_text(encoding="utf-8", errors="replace")
    assert answer == 403, said[-3000:]
    assert "Installation des paquets" not in said  # the environment was taken as installed
    assert "ajouté     04_dropout/04_dropout.ipynb" in said
    assert "Ouverture de JupyterLab en français" in said
    assert (folder / "04_dropout" / "04_dropout.ipynb").exists()
    assert (folder / ".jupyter" / "labconfig" / "page_config.json").exists()
