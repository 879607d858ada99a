"""Timeline: kept states within a memory budget, scrubbing and bit-identical resume."""
import tracemalloc

import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, datasets
from backprop_lab.model.timeline import STATE_OVERHEAD_BYTES, Timeline


def _trainer(**kw):
    X, y = datasets.make("circle", n=40, seed=1)
    kw = {"dataset": "circle", "stop_at_100": False, **kw}
    return Trainer(TrainConfig(**kw), X, y, X[:10], y[:10])


def _train_recording(tr, tl, epochs):
    tl.record(tr)
    for _ in range(epochs):
        tr.step()
        tl.record(tr)


def _state_bytes(tr):
    return 3 * tr.network.theta.nbytes + STATE_OVERHEAD_BYTES


def test_keeps_every_epoch_while_the_budget_allows():
    tr = _trainer()
    tl = Timeline(budget_bytes=10**8)
    _train_recording(tr, tl, 20)
    assert tl.epochs() == list(range(21)) and tl.spacing == 1


def test_thinning_doubles_the_spacing_and_keeps_epoch_zero_and_the_newest():
    tr = _trainer()
    tl = Timeline(budget_bytes=10 * _state_bytes(tr))
    _train_recording(tr, tl, 40)
    kept = tl.epochs()
    assert kept[0] == 0 and len(kept) <= 10 and tl.spacing > 1
    assert kept[-1] >= 40 - tl.spacing               # the newest kept is at most one spacing back
    assert all(e % tl.spacing == 0 for e in kept[:-1])
    assert np.all(np.diff(kept[:-1]) == tl.spacing)  # still evenly spread over the whole run


def test_the_state_count_cap_thins_like_the_byte_budget():
    tr = _trainer()
    tl = Timeline(budget_bytes=10**9, max_states=16)
    _train_recording(tr, tl, 100)
    assert len(tl) <= 16 and tl.epochs()[0] == 0 and tl.spacing >= 8


def test_memory_stays_within_the_budget_over_100000_epochs():
    tr = _trainer(hidden=(4, 4), optimizer="adam", batch_size=8)
    budget = 40 * _state_bytes(tr)
    # the budget depends on how many states are kept, not on their values, so the
    # epoch counter is advanced directly (100 000 real epochs would take minutes)
    tr.run(3)
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    tl = Timeline(budget_bytes=budget)
    worst = 0
    for e in range(100_001):
        tr.epoch = e
        tr.network.theta[0] = e                      # each state differs
        tl.record(tr)
        worst = max(worst, tl.state_nbytes)
    measured = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    assert worst <= budget and measured <= budget
    kept = tl.epochs()
    assert kept[0] == 0 and kept[-1] > 100_000 - tl.spacing and len(kept) >= 10
    assert tl.state(kept[-1]).theta[0] == kept[-1]   # a kept state holds that epoch's weights


def test_state_nbytes_counts_theta_grad_update_and_optimizer_state():
    tr = _trainer(optimizer="adam")
    tl = Timeline()
    tl.record(tr)
    P = tr.network.n_params * 8
    assert tl.state(0).nbytes == 5 * P + STATE_OVERHEAD_BYTES     # theta, grad, update, m, v
    assert tl.state_nbytes == tl.state(0).nbytes == tl.nbytes


@pytest.mark.parametrize("optimizer,batch", [("adam", 8), ("momentum", 0), ("sgd", 5)])
def test_resume_from_a_kept_state_repeats_the_original_run_bit_for_bit(optimizer, batch):
    tr = _trainer(optimizer=optimizer, batch_size=batch, lr=0.02)
    tl = Timeline(budget_bytes=12 * _state_bytes(tr) + 5 * tr.network.theta.nbytes * 12)
    _train_recording(tr, tl, 120)
    theta_120 = tr.network.theta.copy()
    hist_120 = tr.history.arrays()
    back = tl.nearest(50)
    assert 0 < back < 120
    tl.restore(tr, back)
    assert tr.epoch == back and tr.history.n == back
    tr.run(120 - back)
    assert np.array_equal(tr.network.theta, theta_120)
    for name, col in tr.history.arrays().items():
        assert np.array_equal(col, hist_120[name], equal_nan=True), name


def test_restore_keeps_the_abandoned_history_as_a_branch_and_drops_later_states():
    tr = _trainer()
    tl = Timeline()
    _train_recording(tr, tl, 30)
    abandoned = tr.history.arrays()
    tl.restore(tr, 10)
    assert tl.epochs() == list(range(11))
    (branch,) = tl.branches
    assert branch.from_epoch == 10 and "10" in branch.label
    assert np.array_equal(branch.history.loss, abandoned["loss"])
    tr.run(5)                                         # the new line does not touch the branch
    assert np.array_equal(branch.history.loss, abandoned["loss"])
    assert tl.nbytes > tl.state_nbytes


def test_restore_brings_back_the_settings_in_force_at_that_epoch():
    tr = _trainer(lr=0.1)
    tl = Timeline()
    _train_recording(tr, tl, 10)
    tr.set_config(tr.cfg.replace(lr=0.7, optimizer="adam"))
    _train_recording(tr, tl, 5)
    tl.restore(tr, 4)
    assert tr.cfg.lr == 0.1 and tr.cfg.optimizer == "sgd" and tr.optimizer.lr == 0.1


def test_settings_changed_at_a_kept_epoch_are_the_ones_a_resume_replays():
    tr = _trainer(lr=0.1)
    tl = Timeline()
    _train_recording(tr, tl, 10)
    tr.set_config(tr.cfg.replace(lr=0.3))
    assert not tl.record(tr)                          # same weights: the state only notes the lr
    _train_recording(tr, tl, 10)
    theta_20 = tr.network.theta.copy()
    tl.restore(tr, 10)
    assert tr.cfg.lr == 0.3
    tr.run(10)
    assert np.array_equal(tr.network.theta, theta_20)


def test_restore_refuses_a_state_from_another_network():
    tr = _trainer()
    tl = Timeline()
    _train_recording(tr, tl, 3)
    tr.set_config(tr.cfg.replace(hidden=(3,)))
    with pytest.raises(ValueError, match="hidden"):
        tl.restore(tr, 2)


def test_a_reset_trainer_drops_the_states_of_the_old_run():
    tr = _trainer()
    tl = Timeline()
    _train_recording(tr, tl, 8)
    tr.reset(seed=7)
    assert tl.record(tr)
    assert tl.epochs() == [0] and np.array_equal(tl.state(0).theta, tr.network.theta)


def test_recording_the_same_epoch_twice_keeps_one_state():
    tr = _trainer()
    tl = Timeline()
    _train_recording(tr, tl, 3)
    assert not tl.record(tr)
    assert tl.epochs() == [0, 1, 2, 3]


def test_snapshot_at_shows_the_kept_weights_and_the_history_up_to_that_epoch():
    tr = _trainer()
    tl = Timeline()
    _train_recording(tr, tl, 25)
    live = tr.snapshot()
    past = tl.snapshot_at(live, 9)
    assert past.epoch == 9 and np.array_equal(past.theta, tl.state(9).theta)
    assert not np.array_equal(past.theta, live.theta)
    assert list(past.history.epoch) == list(range(1, 10))
    assert np.array_equal(past.predict(live.X), tl.snapshot_at(live, 9).predict(live.X))
    assert live.epoch == 25 and len(live.history) == 25 and tr.epoch == 25


def test_nearest_and_state_lookups():
    tr = _trainer()
    tl = Timeline(budget_bytes=6 * _state_bytes(tr))
    _train_recording(tr, tl, 20)
    kept = tl.epochs()
    assert tl.nearest(10**6) == kept[-1] and tl.nearest(-5) == 0
    assert tl.latest_at_or_before(kept[1] - 1) == kept[0]
    with pytest.raises(KeyError, match="no state kept at epoch"):
        tl.state(kept[1] + 1)


# --- the TimelineBar and DivergenceBanner widgets ------------------------------------------
def _bar(qtbot):
    from backprop_lab.gui.timeline_bar import TimelineBar
    bar = TimelineBar()
    qtbot.addWidget(bar)
    return bar


def test_bar_follows_the_live_end_until_scrubbed(qtbot):
    bar = _bar(qtbot)
    bar.set_states([0, 2, 4], live_epoch=5, nbytes=3 * 2**20)
    assert not bar.scrubbing and bar.slider.value() == bar.slider.maximum() == 3
    assert bar.label.text() == "epoch 5 of 5 (live), 3 states kept, 3.0 MB"
    assert not bar.resume_button.isEnabled() and not bar.live_button.isEnabled()
    bar.set_states([0, 2, 4, 6], live_epoch=7, nbytes=4 * 2**20)
    assert bar.slider.value() == bar.slider.maximum() and bar.epoch_on_view == 7


def test_bar_label_keeps_its_size_at_each_epoch_and_widens_for_a_longer_text(qtbot):
    """A label free in size would lay the bar out again 30 times a second at max speed."""
    from PySide6.QtCore import QEvent, QObject
    bar = _bar(qtbot)
    bar.resize(900, 40)
    bar.show()
    qtbot.waitExposed(bar)
    layouts = []

    class Count(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.LayoutRequest:
                layouts.append(ev)
            return False
    counter = Count(bar)
    bar.installEventFilter(counter)
    bar.set_states([0, 2], live_epoch=10_000, nbytes=0)
    bar.show_live_epoch(10_000)
    qtbot.wait(20)
    layouts.clear()
    width = bar.label.width()
    for epoch in (12_345, 56_789, 91_011):
        bar.show_live_epoch(epoch)
        qtbot.wait(5)
    assert layouts == [] and bar.label.width() == width
    bar.set_states(list(range(0, 2000, 2)), live_epoch=123_456_789, nbytes=999 * 2**20)
    bar.show_live_epoch(123_456_789)
    qtbot.wait(20)
    assert bar.label.width() >= bar.label.sizeHint().width() > width     # all of it shown


def test_dragging_to_a_kept_epoch_emits_scrub_and_stays_there_while_training_goes_on(qtbot):
    bar = _bar(qtbot)
    bar.set_states([0, 2, 4], live_epoch=5, nbytes=0)
    with qtbot.waitSignal(bar.sigScrub) as sig:
        bar.slider.setValue(1)
    assert sig.args == [2] and bar.scrubbing and bar.epoch_on_view == 2
    assert bar.resume_button.isEnabled() and bar.live_button.isEnabled()
    bar.set_states([0, 2, 4, 6, 8], live_epoch=9, nbytes=0)
    assert bar.epoch_on_view == 2 and bar.slider.value() == 1
    assert "epoch 2 of 9 (viewing)" in bar.label.text()


def test_resume_emits_the_epoch_on_view_and_live_returns_to_the_end(qtbot):
    bar = _bar(qtbot)
    bar.set_states([0, 10, 20], live_epoch=20, nbytes=0)    # the live epoch is also kept
    assert bar.slider.maximum() == 2
    bar.scrub_to(9)
    with qtbot.waitSignal(bar.sigResume) as sig:
        bar.resume_button.click()
    assert sig.args == [10]
    with qtbot.waitSignal(bar.sigLive):
        bar.live_button.click()
    assert not bar.scrubbing and bar.slider.value() == 2


def test_a_scrubbed_state_that_disappears_sends_the_bar_back_to_live(qtbot):
    bar = _bar(qtbot)
    bar.set_states([0, 1, 2, 3], live_epoch=4, nbytes=0)
    bar.scrub_to(1)
    bar.set_states([0, 2], live_epoch=4, nbytes=0)         # thinned: epoch 1 is gone
    assert not bar.scrubbing and bar.epoch_on_view == 4


def test_resuming_at_the_scrubbed_epoch_makes_it_the_live_end(qtbot):
    bar = _bar(qtbot)
    bar.set_states([0, 1, 2, 3], live_epoch=4, nbytes=0)
    bar.scrub_to(2)
    bar.set_states([0, 1, 2], live_epoch=2, nbytes=0)     # the worker went back to epoch 2
    assert not bar.scrubbing and bar.epoch_on_view == 2 and bar.slider.value() == bar.slider.maximum()


def test_banner_is_hidden_until_shown_and_hides_after_a_choice(qtbot):
    from backprop_lab.gui.timeline_bar import DivergenceBanner
    banner = DivergenceBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    banner.show_message("exploding at epoch 12: ...; largest weights in layer 2")
    assert not banner.isHidden() and "layer 2" in banner.label.text()
    with qtbot.waitSignal(banner.sigRollback) as sig:
        banner.halve_button.click()
    assert sig.args == [True] and banner.isHidden()
    banner.show_message("diverged", can_roll_back=False)
    assert not banner.rollback_button.isEnabled() and not banner.halve_button.isEnabled()


# --- through the training thread (backprop_lab.gui.training_session.TrainingSession) -------------------------------
class _Heard:
    """What a TrainingSession says, collected in the GUI thread."""

    def __init__(self, session):
        self.snaps, self.timelines, self.results = [], [], []
        session.sigSnapshot.connect(self.snaps.append)
        session.sigTimeline.connect(lambda e, live, nb: self.timelines.append((e, live, nb)))

    def epoch(self):
        return self.snaps[-1].epoch if self.snaps else -1

    def done(self, result, error):
        self.results.append((result, error))


@pytest.fixture
def live_session(qtbot):
    from backprop_lab.gui.training_session import TrainingSession
    cfg = TrainConfig(stop_at_100=False, optimizer="adam", lr=0.01, batch_size=5)
    session = TrainingSession(cfg, *datasets.make("xor-easy"))
    heard = _Heard(session)
    session.step(60)
    qtbot.waitUntil(lambda: heard.epoch() == 60, timeout=5000)
    yield session, heard
    assert session.shutdown()


def test_session_reports_kept_epochs_up_to_the_live_one(qtbot, live_session):
    s, heard = live_session
    qtbot.waitUntil(lambda: bool(heard.timelines) and heard.timelines[-1][1] == 60, timeout=3000)
    epochs, live, nbytes = heard.timelines[-1]
    assert epochs[0] == 0 and epochs[-1] == 60 and live == 60 and nbytes > 0


def test_viewing_a_kept_epoch_shows_it_and_live_returns_without_training(qtbot, live_session):
    s, heard = live_session
    live = heard.snaps[-1]
    s.call(lambda w: w.halt_then(lambda: w.watch.view(20)), heard.done)
    qtbot.waitUntil(lambda: bool(heard.results), timeout=3000)
    past = heard.snaps[-1]
    assert past.epoch == 20 and len(past.history) == 20 and not np.array_equal(past.theta, live.theta)
    s.call(lambda w: w.watch.live())
    qtbot.waitUntil(lambda: heard.epoch() == 60, timeout=3000)
    np.testing.assert_array_equal(heard.snaps[-1].theta, live.theta)


def test_resume_from_a_kept_epoch_replays_the_run_and_reports_the_abandoned_branch(qtbot, live_session):
    s, heard = live_session
    at_60 = heard.snaps[-1]
    s.call(lambda w: w.halt_then(lambda: w.watch.resume(w.trainer, 20)), heard.done)
    qtbot.waitUntil(lambda: bool(heard.results), timeout=3000)
    went, error = heard.results[-1]
    assert error is None and went.epoch == 20 == heard.epoch()
    assert len(went.branch.history) == 60 and went.branch.from_epoch == 20
    s.step(40)
    qtbot.waitUntil(lambda: heard.epoch() == 60, timeout=5000)
    np.testing.assert_array_equal(heard.snaps[-1].theta, at_60.theta)   # same settings: same run


# --- in the main window -------------------------------------------------------------------------
@pytest.fixture
def window(make_window):
    return make_window(TrainConfig(stop_at_100=False))


def test_window_scrubs_to_a_kept_epoch_and_resumes_from_it_keeping_the_old_curves(qtbot, window):
    from PySide6.QtWidgets import QPushButton, QSlider, QWidget
    bar = window.findChild(QWidget, "timelineBar")
    window.session.step(40)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 40 and "of 40" in bar.label.text(), timeout=5000)
    slider = window.findChild(QSlider, "timelineSlider")
    slider.setValue(10)                                   # kept epochs 0..40: position 10 is epoch 10
    qtbot.waitUntil(lambda: window.snapshot.epoch == 10, timeout=3000)
    assert len(window.snapshot.history) == 10 and "Viewing kept epoch 10" in window.statusBar().currentMessage()
    window.findChild(QPushButton, "resumeButton").click()
    loss_plot = window.views["lossPlot"]
    qtbot.waitUntil(lambda: bool(loss_plot.pins), timeout=3000)
    x, _ = loss_plot.pins[0].getOriginalDataset()
    assert x[-1] == 40                                    # the abandoned run, to epoch 40
    assert not bar.scrubbing and "resumed from epoch 10" in window.statusBar().currentMessage()
    window.session.step(5)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 15, timeout=3000)


def test_window_live_button_returns_to_the_newest_epoch(qtbot, window):
    from PySide6.QtWidgets import QPushButton
    window.session.step(20)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 20, timeout=5000)
    window.timeline_bar.scrub_to(5)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 5, timeout=3000)
    window.findChild(QPushButton, "liveButton").click()
    qtbot.waitUntil(lambda: window.snapshot.epoch == 20, timeout=3000)


def test_bar_applies_the_newest_offered_states_and_a_direct_report_drops_older_offers(qtbot):
    from backprop_lab.gui.timeline_bar import TimelineBar
    bar = TimelineBar()
    qtbot.addWidget(bar)
    bar.set_states([0], live_epoch=0, nbytes=0)
    for live in range(1, 30):                        # training reports far faster than drawn
        bar.offer_states(list(range(live)), live_epoch=live, nbytes=0)
    qtbot.waitUntil(lambda: "epoch 29 of 29" in bar.label.text(), timeout=5000)
    bar.offer_states([0, 1, 2], live_epoch=40, nbytes=0)
    bar.set_states([0, 1], live_epoch=3, nbytes=0)   # e.g. the pause's own report
    qtbot.wait(400)
    assert "epoch 3 of 3" in bar.label.text()
