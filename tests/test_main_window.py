"""The main window driven as a user would: buttons, keys, map clicks, controls."""
import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox,
                               QLabel, QLineEdit, QSpinBox, QToolButton)


def button(w, name) -> QToolButton:
    b = w.findChild(QAbstractButton, name)
    assert b is not None, name
    return b


def click(qtbot, w, name):
    qtbot.mouseClick(button(w, name), Qt.MouseButton.LeftButton)


def shown_epoch(w) -> int:
    """The epoch as the toolbar shows it."""
    text = w.findChild(QLabel, "epochLabel").text()
    return int(re.sub(r"\D", "", text))


def wait_idle(qtbot, ms=150):
    qtbot.wait(ms)


def wait_paused(qtbot, w):
    """Until the worker has handled the pause and the window shows its last epoch:
    on a busy machine the pause can sit queued behind a chunk of epochs, and the
    final snapshot wait for its frame, for longer than any fixed wait."""
    worker = w.session.worker
    qtbot.waitUntil(lambda: not worker.running and w.pacer.pending is None
                    and shown_epoch(w) == worker.trainer.epoch, timeout=10000)


def status(w) -> str:
    return w.statusBar().currentMessage()


def test_opens_ready_with_xor_easy_and_a_2_4_4_1_network(window):
    snap = window.snapshot
    assert snap.config.dataset == "xor-easy"
    assert snap.spec.sizes == (2, 4, 4, 1)
    assert snap.epoch == 0 and snap.status == "ready"
    assert len(snap.X) == 21
    assert window.findChild(QLabel, "pointCountLabel").text().startswith("21 points")
    assert button(window, "playButton").isEnabled()


def test_play_advances_the_epoch_and_pause_holds_it(qtbot, window):
    click(qtbot, window, "playButton")
    qtbot.waitUntil(lambda: shown_epoch(window) > 100, timeout=5000)
    click(qtbot, window, "playButton")
    wait_paused(qtbot, window)
    held = shown_epoch(window)
    qtbot.wait(300)
    assert shown_epoch(window) == held
    assert "Play" in button(window, "playButton").text()


def test_space_plays_and_pauses(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: shown_epoch(window) > 10, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    wait_paused(qtbot, window)
    held = shown_epoch(window)
    qtbot.wait(300)
    assert shown_epoch(window) == held


def test_step_button_advances_exactly_one_epoch(qtbot, window):
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 1, timeout=3000)
    wait_idle(qtbot, 200)
    assert shown_epoch(window) == 1


@pytest.mark.parametrize("key", [Qt.Key.Key_Right, Qt.Key.Key_N])
def test_right_arrow_and_n_step_one_epoch(qtbot, window, key):
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: shown_epoch(window) == 1, timeout=3000)
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: shown_epoch(window) == 2, timeout=3000)


def test_hundred_fast_step_clicks_give_exactly_hundred_epochs(qtbot, window):
    for _ in range(100):
        click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 100, timeout=5000)
    wait_idle(qtbot, 200)
    assert shown_epoch(window) == 100
    assert len(window.snapshot.history) == 100


def test_step_n_runs_the_number_in_the_box(qtbot, window):
    window.findChild(QSpinBox, "stepNSpin").setValue(37)
    click(qtbot, window, "stepNButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 37, timeout=3000)


def test_play_pause_hammered_a_hundred_times_ends_paused_and_consistent(qtbot, window):
    for _ in range(100):
        click(qtbot, window, "playButton")
    settled = []

    def settles():     # the worker works through 100 queued commands, then holds still
        settled.append(shown_epoch(window))
        qtbot.wait(300)
        return shown_epoch(window) == settled[-1]
    qtbot.waitUntil(settles, timeout=5000)
    held = shown_epoch(window)
    assert "Play" in button(window, "playButton").text()
    click(qtbot, window, "playButton")          # and it still plays afterwards
    qtbot.waitUntil(lambda: shown_epoch(window) > held + 10, timeout=5000)
    assert "Pause" in button(window, "playButton").text()


def test_reset_key_goes_back_to_epoch_zero_with_the_same_weights(qtbot, window):
    initial = window.snapshot.theta.copy()
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 1, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: shown_epoch(window) == 0, timeout=3000)
    assert (window.snapshot.theta == initial).all()


def _map_click(qtbot, window, x, y, button=Qt.MouseButton.LeftButton,
               modifier=Qt.KeyboardModifier.NoModifier):
    """A real mouse click on the decision map at data coordinates (x, y)."""
    view = window.views["decisionMap"]
    gv = view.findChild(pg.GraphicsView)
    vb = gv.getPlotItem().getViewBox()
    scene_pos = vb.mapViewToScene(QPointF(x, y))
    pos = gv.mapFromScene(scene_pos)
    qtbot.mouseClick(gv.viewport(), button, modifier, pos)


def test_clicking_the_map_adds_a_point_that_the_next_epoch_trains_on(qtbot, window):
    _map_click(qtbot, window, 0.5, 0.5, Qt.MouseButton.RightButton)
    label = window.findChild(QLabel, "pointCountLabel")
    qtbot.waitUntil(lambda: label.text().startswith("22 points"), timeout=3000)
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 1, timeout=3000)
    X, y = window.snapshot.X, window.snapshot.y
    assert len(X) == 22
    assert abs(X[-1, 0] - 0.5) < 0.05 and abs(X[-1, 1] - 0.5) < 0.05 and y[-1, 0] == 1


def test_class_picker_sets_the_class_of_a_left_click(qtbot, window):
    button(window, "addClass1").click()
    _map_click(qtbot, window, 0.3, 0.7)
    qtbot.waitUntil(lambda: len(window.data.y) == 22, timeout=3000)
    assert window.data.y[-1, 0] == 1


def test_shift_click_deletes_the_nearest_point_without_restarting(qtbot, window):
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 1, timeout=3000)
    _map_click(qtbot, window, 0.0, 0.0, modifier=Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: len(window.snapshot.X) == 20, timeout=3000)
    assert window.snapshot.epoch == 1
    assert window.findChild(QLabel, "pointCountLabel").text().startswith("20 points")


def test_clear_points_disables_play_with_a_hint(qtbot, window):
    click(qtbot, window, "clearButton")
    qtbot.waitUntil(lambda: len(window.snapshot.X) == 0, timeout=3000)
    assert not button(window, "playButton").isEnabled()
    assert "add points" in status(window).lower()
    _map_click(qtbot, window, 0.2, 0.2)
    qtbot.waitUntil(lambda: button(window, "playButton").isEnabled(), timeout=3000)


def test_learning_rate_typed_while_running_applies_without_reset(qtbot, window):
    click(qtbot, window, "playButton")
    qtbot.waitUntil(lambda: shown_epoch(window) > 50, timeout=5000)
    edit = window.findChild(QLineEdit, "lrEdit")
    edit.selectAll()
    qtbot.keyClicks(edit, "0.5")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    before = shown_epoch(window)
    qtbot.waitUntil(lambda: window.snapshot.config.lr == 0.5, timeout=3000)
    qtbot.waitUntil(lambda: shown_epoch(window) > before, timeout=3000)   # kept going, no reset
    assert window.snapshot.epoch >= before


def test_bad_learning_rate_text_explains_in_the_status_bar_and_keeps_the_config(qtbot, window):
    edit = window.findChild(QLineEdit, "lrEdit")
    for text, says in (("abc", "not a number"), ("-3", "lr")):
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert says in status(window)
        assert window.controls.cfg.lr == 0.1
        assert edit.text() == "0.1"


def test_lr_slider_is_log_scaled_from_1e_minus_5_to_10(qtbot, window):
    slider = window.findChild(QAbstractSlider, "lrSlider")
    slider.setValue(slider.minimum())
    assert window.controls.cfg.lr == pytest.approx(1e-5)
    slider.setValue(slider.maximum())
    assert window.controls.cfg.lr == pytest.approx(10)
    qtbot.waitUntil(lambda: window.snapshot.config.lr == pytest.approx(10), timeout=3000)


def test_changing_hidden_units_rebuilds_the_network(qtbot, window):
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 1, timeout=3000)
    window.findChild(QSpinBox, "unitsSpin0").setValue(7)
    qtbot.waitUntil(lambda: window.snapshot.spec.sizes == (2, 7, 4, 1), timeout=3000)
    assert window.snapshot.epoch == 0
    assert "rebuilt (hidden changed)" in status(window)


def test_layer_count_shows_one_units_box_per_layer(qtbot, window):
    window.findChild(QSpinBox, "layersSpin").setValue(3)
    spins = [window.findChild(QSpinBox, f"unitsSpin{i}") for i in range(6)]
    assert [s.isVisible() for s in spins] == [True] * 3 + [False] * 3
    qtbot.waitUntil(lambda: window.snapshot.spec.sizes == (2, 4, 4, 4, 1), timeout=3000)


def test_data_set_change_is_a_new_run_from_the_same_initial_weights(qtbot, window):
    """circle → spiral kept the epoch and the curves: two data sets in one curve."""
    initial = window.snapshot.theta.copy()
    click(qtbot, window, "stepNButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 100, timeout=5000)
    window.findChild(QComboBox, "datasetCombo").setCurrentText("circle")
    qtbot.waitUntil(lambda: len(window.snapshot.X) == 100 and window.snapshot.epoch == 0, timeout=3000)
    snap = window.snapshot
    assert snap.config.dataset == "circle" and len(snap.history) == 0
    assert (snap.theta == initial).all() and shown_epoch(window) == 0
    assert len(window.views["lossPlot"].train_curve.getData()[0] or []) == 0
    assert "new run" in status(window)


def test_optimizer_shows_only_its_own_parameters(window):
    combo = window.findChild(QComboBox, "optimizerCombo")
    names = {"momentumSpin", "nesterovCheck", "beta1Spin", "beta2Spin", "amsgradCheck", "rhoSpin"}
    expected = {"sgd": set(), "momentum": {"momentumSpin", "nesterovCheck"},
                "adam": {"beta1Spin", "beta2Spin", "amsgradCheck"}, "rmsprop": {"rhoSpin"}}
    for opt, shown in expected.items():
        combo.setCurrentText(opt)
        visible = {n for n in names if window.controls.findChild(QAbstractSpinBox, n) is not None
                   and window.controls.findChild(QAbstractSpinBox, n).isVisible()}
        visible |= {n for n in names if window.controls.findChild(QAbstractButton, n) is not None
                    and window.controls.findChild(QAbstractButton, n).isVisible()}
        assert visible == shown, opt


def test_every_control_has_a_tooltip(window):
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractSlider)
    missing = []
    for kind in kinds:
        for wdg in window.controls.findChildren(kind) + window.toolbar.findChildren(kind):
            if not wdg.toolTip() and wdg.objectName() and not wdg.objectName().startswith("qt_"):
                missing.append(wdg.objectName())
    assert not missing


def test_converging_says_so_in_the_status_bar(qtbot, window):
    window.findChild(QComboBox, "optimizerCombo").setCurrentText("adam")
    window.findChild(QComboBox, "activationCombo").setCurrentText("tanh")
    window.findChild(QComboBox, "lossCombo").setCurrentText("bce")
    edit = window.findChild(QLineEdit, "lrEdit")
    edit.setText("0.05")
    edit.editingFinished.emit()
    qtbot.waitUntil(lambda: window.snapshot.config.loss == "bce", timeout=3000)
    click(qtbot, window, "playButton")
    qtbot.waitUntil(lambda: "converged" in status(window), timeout=10000)
    qtbot.waitUntil(lambda: window.snapshot.status == "converged", timeout=1000)   # next frame
    assert "Play" in button(window, "playButton").text()


def test_closing_while_training_stops_the_thread(qtbot, window):
    click(qtbot, window, "playButton")
    qtbot.waitUntil(lambda: shown_epoch(window) > 10, timeout=5000)
    window.close()
    assert not window.session.thread.isRunning()
