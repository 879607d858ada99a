"""What a new user does first, on a freshly opened window: the first keys (Space plays,
→ and N step, whatever has the focus, except a field the user clicked into to type),
and hovering a neuron."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QSpinBox

from test_main_window import shown_epoch, wait_paused


def press(qtbot, window, key, text=""):
    """A key as the user types it: to the widget with the keyboard focus."""
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key)


@pytest.fixture
def launched(make_window, qtbot):
    w = make_window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    return w


def test_at_launch_no_text_field_has_the_focus(launched):
    focus = QApplication.focusWidget()
    assert not isinstance(focus, (QAbstractSpinBox, QLineEdit)), focus


@pytest.mark.parametrize("key", [Qt.Key.Key_Right, Qt.Key.Key_N])
def test_first_step_key_at_launch_steps_one_epoch(qtbot, launched, key):
    spin = launched.findChild(QSpinBox, "stepNSpin")
    press(qtbot, launched, key)
    qtbot.waitUntil(lambda: shown_epoch(launched) == 1, timeout=5000)
    assert spin.value() == 100 and spin.text() == "100"


def test_first_space_at_launch_plays_then_pauses(qtbot, launched):
    press(qtbot, launched, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: shown_epoch(launched) > 5, timeout=5000)
    press(qtbot, launched, Qt.Key.Key_Space)
    wait_paused(qtbot, launched)


def test_step_n_box_types_while_clicked_into_and_gives_the_keys_back_on_enter(qtbot, launched):
    spin = launched.findChild(QSpinBox, "stepNSpin")
    edit = spin.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    edit.selectAll()
    press(qtbot, launched, Qt.Key.Key_3)
    press(qtbot, launched, Qt.Key.Key_Return)
    assert spin.value() == 3 and shown_epoch(launched) == 0
    press(qtbot, launched, Qt.Key.Key_N)                 # the box gave the keys back
    qtbot.waitUntil(lambda: shown_epoch(launched) == 1, timeout=5000)
    assert spin.value() == 3


def test_hovering_a_neuron_in_the_window_shows_its_output_on_the_map(qtbot, launched):
    """The neuron's tooltip promises its output on the map; nothing was connected."""
    from PySide6.QtCore import QPointF
    from PySide6.QtTest import QTest
    diagram, dmap = launched.views["networkView"], launched.views["decisionMap"]
    node = diagram.nodes[1][2]                              # hidden 1, unit 3
    QTest.mouseMove(diagram.view.viewport(), diagram.view.mapFromScene(node.pos()))
    qtbot.waitUntil(lambda: dmap.overlay_item.isVisible(), timeout=3000)
    assert not dmap.image_item.isVisible()
    assert "h1.3" in dmap.plot.titleLabel.text
    shown = dmap.overlay_item.image
    assert abs(shown - diagram.node_map(1, 2)).max() < 1e-12
    QTest.mouseMove(diagram.view.viewport(), diagram.view.mapFromScene(QPointF(-900, -900)))
    qtbot.waitUntil(lambda: dmap.image_item.isVisible(), timeout=3000)
    assert not dmap.overlay_item.isVisible() and "Output p" in dmap.plot.titleLabel.text


def test_play_pause_and_step_buttons_use_qt_icons_not_rare_glyphs(qtbot, launched):
    """"⏸" is not in a plain Linux desktop's fonts: the Pause button read "▯ Pause"."""
    from backprop_lab.gui.toolbar import TrainingToolbar
    tb: TrainingToolbar = launched.toolbar
    play = tb.button("playButton")
    assert play.text() == "Play" and not play.icon().isNull()
    press(qtbot, launched, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: play.text() == "Pause", timeout=3000)
    assert not play.icon().isNull()
    assert play.icon().cacheKey() != tb._icons["SP_MediaPlay"].cacheKey()
    for name in ("playButton", "stepButton", "stepNButton"):
        assert all(ord(ch) < 0x2000 for ch in tb.button(name).text()), name
    press(qtbot, launched, Qt.Key.Key_Space)
    wait_paused(qtbot, launched)
