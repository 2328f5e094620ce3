"""The pip set-up and environment.yml must agree, and .venv must hold exactly the pins."""

import sys
from importlib.metadata import version
from pathlib import Path

import yaml

from grader.envspec import pip_requirements

ROOT = Path(__file__).resolve().parents[2]
ENV = yaml.safe_load((ROOT / "environment.yml").read_text())


def conda_pip_list():
    pip = [d for d in ENV["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(pip) == 1, "environment.yml needs exactly one pip: section"
    return pip[0]["pip"]


def test_python_is_311():
    assert "python=3.11" in ENV["dependencies"]
    assert sys.version_info[:2] == (3, 11)


def test_setup_reads_the_same_list_as_conda():
    assert pip_requirements(ROOT / "environment.yml") == conda_pip_list()


def test_every_dependency_is_pinned():
    unpinned = [r for r in conda_pip_list() if "==" not in r]
    assert not unpinned


def test_venv_matches_the_pins():
    wrong = {}
    for req in conda_pip_list():
        name, pinned = req.split("==")
        installed = version(name)
        if installed != pinned:
            wrong[name] = (pinned, installed)
    assert not wrong, f"pinned vs installed: {wrong}"


def test_required_versions():
    pins = dict(r.split("==") for r in conda_pip_list())
    assert pins["tensorflow-cpu"].startswith("2.21.")
    assert pins["keras"].startswith("3.15.")
    assert pins["jupyterlab"].startswith("4.6.")
    assert pins["nbgrader"] == "0.9.6"
    assert pins["nbval"].startswith("0.11")


def test_envspec_reader_stops_at_the_end_of_the_pip_list(tmp_path):
    env = tmp_path / "environment.yml"
    env.write_text(
        "dependencies:\n  - pip\n  - pip:\n      - a==1\n      # note\n"
        "      - b==2\nother:\n  - c\n"
    )
    assert pip_requirements(env) == ["a==1", "b==2"]
