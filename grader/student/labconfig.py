"""The student's JupyterLab, configured inside the workspace and nowhere else.

Jupyter reads user-level configuration from ``JUPYTER_CONFIG_DIR``; pointing it (and
JupyterLab's settings and workspaces folders) at ``<workspace>/.jupyter`` gives the
student's lab its own settings without touching ``~/.jupyter`` or ``.venv``, where the
instructor's ``make formgrader`` reads nbgrader's tools as installed. Written there:

- the interface language: JupyterLab's translation setting (``locale``), the French
  one coming from the ``jupyterlab-language-pack-fr-FR`` package;
- nbgrader's instructor tools off: the *Create Assignment* panel, formgrader and the
  course list, as lab plugins (``labconfig/page_config.json``, what
  ``jupyter labextension disable`` writes) and as server extensions; the *Nbgrader*
  menu and the assignment list stay only when the workspace has an exchange (JupyterHub);
- ``nbgrader_config.py`` for *Validate*: nbgrader's defaults (30 s per cell, 4 s for the
  kernel's last output) fail lessons on a busy 2-core machine after the cell has
  finished; a timeout message in the student's language.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from grader.kernel_env import KERNEL_ENV
from grader.student.texts import template, text

CONFIG_DIR = ".jupyter"
COURSE_ID = "regularization"

# Validate's budgets. A lesson's whole run takes 11 s at most on a quiet 2-core machine
# (notebooks/TIMINGS.md); a machine of the same kind can be twice as slow and a busy one
# four times slower again: the budget for one cell covers LOAD_FACTOR times a whole lesson
# (tests/student/test_student.py checks it against TIMINGS.md).
LOAD_FACTOR = 8
CELL_TIMEOUT = 300  # seconds per cell before Validate stops it and says so
IOPUB_TIMEOUT = 60  # seconds to wait for a finished cell's last output (nbgrader: 4)
STARTUP_TIMEOUT = 180  # seconds for the kernel to start (nbgrader: 60)

LOCALES = {"en": "en", "fr": "fr_FR"}

INSTRUCTOR_PLUGINS = (
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
)
EXCHANGE_PLUGINS = ("@jupyter/nbgrader:menu", "@jupyter/nbgrader:assignment-list")
INSTRUCTOR_SERVER = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)
EXCHANGE_SERVER = ("nbgrader.server_extensions.assignment_list",)


def config_dir(folder: Path) -> Path:
    return folder / CONFIG_DIR


def nbgrader_config(
    lang: str,
    exchange: Path | None = None,
    cache: Path | None = None,
    cell_timeout: int = CELL_TIMEOUT,
) -> str:
    """The workspace's ``nbgrader_config.py``: Validate's timeouts and words."""
    timeout = {
        "ename": "CellTimeoutError",
        "evalue": "",
        "traceback": [text("cell_timeout", lang, seconds=cell_timeout)],
    }
    lines = [
        '"""nbgrader in a student workspace, rewritten by each `grader student` run:',
        'Validate\'s timeouts for a slow machine, its messages in the student\'s language."""',
        "",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {COURSE_ID!r}",
        f"c.Execute.timeout = {cell_timeout}",
        f"c.Execute.iopub_timeout = {IOPUB_TIMEOUT}",
        f"c.Execute.startup_timeout = {STARTUP_TIMEOUT}",
        "c.Execute.interrupt_on_timeout = True",
        f"c.Execute.error_on_timeout = {timeout!r}",
    ]
    for key in ("failed_warning", "changed_warning", "type_changed_warning"):
        lines.append(f"c.Validator.{key} = {template(key, lang)!r}")  # nbgrader fills them
    if exchange is not None:
        lines.append(f"c.Exchange.root = {str(exchange)!r}")
    if cache is not None:  # what this student fetched and submitted, not the whole account's
        lines.append(f"c.Exchange.cache = {str(cache)!r}")
    return "\n".join(lines) + "\n"


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def write(folder: Path, lang: str, exchange: Path | None = None) -> None:
    """Write the workspace's Jupyter configuration (every run: it follows the course)."""
    conf = config_dir(folder)
    with_exchange = exchange is not None
    disabled = {name: True for name in INSTRUCTOR_PLUGINS}
    disabled |= {name: not with_exchange for name in EXCHANGE_PLUGINS}
    _write_json(conf / "labconfig" / "page_config.json", {"disabledExtensions": disabled})
    server = {name: False for name in INSTRUCTOR_SERVER}
    server |= {name: with_exchange for name in EXCHANGE_SERVER}
    _write_json(conf / "jupyter_server_config.json", {"ServerApp": {"jpserver_extensions": server}})
    settings = conf / "lab" / "user-settings" / "@jupyterlab"
    _write_json(
        settings / "translation-extension" / "plugin.jupyterlab-settings",
        {"locale": LOCALES[lang]},
    )
    # no "be informed of Jupyter's news?" prompt: nothing is fetched from the network
    _write_json(
        settings / "apputils-extension" / "notification.jupyterlab-settings",
        {"fetchNews": "false", "checkForUpdates": False},
    )
    source = nbgrader_config(lang, exchange, conf / "nbgrader_cache" if with_exchange else None)
    (conf / "nbgrader_config.py").write_text(source, encoding="utf-8")
    # `nbgrader validate` typed in the workspace reads the same file
    (folder / "nbgrader_config.py").write_text(source, encoding="utf-8")


def environment(folder: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the student's lab: its own Jupyter folders, the course's kernel
    settings (TensorFlow quiet, as when the course executes its notebooks)."""
    env = dict(os.environ if base is None else base)
    conf = config_dir(folder)
    env.update(KERNEL_ENV)
    env.update(
        JUPYTER_CONFIG_DIR=str(conf),
        JUPYTERLAB_SETTINGS_DIR=str(conf / "lab" / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(conf / "lab" / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(conf / "runtime"),
    )
    return env
