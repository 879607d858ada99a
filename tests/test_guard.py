"""DivergenceGuard: spotting an explosion early and rolling back to a sane state."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, datasets
from backprop_lab.model.guard import DivergenceGuard
from backprop_lab.model.timeline import Timeline


def _trainer(**kw):
    X, y = datasets.make("circle", n=40, seed=1)
    return Trainer(TrainConfig(dataset="circle", stop_at_100=False, **kw), X, y)


def _exploding_trainer():
    # a linear output under MSE is unbounded: lr 50 makes every step overshoot further
    return _trainer(activation="relu", output_activation="none", loss="mse", lr=50.0)


def _train_until_alarm(tr, tl, guard, chunks=20, chunk=5):
    tl.record(tr)
    for _ in range(chunks):
        for _ in range(chunk):
            tr.step()
            tl.record(tr)
        message = guard.check(tr)
        if message:
            return message
    return None


def test_lr_50_relu_net_explodes_and_the_guard_names_epoch_and_layer():
    tr, tl, guard = _exploding_trainer(), Timeline(), DivergenceGuard()
    message = _train_until_alarm(tr, tl, guard)
    assert message is not None and guard.last is not None
    assert f"epoch {guard.last.epoch}" in message and f"layer {guard.last.layer}" in message
    assert 1 <= guard.last.layer <= len(tr.network.layers)
    assert guard.last.epoch <= tr.epoch + 1


def test_rollback_gives_finite_weights_at_an_earlier_epoch_and_halves_the_lr():
    tr, tl, guard = _exploding_trainer(), Timeline(), DivergenceGuard()
    _train_until_alarm(tr, tl, guard)
    alarm = guard.last
    epoch = guard.rollback(tr, tl, halve_lr=True)
    assert epoch < alarm.bad_from and tr.epoch == epoch
    assert np.isfinite(tr.network.theta).all() and np.abs(tr.network.theta).max() <= guard.max_weight
    assert tr.cfg.lr == 25.0 and tr.optimizer.lr == 25.0
    assert tr.history.n == epoch and tr.status != "diverged"
    assert "rolled back to epoch" in tr.message and "halved" in tr.message
    assert tl.branches and str(alarm.epoch) in tl.branches[-1].label


def test_rollback_without_halving_keeps_the_learning_rate():
    tr, tl, guard = _exploding_trainer(), Timeline(), DivergenceGuard()
    _train_until_alarm(tr, tl, guard)
    guard.rollback(tr, tl, halve_lr=False)
    assert tr.cfg.lr == 50.0


def test_a_healthy_run_never_triggers_the_guard():
    tr, tl, guard = _trainer(optimizer="adam", lr=0.02), Timeline(), DivergenceGuard()
    assert _train_until_alarm(tr, tl, guard, chunks=30, chunk=10) is None


def test_a_non_finite_loss_is_reported_with_the_trainers_first_bad_layer():
    tr = _trainer()
    tr.network.blocks[1][0, 0] = np.nan
    tr.step()
    assert tr.status == "diverged" and tr.first_bad_layer is not None
    message = DivergenceGuard().check(tr)
    assert message.startswith("diverged at epoch 1")
    assert f"non-finite weights in layer {tr.first_bad_layer + 1}" in message


def test_huge_but_finite_weights_trigger_the_guard_before_any_nan():
    tr = _trainer()
    tr.step()
    tr.network.blocks[2][0, 0] = 3e6
    guard = DivergenceGuard(max_weight=1e6)
    message = guard.check(tr)
    assert guard.last.reason == "huge weights" and "layer 3" in message and "epoch 1" in message


@pytest.mark.parametrize("bad", [np.nan, -np.inf])
@pytest.mark.parametrize("source", ["trainer", "snapshot"])
def test_non_finite_weights_under_a_finite_loss_name_their_layer(bad, source):
    tr = _trainer()
    tr.step()
    tr.network.blocks[1][0, 0] = bad          # the loss so far is finite and small
    guard = DivergenceGuard()
    message = guard.check(tr if source == "trainer" else tr.snapshot())
    assert guard.last.reason == "huge weights"
    assert "first non-finite weights in layer 2" in message and "epoch 1" in message


@pytest.mark.parametrize("factor,floor,alarm", [(1e3, 1.0, True), (1e3, 1e4, False), (1e7, 1.0, False)])
def test_loss_must_exceed_both_the_factor_and_the_floor(factor, floor, alarm):
    tr = _trainer()
    tr.history.append(1, 0.5, 0.5, np.nan, np.nan)
    tr.history.append(2, 0.001, 0.5, np.nan, np.nan)
    tr.history.append(3, 5000.0, 0.5, np.nan, np.nan)      # 5e6 × the best, above a floor of 1
    tr.epoch = 3
    guard = DivergenceGuard(factor=factor, floor=floor)
    assert (guard.check(tr) is not None) == alarm
    if alarm:
        assert guard.last.epoch == 3 and guard.last.bad_from == 2


def test_check_only_looks_at_new_epochs_and_restarts_after_the_history_is_cut():
    tr = _trainer()
    guard = DivergenceGuard()
    tr.history.append(1, 0.001, 0.5, np.nan, np.nan)
    tr.history.append(2, 50.0, 0.5, np.nan, np.nan)
    tr.epoch = 2
    assert guard.check(tr) is not None
    tr.history.truncate(0)
    tr.history.append(1, 50.0, 0.5, np.nan, np.nan)          # a new run: 50 is its best so far
    tr.epoch = 1
    assert guard.check(tr) is None


def test_a_snapshot_can_be_checked_like_a_trainer():
    tr = _trainer()
    tr.step()
    tr.network.blocks[0][0, 0] = 1e9
    assert "layer 1" in DivergenceGuard().check(tr.snapshot())


# --- TrainingWatch: timeline + guard + the epoch on view, as the app's worker uses them -----
def _watched(trainer, epochs, watch=None):
    from backprop_lab.model.guard import TrainingWatch
    watch = watch or TrainingWatch()
    watch.new_line(trainer)
    for _ in range(epochs):
        trainer.step()
        watch.record(trainer)
    return watch


def test_watch_snapshot_is_live_until_an_epoch_is_viewed():
    tr = _trainer()
    watch = _watched(tr, 12)
    assert watch.snapshot(tr).epoch == 12
    watch.view(5)
    past = watch.snapshot(tr)
    assert past.epoch == 5 and len(past.history) == 5 and tr.epoch == 12
    watch.live()
    assert watch.snapshot(tr).epoch == 12
    with pytest.raises(KeyError):
        watch.view(99)


def test_watch_reports_the_timeline_only_when_it_changed():
    tr = _trainer()
    watch = _watched(tr, 3)
    epochs, live, nbytes = watch.timeline_info(tr)
    assert epochs == (0, 1, 2, 3) and live == 3 and nbytes == watch.timeline.nbytes
    assert watch.timeline_info(tr) is None
    tr.step()
    watch.record(tr)
    assert watch.timeline_info(tr)[1] == 4


def test_watch_alarms_once_then_lets_training_go_on_until_a_rollback():
    tr = _exploding_trainer()
    watch = _watched(tr, 3)
    assert watch.check(tr) is not None and watch.can_roll_back()
    tr.step()
    watch.record(tr)
    assert watch.check(tr) is None                   # the person chose to train on
    went = watch.rollback(tr, halve_lr=True)
    assert went.config.lr == 25.0 and went.branch is not None and went.epoch == tr.epoch
    assert "rolled back" in went.message and watch.armed


def test_watch_resume_reports_the_abandoned_branch_and_the_epoch():
    tr = _trainer()
    watch = _watched(tr, 10)
    watch.view(4)
    went = watch.resume(tr, 4)
    assert went.epoch == 4 == tr.epoch and len(went.branch.history) == 10
    assert watch.viewing is None and watch.snapshot(tr).epoch == 4
    assert watch.resume(tr, 4).branch is None           # nothing after epoch 4 to abandon


def test_watch_new_line_forgets_the_old_run():
    tr = _trainer()
    watch = _watched(tr, 10)
    tr.reset()
    watch.new_line(tr)
    assert watch.timeline.epochs() == [0] and watch.viewing is None


def test_watch_new_line_with_a_trainer_further_on_keeps_only_its_state():
    watch = _watched(_trainer(), 10)
    loaded = _trainer(seed=5)                           # e.g. a session loaded at epoch 25
    loaded.run(25)
    watch.new_line(loaded)
    assert watch.timeline.epochs() == [25]


# --- through the training thread (backprop_lab.gui.training_session.TrainingSession) -------------------------------
def test_session_pauses_on_an_explosion_and_rolls_back_halving_the_lr(qtbot):
    from backprop_lab.gui.training_session import TrainingSession
    X, y = datasets.make("circle", n=40, seed=1)
    cfg = TrainConfig(dataset="circle", stop_at_100=False, activation="relu",
                      output_activation="none", loss="mse", lr=50.0)
    session = TrainingSession(cfg, X, y)
    snaps, stopped, alarms, results = [], [], [], []
    session.sigSnapshot.connect(snaps.append)
    session.sigStopped.connect(lambda message: stopped.append(message))
    session.sigDiverged.connect(lambda m, can: alarms.append((m, can)))
    try:
        session.play()
        qtbot.waitUntil(lambda: bool(alarms), timeout=5000)
        message, can_roll_back = alarms[-1]
        assert can_roll_back and "epoch" in message and "layer" in message
        qtbot.waitUntil(lambda: message in stopped, timeout=3000)   # the status bar's sentence
        exploded_at = snaps[-1].epoch
        session.call(lambda w: w.halt_then(lambda: w.watch.rollback(w.trainer, True)),
                     lambda result, error: results.append((result, error)))
        qtbot.waitUntil(lambda: bool(results), timeout=3000)
        went, error = results[-1]
        assert error is None and went.config.lr == 25.0 and "rolled back" in went.message
        back = snaps[-1]
        assert back.config.lr == 25.0 and back.epoch == went.epoch < exploded_at
        assert np.isfinite(back.theta).all()
    finally:
        assert session.shutdown()


# --- in the main window -------------------------------------------------------------------------
def test_window_shows_the_banner_and_rolls_back_with_half_the_learning_rate(qtbot, make_window):
    from PySide6.QtWidgets import QPushButton
    cfg = TrainConfig(dataset="circle", n_points=40, stop_at_100=False, activation="relu",
                      output_activation="none", loss="mse", lr=50.0)
    w = make_window(cfg)
    w.session.play()
    qtbot.waitUntil(lambda: w.banner.isVisible(), timeout=5000)
    status = w.statusBar().currentMessage()
    assert "epoch" in status and "layer" in status and status in w.banner.label.text()
    w.findChild(QPushButton, "rollbackHalveButton").click()
    qtbot.waitUntil(lambda: w.cfg.lr == 25.0, timeout=3000)
    assert w.controls.cfg.lr == 25.0 and not w.banner.isVisible()
    qtbot.waitUntil(lambda: w.snapshot.config.lr == 25.0, timeout=3000)
    assert np.isfinite(w.snapshot.theta).all()
    assert "rolled back to epoch" in w.statusBar().currentMessage()
    assert w.views["lossPlot"].pins                   # the exploded run stays visible
