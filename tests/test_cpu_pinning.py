"""While training plays, it and the GUI thread keep CPUs of their own (gui/cpu_pinning.py)."""
import os

import pytest

from backprop_lab.gui import cpu_pinning
from test_main_window import click, wait_paused

needs_two_cpus = pytest.mark.skipif(cpu_pinning.training_cpu() is None,
                                    reason="fewer than two CPUs, or no sched_setaffinity")


@needs_two_cpus
def test_playing_gives_training_a_cpu_that_the_gui_thread_leaves_to_it(qtbot, window):
    allowed, cpu = os.sched_getaffinity(0), cpu_pinning.training_cpu()
    click(qtbot, window, "playButton")
    qtbot.waitUntil(lambda: window.session.worker.running, timeout=5000)
    assert os.sched_getaffinity(0) == allowed - {cpu}
    seen = []
    window.session.call(lambda _worker: seen.append(os.sched_getaffinity(0)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [{cpu}]
    click(qtbot, window, "playButton")                 # pause: the GUI thread has them all again
    wait_paused(qtbot, window)
    assert os.sched_getaffinity(0) == allowed


@needs_two_cpus
def test_a_sweep_started_while_training_plays_runs_on_every_cpu(qtbot, monkeypatch):
    from backprop_lab.gui import sweep_runner
    seen = []

    def fake_sweep(*args, **kwargs):
        seen.append(os.sched_getaffinity(0))
        raise RuntimeError("recorded")
    monkeypatch.setattr(sweep_runner, "run_sweep", fake_sweep)
    allowed = os.sched_getaffinity(0)
    cpu_pinning.pin_gui_thread()                        # as while training plays
    runner = sweep_runner.SweepRunner()
    try:
        with qtbot.waitSignal(runner.sigFailed, timeout=5000):
            runner.start([], trials=1)                  # its thread inherits the pinned mask
    finally:
        cpu_pinning.unpin_this_thread()
        assert runner.shutdown()
    assert seen == [allowed]
