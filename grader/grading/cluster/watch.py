"""Results as they arrive, and a progress line that says when no worker is there to grade.

Why: Dask queues a task that no worker can run and waits, silently; with every
worker lost, or none started yet on a new cluster, ``grader autograde`` would sit
on an unmoving progress bar with nothing to tell the instructor why. Here the
wait for the next result looks at the scheduler's workers every few seconds and,
while there are none, the progress line says so and which command starts one;
grading goes on by itself once a worker connects.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

POLL = 0.1  # seconds between looks at the finished futures (as_completed's own step)
LOOK = 2.0  # seconds between questions to the scheduler about its workers


def connected_workers(client) -> int | None:
    """How many workers the scheduler has now; None when it does not answer."""
    try:
        return len(client.scheduler_info(n_workers=-1).get("workers", {}))
    except (OSError, TimeoutError):
        return None


def no_worker_line(label: str, scheduler: str | None) -> str:
    if scheduler:
        return f"{label}: no Dask worker connected, waiting (start `dask worker {scheduler}`)"
    return f"{label}: every worker process was lost, waiting (Ctrl-C, then the same command again)"


def arrivals(
    arrived, client, describe: Callable[[str], None], label: str, scheduler: str | None
) -> Iterator:
    """The futures of ``arrived`` (a ``distributed.as_completed``) as each one finishes.

    ``describe`` sets the progress line: ``label`` while workers grade, the
    :func:`no_worker_line` while the scheduler has none.
    """
    said = label
    looked = 0.0
    while arrived.count():
        if arrived.has_ready():
            yield next(arrived)
            continue
        now = time.monotonic()
        if now - looked >= LOOK:
            looked = now
            line = no_worker_line(label, scheduler) if connected_workers(client) == 0 else label
            if line != said:
                describe(line)
                said = line
        time.sleep(POLL)
