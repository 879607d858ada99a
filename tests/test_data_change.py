"""After a data change every readout is true at once: the run, the toolbar, the status bar."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from test_main_window import _map_click, button, click, shown_epoch, status
from backprop_lab.gui.main_window import NO_POINTS_HINT


def accuracy_text(w) -> str:
    return w.findChild(QLabel, "accuracyLabel").text()


def test_adding_points_updates_the_toolbar_accuracy_before_the_next_step(qtbot, window):
    click(qtbot, window, "stepNButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 100, timeout=5000)
    before = accuracy_text(window)
    for k in range(6):                                  # class 1 where the net says class 0, or not
        _map_click(qtbot, window, 0.05 + 0.15 * k, 0.95, Qt.MouseButton.RightButton)
    qtbot.waitUntil(lambda: len(window.snapshot.X) == 27, timeout=3000)
    snap = window.snapshot
    assert snap.epoch == 100                             # the run goes on: weights and epoch kept
    want = snap.scores_now()["accuracy"]
    assert accuracy_text(window) == f"accuracy {100 * want:.1f} %"
    assert accuracy_text(window) != before
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 101, timeout=3000)
    assert accuracy_text(window) == f"accuracy {100 * window.snapshot.last['accuracy']:.1f} %"


def test_regenerate_after_clearing_removes_the_no_points_hint(qtbot, window):
    click(qtbot, window, "clearButton")
    qtbot.waitUntil(lambda: status(window) == NO_POINTS_HINT, timeout=3000)
    click(qtbot, window, "regenerateButton")
    qtbot.waitUntil(lambda: len(window.snapshot.X) == 21, timeout=3000)
    assert status(window) != NO_POINTS_HINT and button(window, "playButton").isEnabled()


def test_epoch_zero_messages_go_once_training_starts(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: "Reset" in status(window), timeout=3000)
    click(qtbot, window, "stepButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 1, timeout=3000)
    assert "epoch 0" not in status(window)


def test_points_box_shows_xor_easys_own_21_points_and_the_config_keeps_its_size(qtbot, window):
    from PySide6.QtWidgets import QComboBox, QSpinBox
    spin = window.findChild(QSpinBox, "pointsSpin")
    assert not spin.isEnabled() and spin.value() == 21 == len(window.snapshot.X)
    window.findChild(QComboBox, "datasetCombo").setCurrentText("circle")
    qtbot.waitUntil(lambda: len(window.snapshot.X) == window.cfg.n_points, timeout=3000)
    assert spin.isEnabled() and spin.value() == window.cfg.n_points == 100


def test_deleting_points_updates_the_toolbar_accuracy_and_loss_at_once(qtbot, window):
    click(qtbot, window, "stepNButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 100, timeout=5000)
    for x, y in ((0.0, 1.0), (1.0, 0.0), (0.1, 0.9), (0.9, 0.1), (0.2, 0.8)):   # class-0 diagonal
        _map_click(qtbot, window, x, y, modifier=Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: len(window.snapshot.X) == 16, timeout=3000)
    snap = window.snapshot
    now = snap.scores_now()
    assert snap.epoch == 100
    assert accuracy_text(window) == f"accuracy {100 * now['accuracy']:.1f} %"
    loss = window.findChild(QLabel, "lossLabel").text()
    assert f"{now['loss']:.4g}" in loss, (loss, now["loss"])
