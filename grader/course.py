"""The nbgrader course root, and nbgrader's API configured for one language.

Everything that grades goes through :func:`api`, so the course's configuration
(``course/nbgrader_config.py``) and this package's additions (stubs in the
student's language, a gradebook that tolerates parallel writers) apply alike
to every command.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from nbgrader.apps import NbGraderAPI
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from grader.db import database_url, ensure_schema
from grader.db.gradebook import create_gradebook, quiet_orm_warnings
from grader.db.url import is_sqlite
from grader.errors import UserError
from grader.languages import CODE_STUB, LANGS, TEXT_STUB
from grader.lessons import Lesson, all_lessons, course_root

COURSE = course_root()


def _prepare_environment() -> None:
    # Kernels inherit this: TensorFlow quiet and deterministic, whatever the notebook imports first.
    from grader.kernel_env import KERNEL_ENV

    os.environ.update(KERNEL_ENV)
    quiet_orm_warnings()
    # nbgrader runs `alembic` by name to check the gradebook schema.
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def assignment_id(lesson: Lesson, lang: str) -> str:
    return lesson.assignment(lang)


def parse_assignment(aid: str) -> tuple[Lesson, str]:
    """``01_overfitting_fr`` -> (lesson 01_overfitting, "fr")."""
    stem, _, lang = aid.rpartition("_")
    if lang not in LANGS or not stem:
        raise ValueError(f"not a course assignment: {aid!r}")
    return Lesson(stem), lang


def all_assignments(prefixes: list[str] | None = None) -> list[str]:
    """Assignment ids, lesson by lesson, filtered by lesson or assignment prefixes."""
    ids = [lesson.assignment(lang) for lesson in all_lessons() for lang in LANGS]
    if prefixes:
        ids = [a for a in ids if any(a.startswith(p) for p in prefixes)]
    return ids


def config(root: Path = COURSE, lang: str | None = None, check: bool = True) -> Config:
    """The course's nbgrader configuration; ``check``: refuse a course under old lesson names."""
    if not Path(root).is_dir():
        raise UserError(
            f"There is no course root at {root}: give --course (or GRADER_COURSE) the folder "
            "that holds the course's nbgrader_config.py and gradebook.",
            f"Il n'y a pas de racine de cours à {root}\u202f: indiquez à --course (ou "
            "GRADER_COURSE) le dossier qui contient nbgrader_config.py et le carnet de notes.",
        )
    # a grading worker's scratch course carries the instructor's configuration
    here = Path(root) if (Path(root) / "nbgrader_config.py").exists() else COURSE
    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(here)).load_config()
    cfg.CourseDirectory.root = str(root)
    configured = cfg.CourseDirectory.get("db_url") if "db_url" in cfg.CourseDirectory else None
    cfg.CourseDirectory.db_url = database_url(Path(root), configured)
    if is_sqlite(cfg.CourseDirectory.db_url):
        create_gradebook(Path(root) / "gradebook.db")  # seconds faster than nbgrader's own
    else:
        ensure_schema(cfg.CourseDirectory.db_url)  # once, before any worker opens it
    cfg.Exchange.root = os.environ.get("GRADER_EXCHANGE", str(root / "exchange"))
    cfg.AssignLatePenalties.plugin_class = "grader.grading.late.PercentPerDay"
    if lang:
        cfg.ClearSolutions.code_stub = {"python": CODE_STUB[lang]}
        cfg.ClearSolutions.text_stub = TEXT_STUB[lang]
    if check:
        from grader.renames import refuse_old_names

        refuse_old_names(cfg)
    return cfg


def api(root: Path = COURSE, lang: str | None = None, extra: Config | None = None) -> NbGraderAPI:
    """nbgrader's own API on the course root, with stubs in ``lang``."""
    _prepare_environment()
    cfg = config(root, lang)
    if extra is not None:
        cfg.merge(extra)
    return NbGraderAPI(config=cfg)
