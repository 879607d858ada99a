"""The time a piece of the app's work took, less what other programs on the machine took.

    start = own_time()
    job()
    held = own_time() - start     # seconds the calling thread ran or waited for itself

``own_time()`` is the wall clock less the time the calling thread spent on the run
queue: ready to run while the CPU was another program's. What is left is what the
app controls: its computing, and its own waiting (a lock, a sleep, a helper thread).
A paint that computes or blocks for 60 ms counts 60 ms whatever the machine's load;
one of 20 ms stretched to 80 ms of wall time by a busy machine counts 20 ms (the
wall clock alone failed tests at load 8–10 on 2 CPUs). From Linux's
/proc/thread-self/schedstat; where that is missing, the thread's CPU time.
"""
from __future__ import annotations

import time
from pathlib import Path

SCHEDSTAT = Path("/proc/thread-self/schedstat")


def _queued_s() -> float | None:
    """Seconds the calling thread has waited on the run queue, or None (not Linux)."""
    try:
        return int(SCHEDSTAT.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def own_time() -> float:
    """Seconds (an arbitrary origin): wall clock less run-queue waiting, else CPU time."""
    queued = _queued_s()
    if queued is None:
        return time.thread_time()
    return time.perf_counter() - queued
