"""Keep each notebook's nbval cells on one xdist worker (they share one kernel).

`make test` runs with `--dist loadgroup`: nbval cells are grouped by notebook, while
the other tests (one kernel each) spread freely over the workers.
"""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.xdist_group(name=str(item.fspath)))
