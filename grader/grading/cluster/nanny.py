"""``dask worker ... --preload-nanny grader.grading.cluster.nanny``: workers with the grader loaded.

Why: a ``dask worker`` nanny spawns each worker process, which then imports
distributed, nbgrader and nbconvert (about 3 CPU-seconds), at start and again each
time the nanny restarts a worker that died. With this preload the nanny forks its
workers from a fork server that imported them once (as the local cluster does,
:func:`grader.grading.cluster.local.fork_server`). Optional: workers without it grade the same.
"""

from __future__ import annotations


def dask_setup(nanny) -> None:
    """Called by Dask in each nanny, before it starts its worker process."""
    from grader.grading.cluster.local import fork_server

    fork_server()
