"""Grading on Dask distributed: one machine's worker processes, or many machines'.

Why Dask: a class of thousands outgrows one machine, and Dask's scheduler already
does what grading needs (placing work, noticing dead workers, re-running their
tasks, a bounded number of times), from a local cluster that ``grader autograde``
starts by itself to ``dask scheduler`` / ``dask worker`` on many machines. This
package only adds what grading needs on top, one module per concern:

- :mod:`.package`: what a task carries (bytes, no shared files) and the
  fingerprints that name it, so a corrected release or new bytes regrade;
- :mod:`.plugin`: the worker plugin that checks the sandbox on the worker (no
  sandbox, no work) and holds each assignment's source once per worker;
- :mod:`.tasks`: the grading itself, in a scratch course on the worker;
- :mod:`.record`: the instructor's side, where nbgrader's gradebook writes record what a
  worker returned, once it is checked against the submission and the release;
- :mod:`.local`: connecting to a cluster, or starting a local one;
- :mod:`.faults`: retries, submissions that kill workers, a scheduler that goes away.
"""
