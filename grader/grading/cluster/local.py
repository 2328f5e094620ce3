"""A Dask client: to an existing scheduler, or to a local cluster started here.

Why both behind one function: the default ``grader autograde --workers N`` must stay
one command with no server to start, and ``--scheduler tcp://HOST:8786`` must grade
the same way on many machines; with Dask both are a ``Client`` and the code that
grades does not know which. The local cluster has worker processes with one thread
each (one kernel per worker at a time, as the memory check assumes), its web server on
any free port, and no memory limit of the nanny's: it sees the worker, not the
sandboxed kernels, whose own budgets are the guard.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

from grader.grading.cluster.faults import ALLOWED_FAILURES, SchedulerLost

# never inherited by worker processes (they grade with no database of their own)
SECRET_VARIABLES = ("GRADER_DB", "PGPASSWORD")


@contextlib.contextmanager
def _hidden(names: tuple[str, ...]) -> Iterator[None]:
    saved = {name: os.environ.pop(name) for name in names if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


# imported once by the fork server, then shared by every worker process it forks
PRELOAD = (
    "grader.grading.cluster.tasks",
    "grader.grading.autograde",
    "nbgrader.apps",
    "nbgrader.preprocessors",
)


_FORK_SERVER: list[bool] = []


def fork_server() -> None:
    """Start worker processes from a fork server that has imported the grader already.

    Why: Dask spawns each worker process by default, and each then imports
    distributed, nbgrader and nbconvert again (about 3 CPU-seconds each, at every
    cluster start). A fork server imports them once per instructor process; it
    runs no thread of its own, so forking it is safe.
    """
    if _FORK_SERVER:
        return
    from multiprocessing import forkserver

    import dask
    from distributed.utils import get_mp_context

    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    context = get_mp_context()  # sets Dask's own preload list, once
    preload = list(forkserver._forkserver._preload_modules or ["distributed"])
    context.set_forkserver_preload(preload + [m for m in PRELOAD if m not in preload])
    _FORK_SERVER.append(True)


_LOCAL: dict[int, object] = {}  # worker count -> this process's local cluster


def local_cluster(workers: int):
    """This process's local cluster of ``workers`` processes, started on first use.

    Kept for the life of the process (and closed at its exit): a second
    ``autograde`` in the same process (the tests, ``grader validate``) reuses it
    instead of starting processes again.
    """
    import atexit

    import dask
    from distributed import LocalCluster

    workers = max(1, workers)
    cluster = _LOCAL.get(workers)
    if cluster is not None and cluster.status.name == "running":
        return cluster
    fork_server()
    with (
        dask.config.set(
            {
                "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                # stealing moved queued gradings off a worker about to be free (seconds idle)
                "distributed.scheduler.work-stealing": False,
                # one grading per worker at a time: a worker's death then counts against
                # the submission it was running only, not one queued behind it
                "distributed.scheduler.worker-saturation": 1.0,
                # the statistical profiler samples the grading thread every 10 ms: not needed
                "distributed.worker.profile.enabled": False,
            }
        ),
        _hidden(SECRET_VARIABLES),
    ):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port, quietly (8787 may be taken)
            memory_limit=0,
            silence_logs=logging.CRITICAL,
        )
    _LOCAL[workers] = cluster
    atexit.register(close_local_clusters)
    return cluster


def close_local_clusters() -> None:
    """Stop the local clusters this process started (their worker processes too)."""
    while _LOCAL:
        _, cluster = _LOCAL.popitem()
        with contextlib.suppress(Exception):
            cluster.close(timeout=10)


def _listening(scheduler: str) -> None:
    """Say at once that nothing listens at a ``tcp://`` address, instead of Dask's long wait."""
    import socket
    from urllib.parse import urlsplit

    address = urlsplit(scheduler)
    if address.scheme != "tcp" or not address.hostname or not address.port:
        return  # tls://, inproc://...: Dask says it
    try:
        socket.create_connection((address.hostname, address.port), timeout=5).close()
    except ConnectionRefusedError:
        raise SchedulerLost(
            f"nothing listens at {scheduler}: start `dask scheduler` there (see the guide, "
            "Grading on many machines), or leave out --scheduler to grade on this machine"
        ) from None
    except OSError:
        return  # unreachable or slow: Client's own timeout says it


@contextlib.contextmanager
def open_client(workers: int, scheduler: str | None = None, connect_timeout: float = 20):
    """A ``distributed.Client``; a local cluster of ``workers`` processes unless ``scheduler``."""
    from distributed import Client

    if scheduler:
        _listening(scheduler)
    try:
        client = Client(scheduler or local_cluster(workers), timeout=connect_timeout)
    except (OSError, TimeoutError) as error:
        raise SchedulerLost(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        yield client
    finally:
        with contextlib.suppress(Exception):
            client.close(timeout=5)
