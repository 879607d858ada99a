"""Training stands aside for a frame from the moment the frame is due, not once it has
begun: the GUI thread's frame timer then finds the interpreter lock free. A snapshot
is sent before a frame, never during one, and training waits, the lock released,
until the window has taken it."""
import contextlib
import threading
import time

import pytest

from backprop_lab.model import TrainConfig, make_data
from backprop_lab.gui import worker as worker_module
from backprop_lab.gui.training_session import TrainingSession


@pytest.fixture(autouse=True)
def training_in_the_worker_thread(monkeypatch):
    """These are about training that shares the GUI's process (a max-speed run
    otherwise goes to a process of its own: tests/test_training_process.py)."""
    monkeypatch.setattr(worker_module.TrainingWorker, "use_process", False)


def epochs_between(worker, start: float, end: float) -> int:
    """Epochs the worker trains from time ``start`` to ``end`` (perf_counter seconds)."""
    while time.perf_counter() < start:
        time.sleep(0.001)
    e0 = worker.trainer.epoch
    while time.perf_counter() < end:
        time.sleep(0.001)
    return worker.trainer.epoch - e0


@contextlib.contextmanager
def playing_at_max_speed(qtbot):
    """A session training the default problem as fast as it can; shut down afterwards."""
    cfg = TrainConfig(stop_at_100=False, max_epochs=100_000_000)
    session = TrainingSession(cfg, *make_data(cfg))
    try:
        session.set_speed(0.0)
        session.play()
        qtbot.waitUntil(lambda: session.worker.trainer.epoch > 50, timeout=10000)
        yield session, session.worker
    finally:
        session.frame_finished()
        assert session.shutdown()


def test_training_waits_from_the_due_time_until_the_frame_is_drawn(qtbot, monkeypatch):
    with playing_at_max_speed(qtbot) as (session, worker):
        monkeypatch.setattr(worker_module, "FRAME_WAIT_MAX_S", 2.0)   # wide margins on a busy machine
        now = time.perf_counter()
        due = now + 0.1
        session.frame_due(due)
        assert epochs_between(worker, now, due - 0.03) > 0           # trains until it is due
        assert epochs_between(worker, due + 0.01, due + 0.3) == 0    # due: stands aside …
        session.frame_started()
        assert epochs_between(worker, due + 0.3, due + 0.5) == 0     # … while it is drawn …
        session.frame_finished()
        now = time.perf_counter()
        assert epochs_between(worker, now + 0.01, now + 0.1) > 0     # … and trains on after it

        # a frame due that never begins (the GUI busy elsewhere) holds training back
        # FRAME_WAIT_MAX_S at most
        monkeypatch.setattr(worker_module, "FRAME_WAIT_MAX_S", 0.3)
        due = time.perf_counter() + 0.02
        session.frame_due(due)
        assert epochs_between(worker, due + 0.01, due + 0.15) == 0
        assert epochs_between(worker, due + 0.5, due + 0.6) > 0


def test_long_epochs_run_on_into_a_due_frame_and_stop_once_it_has_begun(qtbot, monkeypatch):
    # (a large network's epochs: mostly NumPy with the GIL released, so they overlap a
    # frame's start; here every epoch counts as long)
    monkeypatch.setattr(worker_module, "EARLY_EPOCH_S", 0.0)
    monkeypatch.setattr(worker_module, "FRAME_WAIT_MAX_S", 2.0)
    with playing_at_max_speed(qtbot) as (session, worker):
        due = time.perf_counter() + 0.02
        session.frame_due(due)
        assert epochs_between(worker, due + 0.02, due + 0.1) > 0      # due, not begun: trains on
        session.frame_started()
        now = time.perf_counter()
        assert epochs_between(worker, now + 0.05, now + 0.3) == 0     # begun: stands aside
        session.frame_finished()
        now = time.perf_counter()
        assert epochs_between(worker, now + 0.01, now + 0.1) > 0


def test_a_frame_begun_during_a_chunk_is_stood_aside_for_before_a_snapshot_is_sent(qtbot):
    # the frame draws the snapshot sent before it: one sent as it begins costs the frame
    # the interpreter lock, then waits undrawn for the next frame
    cfg = TrainConfig(stop_at_100=False, max_epochs=100_000_000)
    worker = worker_module.TrainingWorker(cfg, *make_data(cfg))   # ticks in this thread
    worker.speed, worker.running = 0.0, True
    order, run = [], worker.trainer.run

    def run_into_a_frame(*args, **kwargs):
        stats = run(*args, **kwargs)
        if worker.frame_due_at == float("inf") and not worker.gui_drew.is_set():
            worker.gui_drew.set()       # meanwhile the GUI began a frame (pacer._begin_frame)
            worker.frame_due_at = -float("inf")
        return stats

    def stand_aside():                  # the frame is drawn meanwhile
        order.append("aside")
        worker.frame_due_at = float("inf")
        worker.gui_idle.set()

    worker.trainer.run, worker._stand_aside = run_into_a_frame, stand_aside
    worker.sigSnapshot.connect(lambda snap: order.append("snapshot"))
    for _ in range(3):
        worker.gui_drew.clear()         # the last snapshot sent is not drawn yet
        worker._last_emit = -float("inf")
        worker._tick()
        assert order == ["aside", "snapshot"]
        order.clear()


def test_after_sending_a_snapshot_training_waits_until_the_window_has_taken_it(qtbot, monkeypatch):
    # waiting releases the interpreter lock, so the GUI thread takes the snapshot at once;
    # training on, it held the lock while the GUI thread waited for it
    monkeypatch.setattr(worker_module, "HANDOFF_WAIT_S", 2.0)
    cfg = TrainConfig()
    worker = worker_module.TrainingWorker(cfg, *make_data(cfg))   # in this thread
    order = []
    worker.sigTimeline.connect(lambda *info: order.append("timeline"))
    worker.sigSnapshot.connect(lambda snap: order.append("snapshot"))
    taker = threading.Timer(0.1, worker.snapshot_taken.set)
    t0 = time.perf_counter()
    taker.start()
    worker._emit_snapshot()
    waited = time.perf_counter() - t0
    assert 0.09 < waited < 1.5
    assert order == ["timeline", "snapshot"]           # the snapshot last: taking it takes both

    session = TrainingSession(cfg, *make_data(cfg))    # the window's session sets it
    try:
        taken = []
        session.sigSnapshot.connect(lambda snap: taken.append(session.worker.snapshot_taken.is_set()))
        session.step(1)
        qtbot.waitUntil(lambda: session.worker.snapshot_taken.is_set(), timeout=5000)
        assert taken == [False]                        # set once the window's slots have run
    finally:
        assert session.shutdown()
