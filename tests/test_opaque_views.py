"""The window's plots paint their own background: Qt does not fill their viewports first."""
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsView

from backprop_lab.gui.views.opaque_views import mark_opaque

OPAQUE = Qt.WidgetAttribute.WA_OpaquePaintEvent


def test_the_windows_plots_are_marked_and_still_paint_every_pixel(window, qtbot):
    views = window.findChildren(QGraphicsView)
    marked = [v for v in views if v.viewport().testAttribute(OPAQUE)]
    for name in ("decisionMap", "lossPlot", "accuracyPlot"):        # redrawn at every frame
        assert window.views[name].findChild(QGraphicsView) in marked
    assert all(v.backgroundBrush().isOpaque() for v in marked)
    # marked, a view paints every pixel itself: a grab shows the same picture either way
    plot = window.views["decisionMap"].findChild(QGraphicsView)
    qtbot.waitUntil(lambda: window.snapshot is not None, timeout=5000)
    with_mark = plot.grab().toImage()
    plot.viewport().setAttribute(OPAQUE, False)
    assert plot.grab().toImage() == with_mark


def test_a_view_that_shows_what_lies_beneath_is_left_alone(qtbot):
    see_through, solid = pg.PlotWidget(background=None), pg.PlotWidget(background="w")
    for view in (see_through, solid):
        qtbot.addWidget(view)
    assert mark_opaque(see_through) + mark_opaque(solid) == 1
    assert not see_through.viewport().testAttribute(OPAQUE)
    assert solid.viewport().testAttribute(OPAQUE)
