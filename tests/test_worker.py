"""The training thread without the window: commands, snapshots, speed, shutdown."""
import threading
import time

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from backprop_lab.model import TrainConfig, Trainer, datasets, make_data
from backprop_lab.gui.training_session import TrainingSession

FAST = dict(optimizer="adam", lr=0.05, activation="tanh", loss="bce")   # xor-easy in ~35 epochs


class Recorder:
    """Collects what a session emits, in the GUI thread."""

    def __init__(self, session):
        self.snaps, self.stopped, self.errors, self.rebuilt, self.seeds = [], [], [], [], []
        session.sigSnapshot.connect(self.snaps.append)
        self.generations = []           # of each stop and error, in order
        session.sigStopped.connect(lambda message, gen: (self.stopped.append(message),
                                                         self.generations.append(gen)))
        session.sigError.connect(lambda message, gen: (self.errors.append(message),
                                                       self.generations.append(gen)))
        session.sigRebuilt.connect(lambda: self.rebuilt.append(True))
        session.sigSeedChanged.connect(lambda seed: self.seeds.append(seed))

    @property
    def last(self):
        return self.snaps[-1] if self.snaps else None

    def epoch(self):
        return self.last.epoch if self.snaps else -1


def make_session(qtbot, **kw):
    cfg = TrainConfig(**kw)
    session = TrainingSession(cfg, *make_data(cfg))
    rec = Recorder(session)
    return session, rec


@pytest.fixture
def session(qtbot):
    s, rec = make_session(qtbot)
    yield s, rec
    assert s.shutdown()


def wait_quiet(qtbot, ms=150):
    qtbot.wait(ms)


def wait_paused(qtbot, s, rec):
    """Until the worker has handled the pause and its last snapshot has arrived
    (on a busy machine both can take longer than any fixed wait)."""
    w = s.worker
    qtbot.waitUntil(lambda: not w.running and rec.epoch() == w.trainer.epoch, timeout=10000)


def test_step_answers_with_a_snapshot_one_epoch_on(qtbot, session):
    s, rec = session
    s.step(1)
    qtbot.waitUntil(lambda: rec.epoch() == 1, timeout=3000)
    s.step(1)
    qtbot.waitUntil(lambda: rec.epoch() == 2, timeout=3000)


def test_step_n_runs_exactly_n_epochs_then_stops(qtbot, session):
    s, rec = session
    s.step(250)
    qtbot.waitUntil(lambda: rec.epoch() == 250, timeout=5000)
    wait_quiet(qtbot, 200)
    assert rec.epoch() == 250


def test_play_advances_and_pause_holds_the_epoch(qtbot, session):
    s, rec = session
    s.play()
    qtbot.waitUntil(lambda: rec.epoch() > 50, timeout=5000)
    s.pause()
    wait_quiet(qtbot)
    held = rec.epoch()
    wait_quiet(qtbot, 300)
    assert rec.epoch() == held
    assert rec.last.status in ("training", "ready")


def test_every_epoch_reaches_the_history(qtbot, session):
    s, rec = session
    s.play()
    qtbot.waitUntil(lambda: rec.epoch() > 300, timeout=5000)
    s.pause()
    wait_quiet(qtbot)
    snap = rec.last
    assert len(snap.history) == snap.epoch
    np.testing.assert_array_equal(snap.history.epoch, np.arange(1, snap.epoch + 1))
    assert np.isfinite(snap.history.loss).all()


def test_snapshots_while_playing_are_rate_limited(qtbot, session):
    s, rec = session
    t0 = time.perf_counter()
    s.play()
    qtbot.wait(500)
    s.pause()
    wait_paused(qtbot, s, rec)
    played = time.perf_counter() - t0       # ≥ 0.5 s: more on a busy machine
    # ~60 per second while playing plus the one after the pause; thousands of epochs ran
    assert rec.epoch() > 2 * len(rec.snaps)
    assert len(rec.snaps) <= played * 60 * 1.5 + 3


def test_one_epoch_per_second_gives_about_one_epoch_in_half_a_second(qtbot, session):
    s, rec = session
    s.set_speed(1)
    t0 = time.perf_counter()
    s.play()
    qtbot.wait(500)
    s.pause()
    wait_paused(qtbot, s, rec)
    played = time.perf_counter() - t0       # ≥ 0.5 s: more on a busy machine
    assert 1 <= rec.epoch() <= 2 + int(played)      # the first at once, then one a second


def test_ten_epochs_per_second_draws_every_epoch(qtbot, session):
    s, rec = session
    s.set_speed(10)
    t0 = time.perf_counter()
    s.play()
    qtbot.wait(1000)
    s.pause()
    wait_paused(qtbot, s, rec)
    played = time.perf_counter() - t0       # ≥ 1 s: more on a busy machine
    assert 6 <= rec.epoch() <= 10 * played + 4
    epochs = [snap.epoch for snap in rec.snaps]
    assert set(range(1, rec.epoch() + 1)) <= set(epochs)   # a snapshot for each epoch


def test_learning_rate_changes_in_place_keeping_weights_and_epoch(qtbot, session):
    s, rec = session
    s.step(5)
    qtbot.waitUntil(lambda: rec.epoch() == 5, timeout=3000)
    before = rec.last
    s.set_config(before.config.replace(lr=0.5))
    qtbot.waitUntil(lambda: rec.last.config.lr == 0.5, timeout=3000)
    assert rec.last.epoch == 5 and not rec.rebuilt
    np.testing.assert_array_equal(rec.last.theta, before.theta)


def test_learning_rate_changes_while_playing(qtbot, session):
    s, rec = session
    s.play()
    qtbot.waitUntil(lambda: rec.epoch() > 20, timeout=5000)
    s.set_config(rec.last.config.replace(lr=0.3))
    qtbot.waitUntil(lambda: rec.last.config.lr == 0.3 and rec.epoch() > 40, timeout=5000)
    assert not rec.rebuilt
    s.pause()


def test_shape_change_rebuilds_at_epoch_zero(qtbot, session):
    s, rec = session
    s.step(10)
    qtbot.waitUntil(lambda: rec.epoch() == 10, timeout=3000)
    s.set_config(rec.last.config.replace(hidden=(8, 3)))
    qtbot.waitUntil(lambda: bool(rec.rebuilt) and rec.last.spec.hidden == (8, 3), timeout=3000)
    assert rec.last.epoch == 0 and len(rec.last.history) == 0


def test_loss_change_swaps_the_objective_keeping_weights_and_epoch(qtbot, session):
    s, rec = session
    s.step(3)
    qtbot.waitUntil(lambda: rec.epoch() == 3, timeout=3000)
    s.set_config(rec.last.config.replace(loss="bce"))
    s.step(1)
    qtbot.waitUntil(lambda: rec.epoch() == 4, timeout=3000)
    assert rec.last.config.loss == "bce" and not rec.rebuilt
    # BCE of a sigmoid net near p = 0.5 is about log 2, far from MSE's ~0.25
    assert rec.last.history.loss[-1] > 0.5 > rec.last.history.loss[-2]


def test_new_points_are_used_from_the_next_epoch_with_weights_kept(qtbot, session):
    s, rec = session
    s.step(4)
    qtbot.waitUntil(lambda: rec.epoch() == 4, timeout=3000)
    before = rec.last
    X = np.vstack([before.X, [[0.5, 0.5]]])
    y = np.vstack([before.y, [[1.0]]])
    s.set_data(X, y, None, None)
    s.step(1)
    qtbot.waitUntil(lambda: rec.epoch() == 5, timeout=3000)
    assert len(rec.last.X) == len(before.X) + 1
    assert len(rec.last.history) == 5


def test_play_without_points_reports_an_error_and_stays_paused(qtbot, session):
    s, rec = session
    s.set_data(np.zeros((0, 2)), np.zeros((0, 1)), None, None)
    s.play()
    qtbot.waitUntil(lambda: bool(rec.errors), timeout=3000)
    assert "points" in rec.errors[-1]
    wait_quiet(qtbot)
    assert rec.epoch() == 0


def test_invalid_data_is_refused_with_a_message(qtbot, session):
    s, rec = session
    s.set_data(np.array([[0.0, np.nan]]), np.array([[1.0]]), None, None)
    qtbot.waitUntil(lambda: bool(rec.errors), timeout=3000)
    assert "NaN" in rec.errors[-1]


def test_convergence_stops_playing_and_says_when(qtbot):
    s, rec = make_session(qtbot, **FAST)
    try:
        s.play()
        qtbot.waitUntil(lambda: bool(rec.stopped), timeout=5000)
        assert "converged" in rec.stopped[-1]
        assert rec.last.status == "converged"
        assert f"epoch {rec.last.epoch}" in rec.stopped[-1]
        s.play()     # already at 100 %: refused, with the reason
        qtbot.waitUntil(lambda: len(rec.stopped) == 2, timeout=3000)
        assert "Already converged" in rec.stopped[-1]
    finally:
        assert s.shutdown()


def test_divergence_stops_playing_with_the_engines_message(qtbot):
    s, rec = make_session(qtbot, lr=1000, activation="none", output_activation="none")
    try:
        s.play()
        qtbot.waitUntil(lambda: bool(rec.stopped), timeout=5000)
        assert "diverged" in rec.stopped[-1]
        assert rec.last.status == "diverged"
    finally:
        assert s.shutdown()


def test_reset_keeping_the_seed_restores_the_initial_weights(qtbot, session):
    s, rec = session
    s.reset(True)
    qtbot.waitUntil(lambda: bool(rec.snaps), timeout=3000)
    initial = rec.last.theta
    s.step(20)
    qtbot.waitUntil(lambda: rec.epoch() == 20, timeout=3000)
    s.reset(True)
    qtbot.waitUntil(lambda: rec.epoch() == 0, timeout=3000)
    np.testing.assert_array_equal(rec.last.theta, initial)
    s.reset(False)
    qtbot.waitUntil(lambda: bool(rec.seeds), timeout=3000)
    qtbot.waitUntil(lambda: rec.last.config.seed == rec.seeds[-1], timeout=3000)
    assert not np.array_equal(rec.last.theta, initial)


def test_shutdown_while_playing_ends_the_thread(qtbot):
    s, rec = make_session(qtbot)
    s.play()
    qtbot.waitUntil(lambda: rec.epoch() > 10, timeout=5000)
    t0 = time.perf_counter()
    assert s.shutdown()
    assert time.perf_counter() - t0 < 1.0
    assert not s.thread.isRunning()
    # handed back to the GUI thread, so Python deletes it (and its timer) there
    assert s.worker.thread() == QApplication.instance().thread()


def test_call_runs_in_the_training_thread_and_answers_in_the_gui_thread(qtbot, session):
    s, rec = session
    s.step(3)
    qtbot.waitUntil(lambda: rec.epoch() == 3, timeout=3000)
    answers = []
    gui_thread = threading.get_ident()

    def read_epoch(worker):
        return worker.trainer.epoch, threading.get_ident()

    s.call(read_epoch, lambda result, error: answers.append((result, error, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(answers), timeout=3000)
    (epoch, worker_thread), error, answered_in = answers[0]
    assert epoch == 3 and error is None
    assert worker_thread != gui_thread and answered_in == gui_thread



def test_a_command_sent_mid_tick_ends_the_tick_after_the_chunk_in_progress(qtbot, monkeypatch):
    # at max speed with nothing drawn, a tick would run until its budget or a stale
    # snapshot; both far off here, a command must not wait for either
    from backprop_lab.gui import worker as worker_module
    monkeypatch.setattr(worker_module, "TICK_BUDGET_S", 5.0)
    monkeypatch.setattr(worker_module, "STALE_S", 5.0)
    s, rec = make_session(qtbot, stop_at_100=False, max_epochs=100_000_000)
    try:
        s.set_speed(0.0)
        s.play()
        qtbot.waitUntil(lambda: s.worker.trainer.epoch > 100, timeout=10000)
        waits = []
        for _ in range(5):
            qtbot.wait(30)
            sent = time.perf_counter()
            s.call(lambda worker: time.perf_counter() - sent, lambda waited, error: waits.append(waited))
            qtbot.waitUntil(lambda: len(waits) == _ + 1, timeout=10000)
        assert max(waits) < 1.0, waits
        assert s.worker.running                      # the ticks go on after each command
    finally:
        assert s.shutdown()

def test_a_failing_call_reports_its_error_and_the_worker_goes_on(qtbot, session):
    s, rec = session
    answers = []
    s.call(lambda worker: 1 / 0, lambda result, error: answers.append((result, error)))
    qtbot.waitUntil(lambda: bool(answers), timeout=3000)
    assert answers[0] == (None, "ZeroDivisionError: division by zero")
    s.step(1)
    qtbot.waitUntil(lambda: rec.epoch() == 1, timeout=3000)


def test_replace_trainer_swaps_in_another_trainer(qtbot, session):
    s, rec = session
    other = Trainer(TrainConfig(hidden=(3,)), *datasets.xor_easy())
    other.run(7)
    done = []
    s.call(lambda worker: worker.replace_trainer(other), lambda r, e: done.append(e))
    qtbot.waitUntil(lambda: bool(done), timeout=3000)
    qtbot.waitUntil(lambda: rec.epoch() == 7, timeout=3000)
    assert done == [None] and rec.snaps[-1].spec.sizes == (2, 3, 1)


def test_while_training_runs_only_the_gui_thread_collects_garbage(qtbot):
    import gc
    from backprop_lab.gui import gc_in_gui_thread
    collected_in = []

    def note(phase, info):
        if phase == "start":
            collected_in.append(threading.current_thread() is threading.main_thread())

    s, rec = make_session(qtbot, stop_at_100=False, max_epochs=10**9)
    gc.callbacks.append(note)
    try:
        assert not gc.isenabled() and gc_in_gui_thread.holders() >= 1
        s.play()
        for _ in range(20):                  # cycles for the collector, made as the GUI would
            junk = [[] for _ in range(2000)]
            for a in junk:
                a.append(a)
            del junk
            qtbot.wait(100)
        s.pause()
        wait_paused(qtbot, s, rec)
    finally:
        gc.callbacks.remove(note)
        assert s.shutdown()
    assert rec.epoch() > 100                 # it trained meanwhile
    assert collected_in and all(collected_in)   # the timer collected, never the training thread
    assert gc.isenabled() == (gc_in_gui_thread.holders() == 0)


def test_chunks_without_a_call_per_epoch_keep_the_timelines_epochs(qtbot, session):
    """Past FREE_RUN_SPACING the worker runs chunks that end on the epochs the timeline
    keeps, not a call after each epoch: the same states must be kept as epoch by epoch."""
    from backprop_lab.gui.worker import FREE_RUN_SPACING
    from backprop_lab.model.timeline import Timeline
    s, rec = session
    s.worker.watch.timeline.max_states = 16        # spacing 8 after ~128 epochs
    s.play()
    qtbot.waitUntil(lambda: rec.epoch() > 3000, timeout=20000)
    s.pause()
    wait_paused(qtbot, s, rec)
    kept = s.worker.watch.timeline
    assert kept.spacing >= 16 * FREE_RUN_SPACING
    ref_trainer = Trainer(s.worker.trainer.cfg, *make_data(s.worker.trainer.cfg))
    ref = Timeline(max_states=16)
    ref.record(ref_trainer)
    while ref_trainer.epoch < rec.epoch():
        ref_trainer.step()
        ref.record(ref_trainer)
    assert kept.epochs() == ref.epochs()
    for epoch in ref.epochs():
        np.testing.assert_array_equal(kept.state(epoch).theta, ref.state(epoch).theta)
