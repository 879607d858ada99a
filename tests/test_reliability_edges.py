"""Edge cases a class will hit: odd data, hammering, closing mid-run, errors.

Each test watches for uncaught exceptions and Qt warnings (ProblemLog) as well
as what it asserts. Window helpers come from tests/test_main_window.py.
"""
from __future__ import annotations

import gc

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPushButton

from backprop_lab.gui import errors
from backprop_lab.gui.main_window import NO_POINTS_HINT, MainWindow
from reliability_support import (LATENCY_LIMIT_S, ProblemLog, event_loop_latency, shown_points,
                                 worker_barrier)
from test_main_window import button, click, shown_epoch, status

EMPTY = (np.zeros((0, 2)), np.zeros((0, 1)))


@pytest.fixture
def window(make_window):
    with ProblemLog() as log:          # watches the window from its opening to its closing
        w = make_window()
        w.problems = log
        yield w
        w.close()
        log.check("closing the window")


def use_points(qtbot, w, X, y):
    """Replace every point (as an imported file does) and wait until they are drawn."""
    w.data.replace(np.asarray(X, float), np.asarray(y, float).reshape(-1, 1), *EMPTY)
    worker_barrier(qtbot, w)
    qtbot.waitUntil(lambda: shown_points(w) == (len(X), 0), timeout=10000)


def step_and_wait(qtbot, w, n_clicks=1):
    start = shown_epoch(w)
    for _ in range(n_clicks):
        click(qtbot, w, "stepButton")
    qtbot.waitUntil(lambda: shown_epoch(w) == start + n_clicks, timeout=10000)


# --- edge data --------------------------------------------------------------------------
def test_zero_points_disable_play_step_and_keys_with_a_hint(qtbot, window):
    click(qtbot, window, "clearButton")
    qtbot.waitUntil(lambda: len(window.snapshot.X) == 0, timeout=3000)
    for name in ("playButton", "stepButton", "stepNButton"):
        assert not button(window, name).isEnabled(), name
    assert button(window, "playButton").toolTip() == NO_POINTS_HINT
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_N):
        qtbot.keyClick(window, key)
    worker_barrier(qtbot, window)
    assert window.snapshot.epoch == 0 and not window._running
    window.problems.check("keys with no points")


def test_points_of_one_class_train_and_draw_without_error(qtbot, window):
    X = np.random.default_rng(1).uniform(0, 1, (30, 2))
    use_points(qtbot, window, X, np.ones(30))
    step_and_wait(qtbot, window, 5)
    assert np.isfinite(window.snapshot.history.loss).all()
    window.problems.check("one class")


def test_duplicate_points_even_of_both_classes_train_on(qtbot, window):
    X = np.array([[0.5, 0.5]] * 10 + [[0.2, 0.8]] * 10)
    y = np.array([0, 1] * 5 + [1] * 10)      # the same point both 0 and 1: never 100 %
    use_points(qtbot, window, X, y)
    window.toolbar.step_n_spin.setValue(200)
    click(qtbot, window, "stepNButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 200, timeout=10000)
    assert window.snapshot.history.accuracy[-1] <= 0.75 + 1e-9
    window.problems.check("duplicates")


def test_fifty_thousand_points_keep_the_window_answering_and_the_map_redrawing(qtbot, window):
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (50_000, 2))
    use_points(qtbot, window, X, (X[:, 0] * X[:, 1] > 0).astype(float))
    image = window.views["decisionMap"].image_item
    before = image.image.copy()
    click(qtbot, window, "playButton")
    latencies = []
    for _ in range(60):                      # ~2-3 s of training
        latencies.append(event_loop_latency(qtbot))
        qtbot.wait(25)
    click(qtbot, window, "playButton")
    worker_barrier(qtbot, window)
    qtbot.waitUntil(lambda: window.pacer.pending is None, timeout=5000)
    latencies.sort()
    # A frame with 50 000 points costs ~100 ms here; the event loop waits for at most one.
    assert latencies[len(latencies) * 9 // 10] < LATENCY_LIMIT_S, latencies
    assert latencies[-1] < 3 * LATENCY_LIMIT_S, latencies
    assert shown_epoch(window) > 0
    assert not np.array_equal(image.image, before)           # the map follows the training
    assert shown_points(window) == (50_000, 0)


def test_points_far_outside_the_default_range_widen_the_map(qtbot, window):
    dm = window.views["decisionMap"]
    assert dm.extent == pytest.approx((-0.1, 1.1, -0.1, 1.1))
    for x, y in ((50.0, -30.0), (-1e4, 2e4)):
        dm.sigAddPoint.emit(x, y, 1)
        qtbot.waitUntil(lambda: len(window.snapshot.X) == len(window.data.X), timeout=3000)
        qtbot.waitUntil(lambda: window.pacer.pending is None, timeout=3000)
        x0, x1, y0, y1 = dm.extent
        assert x0 < x < x1 and y0 < y < y1
    step_and_wait(qtbot, window)
    window.problems.check("far points")


# --- rapid input ----------------------------------------------------------------------
def test_step_while_playing_pauses_and_the_button_says_play(qtbot, window):
    click(qtbot, window, "playButton")
    qtbot.waitUntil(lambda: shown_epoch(window) > 5, timeout=5000)
    click(qtbot, window, "stepButton")
    result = worker_barrier(qtbot, window)
    assert not result["running"]
    assert "Play" in button(window, "playButton").text()
    held = shown_epoch(window)
    click(qtbot, window, "playButton")              # one press plays again
    qtbot.waitUntil(lambda: shown_epoch(window) > held + 5, timeout=5000)


def test_closing_while_training_stops_the_thread_without_qt_warnings(qtbot):
    with ProblemLog() as log:
        w = MainWindow()
        w.show()
        qtbot.waitUntil(lambda: w.snapshot is not None, timeout=5000)
        w.toolbar.step_n_spin.setValue(1_000_000)
        click(qtbot, w, "stepNButton")              # a long Step N running ...
        click(qtbot, w, "playButton")               # ... then playing at full speed
        qtbot.waitUntil(lambda: shown_epoch(w) > 50, timeout=5000)
        thread = w.session.thread
        w.close()
        assert not thread.isRunning()
        w.deleteLater()
        qtbot.wait(50)
        del w, thread
        gc.collect()
        qtbot.wait(50)
        log.check("after closing mid-training")     # e.g. "QThread: Destroyed while ..."


# --- errors a user can cause ---------------------------------------------------------------
def test_divergence_says_so_in_the_window_keeps_finite_weights_and_prints_nothing(qtbot, window, capfd):
    for name in ("activationCombo", "outputCombo"):     # linear: nothing saturates
        window.findChild(QComboBox, name).setCurrentText("none")
    edit = window.findChild(QLineEdit, "lrEdit")
    edit.setText("1000")
    edit.editingFinished.emit()
    qtbot.waitUntil(lambda: window.snapshot.config.lr == 1000, timeout=3000)
    click(qtbot, window, "playButton")
    qtbot.waitUntil(lambda: "diverg" in status(window).lower(), timeout=20000)
    worker_barrier(qtbot, window)
    assert np.isfinite(window.snapshot.theta).all()
    assert "Play" in button(window, "playButton").text()
    assert "Traceback" not in capfd.readouterr().err
    window.problems.check("divergence")


def test_unreadable_points_file_gives_a_message_and_keeps_the_points(qtbot, window, tmp_path):
    bad = tmp_path / "points.csv"
    bad.write_text("x1,x2,label\n0.1,0.2,9\n")   # (labels 2 .. 7 are classes now)
    before = window.data.arrays
    assert not window.file_menu.import_points_from(bad)
    assert window.file_menu.error_box.isVisible() and window.file_menu.error_box.text()
    assert all(a is b for a, b in zip(window.data.arrays, before))
    window.file_menu.error_box.close()


# --- unexpected errors --------------------------------------------------------------------
@pytest.fixture
def reporter(window, monkeypatch):
    shown = []
    # What the dialog says, read before it closes (exec would wait for a click).
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: shown.append((box.text(), box.detailedText())) or 0)
    rep = errors.install_error_handlers(window)
    rep.shown = shown
    yield rep
    rep.uninstall()


def test_exception_in_a_slot_shows_a_dialog_with_the_traceback_and_the_app_lives_on(qtbot, window,
                                                                                  reporter):
    def broken():
        raise RuntimeError("the slot failed")
    b = QPushButton("broken", window)
    b.clicked.connect(broken)
    b.click()
    qtbot.waitUntil(lambda: bool(reporter.shown), timeout=3000)
    text, details = reporter.shown[0]
    assert "RuntimeError: the slot failed" in text
    assert "Traceback" in details and "broken" in details
    step_and_wait(qtbot, window)                 # the window still works


def test_an_error_repeating_every_frame_shows_a_few_dialogs_not_hundreds(qtbot, window, reporter):
    b = QPushButton("broken", window)
    b.clicked.connect(lambda: 1 / 0)
    for _ in range(50):
        b.click()
    qtbot.waitUntil(lambda: len(reporter.errors) == 50, timeout=3000)
    assert len(reporter.shown) <= errors.MAX_DIALOGS


def test_exception_in_the_training_thread_stops_training_with_a_message(qtbot, window, reporter):
    def explode(worker):
        def fail(*args, **kwargs):
            raise FloatingPointError("boom in the engine")
        worker.trainer.step = worker.trainer.run = fail   # whichever the worker trains with
    window.session.call(explode)
    click(qtbot, window, "playButton")
    qtbot.waitUntil(lambda: bool(reporter.errors), timeout=3000)
    result = worker_barrier(qtbot, window)
    assert not result["running"] and not window._running
    assert "internal error" in status(window) and "boom" in status(window)
    qtbot.wait(200)
    assert len(reporter.errors) <= 1                # not one per timer tick


def test_exception_while_drawing_a_frame_does_not_hold_training_back(qtbot, window, reporter,
                                                                     monkeypatch):
    view = window.views["lossPlot"]
    real = view.set_snapshot
    calls = []

    def fails_once(snap):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a view failed")
        real(snap)
    monkeypatch.setattr(view, "set_snapshot", fails_once)
    step_and_wait(qtbot, window)
    qtbot.waitUntil(lambda: bool(reporter.shown), timeout=3000)
    assert window.session.worker.gui_idle.is_set()      # training is not told to wait on a frame
    step_and_wait(qtbot, window)

