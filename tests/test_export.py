"""Figures from the window: every panel as PNG (loads, sized, not blank) and SVG
(parses, draws something), from the File menu, the panels' right-click menu and
Export all panels; the animation's frames; the command line's offscreen plots."""
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QImage
from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget

import backprop_lab.gui.animation as animation
import backprop_lab.gui.file_dialogs as file_dialogs
from backprop_lab.gui.export import FILE_STEMS, ExportError, write_figure
from backprop_lab.gui.plots_offscreen import save_plots
from backprop_lab.model import TrainConfig, make_data
from backprop_lab.model.trainer import Trainer

SVG_DRAWING = {"path", "polyline", "polygon", "rect", "line", "circle", "ellipse", "image", "text"}


@pytest.fixture
def window(window, qtbot):
    """The shared window (tests/conftest.py) after 30 epochs."""
    window.session.step(30)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 30, timeout=5000)
    return window


def assert_real_png(path, min_w=200, min_h=150):
    image = QImage(str(path))
    assert not image.isNull(), path
    assert image.width() >= min_w and image.height() >= min_h, (path, image.size())
    small = image.scaled(120, 120).convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(small.constBits(), np.uint8).reshape(120, 120, 4)[..., :3]
    assert pixels.std() > 5, f"{path} is (nearly) blank"
    return image


def assert_real_svg(path):
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert tags & SVG_DRAWING, (path, tags)


def test_export_all_panels_writes_a_png_and_an_svg_of_each(qtbot, window, tmp_path):
    tabs = window.findChild(QTabWidget, "bottomTabs")
    shown = tabs.currentIndex()
    written = window.file_menu.figures.export_all_to(tmp_path)
    names = {p.name for p in written}
    for name in window.file_menu.figures.panels:
        for fmt in ("png", "svg"):
            assert f"{FILE_STEMS.get(name, name)}.{fmt}" in names
    for name in FILE_STEMS:            # the eight panels of the brief are all there
        assert (tmp_path / f"{FILE_STEMS[name]}.png").exists()
    for path in written:
        (assert_real_png if path.suffix == ".png" else assert_real_svg)(path)
    assert tabs.currentIndex() == shown          # the tab the user had is back
    assert "Exported" in window.statusBar().currentMessage()


def test_a_panel_in_a_hidden_tab_is_shown_and_exported_at_its_own_size(qtbot, window, tmp_path,
                                                                       monkeypatch):
    tabs = window.findChild(QTabWidget, "bottomTabs")
    tabs.setCurrentWidget(window.views["weightsView"])
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *a: str(tmp_path / "act"))
    window.findChild(type(window.file_menu.actions["new"]), "exportFigure_activationView").trigger()
    assert tabs.currentWidget() is window.views["activationView"]
    image = assert_real_png(tmp_path / "act.png")
    view = window.views["activationView"]
    assert image.width() == pytest.approx(2 * view.width(), abs=4)


def test_network_diagram_exports_its_drawing_not_a_screenshot(qtbot, window, tmp_path):
    svg = write_figure(window.views["networkView"], tmp_path / "net.svg")
    assert_real_svg(svg)
    png = assert_real_png(write_figure(window.views["networkView"], tmp_path / "net.png"))
    # the diagram's items, with a margin: as wide as the scene, not as the widget
    scene = window.views["networkView"].scene.itemsBoundingRect()
    assert png.width() == pytest.approx(2 * (scene.width() + 24), abs=2)


def test_unknown_suffix_is_refused(window, tmp_path):
    with pytest.raises(ExportError, match="unknown figure format"):
        write_figure(window.views["lossPlot"], tmp_path / "loss.jpg")


def test_right_click_on_a_panel_offers_png_and_svg_export(qtbot, window, tmp_path, monkeypatch):
    view = window.views["lossPlot"]
    target = view.widget.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(20, 20),
                              target.mapToGlobal(QPoint(20, 20)))
    QApplication.sendEvent(target, event)
    menu = window.file_menu.figures.last_menu
    assert menu is not None and menu.isVisible()
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Export loss curves as PNG…", "Export loss curves as SVG…"]
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *a: str(tmp_path / "loss"))
    menu.actions()[1].trigger()
    assert_real_svg(tmp_path / "loss.svg")
    menu.close()


def test_right_click_on_the_decision_map_stays_an_edit_not_a_menu(qtbot, window):
    target = window.views["decisionMap"].widget.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(50, 50),
                              target.mapToGlobal(QPoint(50, 50)))
    QApplication.sendEvent(target, event)
    assert window.file_menu.figures.last_menu is None


def test_the_decision_map_exports_from_its_corner_button(qtbot, window, tmp_path, monkeypatch):
    view = window.views["decisionMap"]
    button = window.file_menu.figures.corner_buttons["decisionMap"]
    qtbot.waitUntil(lambda: button.isVisible())
    corner = button.geometry()
    assert corner.right() <= view.width() and corner.top() >= 0 and corner.left() > view.width() / 2
    texts = [a.text() for a in button.menu().actions()]
    assert texts == ["Export decision map as PNG…", "Export decision map as SVG…"]
    monkeypatch.setattr(file_dialogs, "ask_save_path", lambda *a: str(tmp_path / "map"))
    button.menu().actions()[0].trigger()
    assert_real_png(tmp_path / "map.png")


def test_animation_trains_a_copy_and_leaves_the_live_session_alone(qtbot, window, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setattr(animation, "ask_animation", lambda parent: (200, 50, True))
    monkeypatch.setattr(file_dialogs, "ask_folder", lambda *a: str(tmp_path / "frames"))
    window.file_menu.figures.animation_action.trigger()
    job = window.file_menu.figures.animation
    qtbot.waitUntil(lambda: job.finished, timeout=20000)
    frames = sorted((tmp_path / "frames").glob("frame-*.png"))
    assert [f.name for f in frames] == [f"frame-{i:05d}.png" for i in range(5)]   # epochs 0..200
    first, last = (assert_real_png(f) for f in (frames[0], frames[-1]))
    assert first != last
    assert job.trainer.epoch == 200
    assert window.snapshot.epoch == 30          # the live trainer did not move
    assert "Exported 5 frames" in window.statusBar().currentMessage()


def test_animation_cancel_stops_and_keeps_the_frames_written(qtbot, window, tmp_path):
    job = animation.AnimationExport(window, tmp_path, 100_000, 1, False, lambda *a: None)
    job.start()
    qtbot.waitUntil(lambda: len(job.frames) >= 3, timeout=10000)
    cancel = job.progress.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert job.finished and "cancelled" in job.outcome
    kept = len(job.frames)
    qtbot.wait(100)
    assert len(job.frames) == kept == len(list(tmp_path.glob("frame-*.png")))


def test_frame_epochs_include_the_start_and_the_end():
    assert animation.frame_epochs(0, 10, 4) == [0, 4, 8, 10]
    assert animation.frame_epochs(30, 20, 10) == [30, 40, 50]


def test_offscreen_plots_are_drawn_from_a_snapshot(qtbot, tmp_path):
    cfg = TrainConfig(dataset="circle", n_points=80, test_fraction=0.2, activation="tanh", lr=0.5)
    trainer = Trainer(cfg, *make_data(cfg))
    trainer.run(epochs=100)
    written = save_plots(trainer.snapshot(), tmp_path / "plots")
    assert sorted(p.name for p in written) == ["accuracy.png", "decision-map.png", "loss.png",
                                                "truth-vs-prediction.png"]
    for path in written:
        assert_real_png(path)


def test_exported_decision_map_is_titled_by_what_it_shows_not_the_click_hint(qtbot, window, tmp_path):
    view = window.views["decisionMap"]
    path = write_figure(view, tmp_path / "map.svg")
    text = "".join(ET.parse(path).getroot().itertext())
    assert "Network output p over the input plane" in text and f"epoch {window.snapshot.epoch}" in text
    assert "click" not in text and "shift" not in text
    assert "click: add point" in view.plot.titleLabel.text       # the screen keeps its hint
