"""How many processes a build may use, decided here for all of it: the chart process beside
MkDocs (chartwork.py) and the processes that prepare charts (prepare.py).

Every core this process may run on, unless `SITE_BUILDER_WORKERS=N` says how many (1: every
chart in the MkDocs process, for debugging or a busy CI runner). More than one process needs
`fork` (Linux, macOS): what a forked process inherits, it need not be sent.
"""

from __future__ import annotations

import multiprocessing
import os

ENVIRONMENT = "SITE_BUILDER_WORKERS"


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def worker_count(workers: int | None = None, spare: int = 0) -> int:
    """`workers` when given, else `SITE_BUILDER_WORKERS`, else every core but `spare` (at least one)."""
    if workers is not None:
        return workers
    if os.environ.get(ENVIRONMENT, "").isdigit():
        return int(os.environ[ENVIRONMENT])
    return max(1, cores() - spare)


def background_possible() -> bool:
    """Whether a build can fork its chart work: where `fork` exists, unless `SITE_BUILDER_WORKERS=1`."""
    return can_fork() and os.environ.get(ENVIRONMENT) != "1"
