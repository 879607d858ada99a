"""At 1024 × 700 the window stays usable: every toolbar action on screen (none behind
the "»" overflow), every analysis tab one click away (no scroll arrows), the map's
title clear of its export button, epoch tick labels apart.

The checks run over whatever the window has (every action of every toolbar, every
tab), so a control or tab added later is held to them too.
"""
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QToolBar, QToolButton

from backprop_lab.gui.views import AccuracyCurves, LossCurves
from backprop_lab.model.history import HistoryView

NARROW = (1024, 700)


@pytest.fixture
def narrow(make_window, qtbot):
    w = make_window()
    w.resize(*NARROW)
    qtbot.waitUntil(lambda: (w.width(), w.height()) == NARROW, timeout=3000)
    qtbot.wait(50)                    # layouts settle: toolbars, splitters, tabs
    return w


def on_screen(w, widget) -> QRect:
    """``widget``'s rectangle in window coordinates."""
    return QRect(widget.mapTo(w, QPoint(0, 0)), widget.size())


def test_every_toolbar_action_is_on_screen_and_none_in_the_overflow(narrow):
    toolbars = [tb for tb in narrow.findChildren(QToolBar) if tb.isVisible()]
    assert len(toolbars) >= 2                          # the controls and the live numbers
    checked = 0
    for tb in toolbars:
        overflow = tb.findChild(QToolButton, "qt_toolbar_ext_button")
        assert overflow is None or not overflow.isVisible(), f"{tb.objectName()} has a » overflow"
        for action in tb.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            widget = tb.widgetForAction(action)
            name = action.text() or (widget.objectName() if widget else "?")
            assert widget is not None and widget.isVisible(), f"{name!r} is not shown"
            assert tb.rect().contains(widget.geometry()), f"{name!r} is cut off by its toolbar"
            assert narrow.rect().contains(on_screen(narrow, widget)), f"{name!r} is off the window"
            checked += 1
    names = {a.text() for tb in toolbars for a in tb.actions()}
    assert {"Inspect", "Pin run"} <= names and checked >= 10


def test_every_analysis_tab_is_one_click_away_without_scroll_arrows(narrow, qtbot):
    tabs, bar = narrow.tabs, narrow.tabs.tabBar()
    assert tabs.count() >= 6                      # the window's four, gradient check, hidden space
    arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
    assert arrows == [], "tabs scroll behind arrows"
    in_bar = [i for i in range(tabs.count()) if tabs.isTabVisible(i)]
    listed = [a.text() for a in tabs.more.menu().actions()] if tabs.more.isVisible() else []
    assert sorted([tabs.tabText(i) for i in in_bar] + listed) == sorted(
        tabs.tabText(i) for i in range(tabs.count()))
    for i in in_bar:                              # shown whole, and a real click opens it
        shown = QRect(bar.mapTo(tabs, bar.tabRect(i).topLeft()), bar.tabRect(i).size())
        assert tabs.rect().contains(shown), tabs.tabText(i)
        assert not (tabs.more.isVisible() and shown.intersects(tabs.more.geometry())), tabs.tabText(i)
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
        assert tabs.currentIndex() == i
    for title in listed:                           # each tab of the More menu, picked
        action = next(a for a in tabs.more.menu().actions() if a.text() == title)
        action.trigger()
        current = tabs.currentIndex()
        assert tabs.tabText(current) == title and tabs.isTabVisible(current)
        assert bar.rect().contains(bar.tabRect(current))
        assert [b for b in bar.findChildren(QToolButton) if b.isVisible()] == []
    hidden = next(i for i in range(tabs.count()) if not tabs.isTabVisible(i))
    tabs.setCurrentIndex(hidden)                   # as code does (File ▸ Export figure ▸ a tab's view)
    assert tabs.currentIndex() == hidden and tabs.isTabVisible(hidden)


def test_tabs_all_show_in_a_wide_window_and_the_more_menu_goes(make_window, qtbot):
    w = make_window()
    w.resize(2400, 1000)
    w.views["lossPlot"].parentWidget().hide()           # the tabs get the width to themselves
    w.views["accuracyPlot"].parentWidget().hide()
    qtbot.waitUntil(lambda: w.tabs.width() > 1000, timeout=3000)
    assert all(w.tabs.isTabVisible(i) for i in range(w.tabs.count()))
    assert not w.tabs.more.isVisible() and w.tabs.hidden_titles() == []


def test_map_title_is_clear_of_its_export_button(narrow):
    view = narrow.views["decisionMap"]
    button = narrow.findChild(QToolButton, "exportButton_decisionMap")
    assert button is not None and button.isVisible()
    title = view.plot.titleLabel.item
    scene_rect = title.mapRectToScene(title.boundingRect())
    corners = [view.widget.mapTo(view, view.widget.mapFromScene(p))     # the text, in view pixels
               for p in (scene_rect.topLeft(), scene_rect.bottomRight())]
    text = QRect(corners[0], corners[1])
    assert text.width() > 50
    assert not text.intersects(button.geometry()), (text, button.geometry())


def drawn_tick_labels(axis) -> list[tuple[QRect, str]]:
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _flags, text in specs[2]] if specs else []


@pytest.mark.parametrize("cls", [LossCurves, AccuracyCurves])
@pytest.mark.parametrize("epochs", [0, 1, 55, 999, 24_160, 3_100_000])
def test_epoch_tick_labels_are_whole_epochs_and_never_run_together(qtbot, cls, epochs):
    """In a 150 px curve (the 1024 × 700 window's) the labels read "0.20.40.60.8" at
    epoch 0 and "1000020000" later."""
    view = cls()
    qtbot.addWidget(view)
    view.resize(150, 200)
    view.show()
    if epochs:
        n = min(epochs, 500)
        view.set_snapshot(SimpleNamespace(history=HistoryView(
            np.linspace(1, epochs, n).round().astype(np.int64), np.linspace(1, 0.1, n),
            np.linspace(0.5, 1, n), np.full(n, np.nan), np.full(n, np.nan), np.ones((n, 3)))))
    qtbot.wait(30)
    labels = drawn_tick_labels(view.plot.getAxis("bottom"))
    texts = [text for _, text in labels]
    assert len(labels) >= 2, texts
    for text in texts:                            # 12.5k is whole; 0.2 is not an epoch
        assert text[-1] in "kM" or float(text) == int(float(text)), texts
    axis = view.plot.getAxis("bottom")
    for rect, text in labels:                     # whole inside the widget: "10k", not "10"
        edge = view.widget.mapFromScene(axis.mapRectToScene(rect)).boundingRect()
        assert edge.left() >= 0 and edge.right() <= view.widget.width(), (text, edge)
    rects = sorted((rect for rect, _ in labels), key=lambda r: r.left())
    for left, right in zip(rects, rects[1:]):
        assert left.right() + 4 < right.left(), texts


def visible_plots(narrow, qtbot):
    """(page, GraphicsView) of every visible plot: the panes outside the tabs (page: the
    window), then each tab's, shown in turn."""
    import pyqtgraph as pg
    tabs = narrow.tabs
    for i in [None] + list(range(tabs.count())):
        if i is not None:
            tabs.show_tab(i)
            qtbot.wait(50)
        page = narrow if i is None else tabs.widget(i)
        for gv in page.findChildren(pg.GraphicsView):
            if gv.isVisible():
                yield page, gv


def test_every_tab_and_pane_title_fits_its_plot(narrow, qtbot):
    """"Input plane as seen by hidden layer 2 (ep…" ran out of its tab at 1024 × 700."""
    import pyqtgraph as pg
    for _, gv in visible_plots(narrow, qtbot):
        for item in gv.scene().items():
            if not isinstance(item, pg.PlotItem) or not item.titleLabel.isVisible():
                continue
            text = item.titleLabel.item
            if not text.toPlainText().strip():
                continue
            box = gv.mapFromScene(text.mapRectToScene(text.boundingRect())).boundingRect()
            assert box.left() >= 0 and box.right() <= gv.width(), (text.toPlainText(), box, gv.width())


def test_every_tick_label_of_every_plot_is_apart_and_inside_its_plot(narrow, qtbot):
    import pyqtgraph as pg
    bad = []
    for page, gv in visible_plots(narrow, qtbot):
        if not page.rect().contains(on_screen(page, gv)):
            bad.append((type(gv.parent()).__name__, on_screen(page, gv), page.size(), "cut off"))
        for axis in [it for it in gv.scene().items() if isinstance(it, pg.AxisItem)]:
            if not axis.isVisible() or not axis.style["showValues"]:
                continue
            labels = [(gv.mapFromScene(axis.mapRectToScene(r)).boundingRect(), t)
                      for r, t in drawn_tick_labels(axis)]
            for box, text in labels:
                if box.left() < 0 or box.right() > gv.width() or box.top() < 0 or box.bottom() > gv.height():
                    bad.append((type(gv.parent()).__name__, axis.orientation, text, "outside"))
            for (a, ta), (b, tb) in zip(labels, labels[1:]):
                if a.intersects(b):
                    bad.append((type(gv.parent()).__name__, axis.orientation, ta, tb, "overlap"))
    assert bad == []
