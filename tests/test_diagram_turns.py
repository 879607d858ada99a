"""A large network's diagram draws its new edge images in event-loop turns of their own,
one layer a turn, and shows the old picture until then; a small one draws at once. The
node maps left over from its turn are refreshed and painted in turns of their own."""
import collections

from PySide6.QtWidgets import QApplication

from backprop_lab.gui.views.diagram_items import FEW_EDGES, NodeColumnItem, _pens
from backprop_lab.gui.views.network_diagram import NetworkDiagram
from shown_views import shown
from test_item_caches import counting
from view_snapshots import snapshot

LARGE = dict(hidden=(32,) * 4)


def dense_layers(diagram):
    return [item for item in diagram.edge_items if len(item.ends) > FEW_EDGES]


def test_a_large_networks_new_edge_images_wait_for_turns_of_their_own(qtbot):
    diagram = shown(qtbot, NetworkDiagram(), (700, 450))
    diagram.set_snapshot(snapshot(1, **LARGE))
    QApplication.processEvents()                    # a new scene: every image drawn at once
    dense = dense_layers(diagram)
    shown_before = {item: item._image for item in dense}
    assert all(image is not None for image in shown_before.values())
    diagram.set_snapshot(snapshot(300, lr=2.0, **LARGE))
    due = [item for item in dense if item.raster_due]
    assert due                                      # new weights: new pens
    assert all(item._image is shown_before[item] for item in due)   # the old picture, for now
    diagram._rasterize_edges()                      # one turn: one layer
    assert sum(item.raster_due for item in dense) == len(due) - 1
    qtbot.waitUntil(lambda: not any(item.raster_due for item in dense), timeout=2000)
    for item in due:                                # each now shows its new values
        assert item._image == item._edge_image(_pens(faint=True), item._scale())
        assert item._image is not shown_before[item]


def test_a_small_networks_edges_change_at_once(qtbot):
    diagram = shown(qtbot, NetworkDiagram(), (700, 450))
    diagram.set_snapshot(snapshot(1))
    diagram.set_snapshot(snapshot(300, lr=2.0))
    assert not any(item.raster_due for item in diagram.edge_items)


def test_a_large_networks_maps_left_over_are_painted_in_their_own_turn(qtbot):
    """Painted later, they would go into the window's next paint: the next view's turn."""
    diagram = shown(qtbot, NetworkDiagram(), (700, 450))
    diagram.set_snapshot(snapshot(1, **LARGE))
    qtbot.waitUntil(lambda: not diagram._stale_maps, timeout=2000)
    diagram.set_snapshot(snapshot(300, lr=2.0, **LARGE))
    assert diagram._stale_maps                      # the rest wait for turns of their own
    diagram._maps_timer.stop()
    QApplication.processEvents()                    # the diagram's own paint
    columns = [it for it in diagram.scene.items() if isinstance(it, NodeColumnItem)]
    counts = collections.Counter()
    for column in columns:
        counting(column, counts, column)
    left = [c for c, _, _ in diagram._stale_maps]
    diagram._refresh_maps_turn()                    # as many as its budget allows
    still = {c for c, _, _ in diagram._stale_maps}
    refreshed = {id(n.column_item) for c in left if c not in still for n in diagram.nodes[c]}
    painted = {id(column) for column in columns if counts[column]}
    assert refreshed and refreshed <= painted       # in the turn, before the event loop runs on
