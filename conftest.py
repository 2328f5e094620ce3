"""Keep tests that share one kernel or one scratch course on one xdist worker.

`make test` runs with `--dist loadgroup`: nbval cells are grouped by notebook (they
share its kernel), and tests that share a module-scoped scratch course (the grading
pipeline, the hostile corpus graded with and without the sandbox) are grouped by that
course, so it is built once; every other test spreads freely over the workers.
"""

import pytest

SHARED_COURSES = ("sandboxed", "plain", "course")


def pytest_collection_modifyitems(items):
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.xdist_group(name=str(item.fspath)))
            continue
        fixtures = getattr(item, "fixturenames", ())
        for name in SHARED_COURSES:
            if name in fixtures:
                group = f"{item.module.__name__}:{name}"
                item.add_marker(pytest.mark.xdist_group(name=group))
                break
