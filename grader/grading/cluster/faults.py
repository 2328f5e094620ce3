"""What can go wrong on a cluster, and what ``grader autograde`` then does.

Why here: each fault has its own answer, and Dask's own machinery gives most of it.

- A worker dies mid-task (SIGKILL, a lost machine): the scheduler gives its tasks
  to other workers; the instructor's side records each result once, when its
  future completes.
- A submission that takes its worker down every time: after
  ``distributed.scheduler.allowed-failures`` deaths the scheduler gives up on it
  (``KilledWorker``); it is recorded as failed with that reason and the batch
  goes on. The local cluster allows :data:`ALLOWED_FAILURES`; an external
  scheduler reads it from its own configuration (docs/guide/en/instructors.md).
- A task that raises (a worker without a sandbox refusing it, say) is retried
  :data:`RETRIES` times, elsewhere if the scheduler can.
- The scheduler goes away: :class:`SchedulerLost`, with what was recorded; the
  same command again resumes (finished submissions carry their marker).

There is no per-task timeout in Dask: grading bounds itself (per-cell timeout,
the notebook's wall-clock limit in :mod:`grader.preprocessors.execute`).
"""

from __future__ import annotations

RETRIES = 2
ALLOWED_FAILURES = 2  # a submission may take down 2 workers; the third death fails it


class SchedulerLost(RuntimeError):
    """The Dask scheduler cannot be reached (any more)."""


def describe(error: BaseException) -> str:
    """Why a grading came back as an exception, for the instructor and the log."""
    from distributed.scheduler import KilledWorker

    from grader.grading.cluster.plugin import SandboxRefused

    if isinstance(error, KilledWorker):
        return (
            "the worker process grading it died each time it was tried (more often than the "
            "scheduler's distributed.scheduler.allowed-failures): not graded"
        )
    if isinstance(error, SandboxRefused):
        return f"refused by a worker without a sandbox: {error}"
    return f"{type(error).__name__}: {error}"[:500]


def is_lost_scheduler(error: BaseException) -> bool:
    """A future cancelled because the client lost its scheduler, not a grading's fault."""
    from concurrent.futures import CancelledError

    return isinstance(error, CancelledError | OSError | TimeoutError)
