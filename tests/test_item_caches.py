"""Items painted into pixmaps for the screen: a plot's title is not drawn again when the
plot under it is, the diagram's nodes, columns and edges are not painted afresh when a
neighbour changes, and no export depends on those pixmaps."""
import collections

import pytest
from PySide6.QtWidgets import QApplication, QGraphicsItem

from backprop_lab.gui.export import render_image, svg_bytes
from backprop_lab.gui.views import colors
from backprop_lab.gui.views.diagram_items import NodeColumnItem

NO_CACHE = QGraphicsItem.CacheMode.NoCache
REDRAWN = ("decisionMap", "lossPlot", "accuracyPlot")      # at every frame while training


def counting(item, counts, key):
    """Count the calls of ``item``'s paint (the scene calls it only to draw it afresh)."""
    paint = item.paint

    def counted(*args):
        counts[key] += 1
        return paint(*args)
    item.paint = counted


def test_a_new_frame_draws_the_plots_but_not_their_titles(window, qtbot):
    counts = collections.Counter()
    for name in REDRAWN:
        plot = window.views[name].plot
        counting(plot.titleLabel.item, counts, (name, "title"))
        counting(plot.getViewBox(), counts, (name, "plot"))
    epoch = window.snapshot.epoch
    window.session.step(20)
    qtbot.waitUntil(lambda: window.snapshot.epoch >= epoch + 20, timeout=5000)
    qtbot.waitUntil(lambda: all(counts[name, "plot"] for name in REDRAWN), timeout=5000)
    assert {name: counts[name, "title"] for name in REDRAWN} == dict.fromkeys(REDRAWN, 0)


def test_a_new_title_is_drawn(window, qtbot):
    plot = window.views["lossPlot"].plot
    before = plot.getViewBox().scene().views()[0].grab().toImage()
    colors.set_title(plot, "Another title")
    qtbot.waitUntil(lambda: plot.getViewBox().scene().views()[0].grab().toImage() != before,
                    timeout=2000)
    assert plot.titleLabel.item.toPlainText() == "Another title"


def test_a_column_whose_maps_change_repaints_alone(window, qtbot):
    diagram = window.views["networkView"]
    qtbot.waitUntil(lambda: diagram.isVisible() and len(diagram.edge_items) > 0, timeout=5000)
    QApplication.processEvents()                   # every item painted once, into its pixmap
    columns = [it for it in diagram.scene.items() if isinstance(it, NodeColumnItem)]
    counts = collections.Counter()
    for item in diagram.edge_items:
        counting(item, counts, "edges")
    for column in columns:
        counting(column, counts, column)
    changed = columns[0]
    changed.update()                               # as when its nodes get new maps
    qtbot.waitUntil(lambda: counts[changed] > 0, timeout=2000)
    QApplication.processEvents()
    # the edges beside it, under its rectangle, come from their pixmaps
    assert counts["edges"] == 0
    assert all(counts[column] == 0 for column in columns if column is not changed)


@pytest.mark.parametrize("name", ["networkView", "lossPlot", "decisionMap"])
def test_exports_are_the_same_without_the_screens_pixmaps(window, qtbot, name):
    view = window.views[name]
    QApplication.processEvents()
    scene = view.scene if name == "networkView" else view.plot.scene()
    cached = {item: item.cacheMode() for item in scene.items() if item.cacheMode() != NO_CACHE}
    assert cached                                  # the screen does cache some of its items
    svg, png = svg_bytes(view), render_image(view)
    assert {item: item.cacheMode() for item in cached} == cached      # given back afterwards
    for item in cached:
        item.setCacheMode(NO_CACHE)
    assert svg_bytes(view) == svg
    assert render_image(view) == png
