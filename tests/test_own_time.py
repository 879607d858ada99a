"""tests/own_time.py: what the reliability tests' frame budgets measure."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from own_time import SCHEDSTAT, own_time

linux_only = pytest.mark.skipif(not SCHEDSTAT.exists(), reason="needs /proc/thread-self/schedstat")


@linux_only
def test_waiting_for_itself_counts():
    start = own_time()
    time.sleep(0.06)                    # as a frame blocked on a lock would
    assert own_time() - start >= 0.055


@linux_only
def test_the_time_another_program_had_the_cpu_does_not_count():
    cpu = min(os.sched_getaffinity(0))
    saved = os.sched_getaffinity(0)
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        os.sched_setaffinity(hog.pid, {cpu})
        os.sched_setaffinity(0, {cpu})          # this thread and the hog share one CPU
        time.sleep(0.05)
        wall, own, ran = time.perf_counter(), own_time(), time.thread_time()
        while time.thread_time() - ran < 0.2:   # 200 ms of computing
            pass
        wall, own, ran = (time.perf_counter() - wall, own_time() - own, time.thread_time() - ran)
    finally:
        os.sched_setaffinity(0, saved)
        hog.kill()
        hog.wait()
    assert wall > 1.5 * ran, (wall, ran)        # the hog took about half of the wall time
    assert own < ran + 0.05, (own, ran, wall)    # ... and none of it counts
