"""An answer of the training thread that arrives after a later change is not shown.

The worker's stop ("converged: 100% training accuracy at epoch 37") is sent the
moment it stops; the window reads it when its event loop next runs. A user who
adds a point in between has already changed the run the sentence describes. These
tests build that moment on purpose: the GUI thread holds still (a plain wait, no
event loop) until the worker has sent its stop, so the stop waits, undelivered, in
the GUI's queue; then the points change; then the queue runs. Before answers
carried their generation (backprop_lab.gui.worker_protocol), the window showed
"converged" beside a point it misclassifies, and set Play while the worker trained.
"""
import threading

from PySide6.QtCore import Qt

from backprop_lab.model import TrainConfig
from test_main_window import button, status
from test_status_truth import contradictions, settled

FAST = TrainConfig(optimizer="adam", lr=0.05, activation="tanh", loss="bce")   # xor-easy, ~35 epochs


def converged_but_not_yet_told(qtbot, make_window):
    """A window whose worker has converged and sent its stop, which the window has not
    yet received. Returns the window and the list of stops it receives."""
    w = make_window(FAST)
    w.toolbar.speed_slider.setValue(w.toolbar.speed_slider.maximum())
    settled(qtbot, w)
    delivered, sent = [], threading.Event()
    w.session.sigStopped.connect(lambda message: delivered.append(message))
    # called in the training thread, right after it queued the stop for the window
    w.session.worker.sigStopped.connect(lambda *_: sent.set(), Qt.ConnectionType.DirectConnection)
    button(w, "playButton").click()
    assert w._running
    assert sent.wait(20), "the run did not converge"
    assert w.session.worker.trainer.status == "converged" and not delivered
    return w, delivered


def add_a_point_it_cannot_classify(w):
    """A point on top of a training point, of the other class (as a click on the map adds it)."""
    X, y = w.data.arrays[:2]
    w.views["decisionMap"].sigAddPoint.emit(float(X[0, 0]), float(X[0, 1]), 1 - int(y[0, 0]))


def test_a_stop_sent_before_a_point_was_added_is_not_shown(qtbot, make_window):
    w, delivered = converged_but_not_yet_told(qtbot, make_window)
    add_a_point_it_cannot_classify(w)
    assert not delivered                           # the race, as random use met it
    live = settled(qtbot, w)
    assert delivered and "converged" in delivered[0]   # it came, after the change
    assert w.newest_snapshot().scores_now()["accuracy"] < 1.0
    assert "converged" not in status(w).lower(), status(w)
    assert contradictions(w, live) == []
    assert not w._running and not live["running"]     # the worker did stop: Play shows it
    assert button(w, "playButton").isEnabled()


def test_a_stop_sent_before_a_point_was_added_and_play_pressed_does_not_stop_the_button(
        qtbot, make_window):
    w, delivered = converged_but_not_yet_told(qtbot, make_window)
    add_a_point_it_cannot_classify(w)
    button(w, "playButton").click()                # Pause: the window does not know yet
    button(w, "playButton").click()                # Play: trains on, the points changed
    assert w._running and not delivered
    live = settled(qtbot, w)
    assert delivered
    assert live["running"] and w._running, (live, status(w), delivered)
    assert "converged" not in status(w).lower(), status(w)
    button(w, "playButton").click()                # pause: both agree again
    live = settled(qtbot, w)
    assert not live["running"] and not w._running


def test_a_stop_sent_after_the_last_change_is_shown(qtbot, make_window):
    w, delivered = converged_but_not_yet_told(qtbot, make_window)
    w.session.set_speed(0)                         # not a change of the run
    w.session.call(lambda worker: worker.trainer.epoch)   # nor is a call that only reads
    live = settled(qtbot, w)
    assert status(w).lower().startswith("converged"), status(w)
    assert f"epoch {live['epoch']}" in status(w) and contradictions(w, live) == []
