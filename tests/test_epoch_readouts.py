"""The toolbar, the timeline and the curves agree on the epoch: while playing, after
Open, after File ▸ New."""
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from test_main_window import click, shown_epoch, wait_paused


def timeline_epochs(w) -> tuple[int, int]:
    """(epoch on view, live epoch) as the timeline label says them."""
    m = re.match(r"epoch (\d+) of (\d+)", w.findChild(QLabel, "timelineLabel").text())
    return int(m.group(1)), int(m.group(2))


def test_while_playing_the_timeline_says_the_toolbars_epoch(qtbot, window):
    window.toolbar.speed_slider.setValue(5)              # 100 epochs/s: many frames
    click(qtbot, window, "playButton")
    for _ in range(15):
        qtbot.wait(47)
        epoch = shown_epoch(window)
        assert timeline_epochs(window) == (epoch, epoch)
    click(qtbot, window, "playButton")
    wait_paused(qtbot, window)
    assert timeline_epochs(window) == (shown_epoch(window),) * 2


def test_an_opened_session_has_its_timeline_handle_at_the_live_end(qtbot, window, make_window, tmp_path):
    click(qtbot, window, "stepNButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 100, timeout=5000)
    path = tmp_path / "run.bplab"
    window.file_menu.save_to(path)
    qtbot.waitUntil(lambda: path.exists(), timeout=5000)
    other = make_window()
    assert other.file_menu.open_path(path)
    qtbot.waitUntil(lambda: shown_epoch(other) == 100, timeout=5000)
    slider = other.timeline_bar.slider
    qtbot.waitUntil(lambda: slider.value() == slider.maximum() > slider.minimum(), timeout=3000)
    assert timeline_epochs(other) == (100, 100)
    assert "no earlier state kept" in other.findChild(QLabel, "timelineLabel").text()


def test_file_new_removes_the_previous_sessions_pins(qtbot, window):
    click(qtbot, window, "stepNButton")
    qtbot.waitUntil(lambda: shown_epoch(window) == 100, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(window.views["lossPlot"].pins) >= 1
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 0, timeout=5000)
    for name in ("lossPlot", "accuracyPlot"):
        assert window.views[name].pins == []
        assert len(window.views[name].legend.items) == 1      # the live run's "train" alone
