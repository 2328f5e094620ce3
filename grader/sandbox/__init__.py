"""Where a submission's kernel runs: bubblewrap, kernel limits and budgets.

Split in three because each part answers a different threat: :mod:`.bwrap` isolates
(namespaces, read-only system, no network), :mod:`.budgets` bounds what a submission
can hold (memory cgroup, sized storage) and says what was hit, and :mod:`.launch` is
the small process that builds the sized storage and watches it from outside.
"""

from grader.sandbox.budgets import Budgets, check_workers
from grader.sandbox.bwrap import (
    INSTALL_HINT,
    PROBES_DIR,
    REPORT,
    WORKDIR,
    Limits,
    SandboxUnavailable,
    check,
    command,
    kernel_env,
    prlimit_args,
)

__all__ = [
    "PROBES_DIR",
    "INSTALL_HINT",
    "REPORT",
    "WORKDIR",
    "Budgets",
    "Limits",
    "SandboxUnavailable",
    "check",
    "check_workers",
    "command",
    "kernel_env",
    "prlimit_args",
]
