"""Keep tests that share one kernel or one scratch course on one xdist worker.

`make test` runs with `--dist loadgroup`: nbval cells are grouped by notebook (they
share its kernel), and tests that share a module-scoped scratch course (the grading
pipeline, the hostile corpus graded with and without the sandbox) are grouped by that
course, so it is built once; every other test spreads freely over the workers.
"""

import os
from pathlib import Path

import pytest
from devkit import zygote

from grader.authoring.perturb import nbval_kernel_env
from tests.support.nbval_mistakes import add_mistake_items

SHARED_COURSES = ("sandboxed", "plain", "course")


# tryfirst: pytest-xdist turns the marker into a `@group` node-id suffix in its own
# hook, which pluggy would otherwise call before this one (it was registered later).
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    add_mistake_items(items)  # each notebook's wrong answers, in its nbval kernel
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.xdist_group(name=str(item.fspath)))
            if not Path(str(item.fspath)).stem.endswith("_quiz"):
                item.add_marker(pytest.mark.tensorflow)
            continue
        fixtures = getattr(item, "fixturenames", ())
        for name in SHARED_COURSES:
            if name in fixtures:
                group = f"{item.module.__name__}:{name}"
                item.add_marker(pytest.mark.xdist_group(name=group))
                break


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    # nbval starts a notebook's kernel while setting up its first cell, from os.environ:
    # the French notebooks run as on another CPU (grader/authoring/perturb.py, nbval_kernel_env),
    # and the kernel spec course-nbval (dev/devkit/zygote.py) is found only then, so that no
    # JupyterLab a test starts lists it.
    path = Path(str(item.fspath))
    env = nbval_kernel_env(path)
    if path.suffix == ".ipynb":
        env["JUPYTER_PATH"] = os.pathsep.join(
            filter(None, [str(zygote.SPEC_DIR), os.environ.get("JUPYTER_PATH")])
        )
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def pytest_collection_finish(session):
    """Fail loudly if xdist dropped the groups: a notebook split over workers gives
    NameErrors in every cell after the first (pytest 9 moved `Item._nodeid`, which
    pytest-xdist 3.8 still sets, so the `@group` suffix silently vanished)."""
    config = session.config
    if not getattr(config.option, "loadgroup", False):
        return
    lost = [i.nodeid for i in session.items if i.get_closest_marker("xdist_group")]
    lost = [nodeid for nodeid in lost if "@" not in nodeid]
    if lost:
        raise pytest.UsageError(
            f"pytest-xdist did not apply the xdist_group of {len(lost)} tests "
            f"(first: {lost[0]}); check the pytest / pytest-xdist pins in environment.yml."
        )
