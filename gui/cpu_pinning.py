"""While training plays, the training thread and the GUI thread each keep a CPU of their own.

At max speed the GUI thread wakes the training thread at the end of every frame
(~30 times a second), and Linux then often runs the training thread on the CPU the
GUI thread was drawing on a moment before: the next epochs start on caches full of
the GUI's data. Measured on this 2-CPU machine with the window at max speed (epochs
timed inside Trainer.run, the bare engine between, in one process; 5 runs each): an
epoch took 1.23× (1.06–1.68×) its time alone with the threads free, 1.0×
(0.96–1.21×) with each on its own CPU; training kept 50 % vs 59 % of the bare
engine's epochs per second.

    pin_training_thread()     # in the training thread: the last CPU this process may use
    pin_gui_thread()          # in the GUI thread, while training plays: the others
    unpin_this_thread()       # the GUI thread at a pause; a thread started meanwhile

Nothing is pinned with fewer than two CPUs or where the OS has no
``sched_setaffinity`` (then every call is a no-op). Threads and processes inherit
the mask of the thread that starts them: one started while the GUI thread is pinned
(a sweep) calls ``unpin_this_thread`` first.
"""
from __future__ import annotations

import os

_ALLOWED: frozenset[int] = (frozenset(os.sched_getaffinity(0))
                            if hasattr(os, "sched_getaffinity") else frozenset())


def training_cpu() -> int | None:
    """The CPU the training thread runs on, None when nothing is pinned."""
    return max(_ALLOWED) if len(_ALLOWED) >= 2 else None


def _set(cpus) -> None:
    try:
        os.sched_setaffinity(0, cpus)      # 0: the calling thread (Linux)
    except OSError:                        # a CPU taken away meanwhile (cgroups): leave it
        pass


def pin_training_thread() -> None:
    cpu = training_cpu()
    if cpu is not None:
        _set({cpu})


def pin_gui_thread() -> None:
    cpu = training_cpu()
    if cpu is not None:
        _set(_ALLOWED - {cpu})


def unpin_this_thread() -> None:
    """Back to every CPU the process was started with."""
    if training_cpu() is not None:
        _set(_ALLOWED)
