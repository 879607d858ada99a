"""NetworkDiagram: one node per unit, one edge per weight, numbers on hover, maps per neuron."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtTest import QTest

from backprop_lab.gui.views.colors import to_unit
from backprop_lab.gui.views.diagram_items import WIDTH_BANDS
from backprop_lab.gui.views.network_diagram import HOVER_RES, SCENE_HEIGHT, NetworkDiagram
from backprop_lab.gui.views.plane import plane_grid, plane_range
from view_snapshots import SHAPES, snapshot
from shown_views import shown


@pytest.fixture
def diagram(qtbot):
    return shown(qtbot, NetworkDiagram(), (700, 450))


def expected_edges(snap) -> int:
    """Dense layers: fan_in × fan_out; a Conv1D: kernel × filters × positions (weights shared)."""
    total = 0
    for layer in snap.layers:
        total += (layer.kernel * layer.filters * layer.positions if layer.kind == "conv1d"
                  else layer.fan_in * layer.fan_out)
    return total


@pytest.mark.parametrize("shape", SHAPES)
def test_one_node_per_unit_and_one_edge_per_connection(diagram, shape):
    snap = snapshot(**SHAPES[shape])
    diagram.set_snapshot(snap)
    assert [len(col) for col in diagram.nodes] == list(snap.spec.sizes)
    assert diagram.node_count == sum(snap.spec.sizes)
    assert diagram.edge_count == expected_edges(snap)
    assert sum(len(item.ends) for item in diagram.edge_items) == expected_edges(snap)


def test_counts_for_the_textbook_net_and_the_largest_supported():
    # independent arithmetic for two sizes, so expected_edges above is itself checked
    assert expected_edges(snapshot(1)) == 2 * 4 + 4 * 4 + 4 * 1
    assert expected_edges(snapshot(1, hidden=(32,) * 6)) == 2 * 32 + 5 * 32 * 32 + 32


def test_scene_is_rebuilt_only_when_the_shape_changes(diagram):
    diagram.set_snapshot(snapshot(5))
    first = [n for col in diagram.nodes for n in col]
    image_before = first[-1].image.copy()
    diagram.set_snapshot(snapshot(200, lr=2.0))        # same shape, other weights
    same = [n for col in diagram.nodes for n in col]
    assert all(a is b for a, b in zip(first, same))
    assert same[-1].image != image_before              # the output map changed in place
    diagram.set_snapshot(snapshot(5, hidden=(3, 2)))
    assert [len(c) for c in diagram.nodes] == [2, 3, 2, 1]
    assert not any(n in first for col in diagram.nodes for n in col)


def test_large_nets_shrink_nodes_to_fit_the_same_height(diagram):
    diagram.set_snapshot(snapshot(1))
    small = diagram.nodes[1][0].size
    diagram.set_snapshot(snapshot(1, hidden=(32,) * 6))
    big = diagram.nodes[1]
    assert big[0].size < small
    assert big[-1].y() - big[0].y() + big[0].size <= SCENE_HEIGHT
    assert all(b.y() - a.y() >= a.size for a, b in zip(big, big[1:]))   # no overlap


def _hover_edge(qtbot, diagram, layer, src, dst):
    """Move the mouse onto the edge from node src (column layer) to node dst, near its source."""
    a, b = diagram.nodes[layer][src], diagram.nodes[layer + 1][dst]
    start = QPointF(a.x() + a.size / 2, a.y())
    end = QPointF(b.x() - b.size / 2, b.y())
    p = start + 0.3 * (end - start)
    QTest.mouseMove(diagram.view.viewport(), diagram.view.mapFromScene(p))
    qtbot.waitUntil(lambda: diagram.edge_items[layer].hovered >= 0, timeout=2000)


def test_hovering_an_edge_gives_its_weight_gradient_and_last_update(qtbot, diagram):
    snap = snapshot(50)
    diagram.set_snapshot(snap)
    _hover_edge(qtbot, diagram, 0, 1, 2)              # x2 → third unit of hidden layer 1
    text = diagram.edge_items[0].toolTip()
    W, dW, step = snap.params[0][0], snap.grads[0][0], snap.updates[0][0]
    assert text.startswith("x2 → h1.3")
    for value in (W[1, 2], dW[1, 2], step[1, 2]):
        assert f"{value:.4g}" in text
    _hover_edge(qtbot, diagram, 2, 3, 0)              # last hidden unit → output
    assert f"{snap.params[2][0][3, 0]:.4g}" in diagram.edge_items[2].toolTip()


def test_conv_edges_show_the_shared_kernel_weight(qtbot, diagram):
    snap = snapshot(20, **SHAPES["conv first layer"])
    diagram.set_snapshot(snap)
    conv = snap.layers[0]
    # filter 1 at position 1 (unit 1·L + 1) sees inputs 1 and 2 through kernel column 1
    unit = 1 * conv.positions + 1
    _hover_edge(qtbot, diagram, 0, 2, unit)
    text = diagram.edge_items[0].toolTip()
    K = snap.params[0][0]
    assert "K[1, 1]" in text and f"{K[1, 1]:.4g}" in text


@pytest.mark.parametrize("mode", ["weight", "gradient"])
def test_edges_carry_the_layer_values_coloured_by_sign_and_sized_by_magnitude(diagram, mode):
    snap = snapshot(50)
    diagram.set_edge_mode(mode)
    diagram.set_snapshot(snap)
    source = snap.params if mode == "weight" else snap.grads
    for item, (W, _) in zip(diagram.edge_items, source):
        np.testing.assert_allclose(np.sort(item.values), np.sort(W.ravel()))
        blue = item.pen_index >= WIDTH_BANDS
        np.testing.assert_array_equal(blue, item.values > 0)
        order = np.argsort(np.abs(item.values))
        assert np.all(np.diff(item.pen_widths[order]) >= 0)     # wider never means smaller |w|
        assert item.pen_widths[order[-1]] > item.pen_widths[order[0]]


def test_edges_are_repainted_only_when_a_pen_changes(diagram):
    diagram.set_snapshot(snapshot(50))
    item = diagram.edge_items[1]
    repaints = []
    item.update = lambda *args: repaints.append(args)
    v = item.values.copy()
    item.setValues(1.001 * v)            # every edge keeps its colour and width band
    assert repaints == [] and np.array_equal(item.values, 1.001 * v)
    item.setValues(-v)                   # every sign flips
    assert len(repaints) == 1
    np.testing.assert_array_equal(item.pen_index >= WIDTH_BANDS, -v > 0)


def test_switching_edge_mode_redraws_from_the_last_snapshot(diagram):
    snap = snapshot(50)
    diagram.set_snapshot(snap)
    diagram.set_edge_mode("gradient")
    np.testing.assert_allclose(np.sort(diagram.edge_items[1].values), np.sort(snap.grads[1][0].ravel()))
    with pytest.raises(ValueError):
        diagram.set_edge_mode("bias")


def test_hovering_a_neuron_sends_its_map_and_leaving_sends_none(qtbot, diagram):
    snap = snapshot(200, hidden=(4,), activation="tanh", lr=0.5)
    diagram.set_snapshot(snap)
    out = diagram.nodes[-1][0]
    got = []
    diagram.sigNodeHovered.connect(got.append)
    QTest.mouseMove(diagram.view.viewport(), diagram.view.mapFromScene(out.pos()))
    qtbot.waitUntil(lambda: len(got) > 0, timeout=2000)
    image = got[-1]
    assert image.shape == (HOVER_RES, HOVER_RES)
    grid = plane_grid(plane_range(snap), HOVER_RES)
    np.testing.assert_allclose(image, snap.predict(grid).reshape(HOVER_RES, HOVER_RES))
    diagram.set_snapshot(snap)                        # still hovered: the map is sent again
    assert len(got) == 2 and got[-1] is not None
    QTest.mouseMove(diagram.view.viewport(), diagram.view.mapFromScene(QPointF(-500, -500)))
    qtbot.waitUntil(lambda: got[-1] is None, timeout=2000)


def test_hidden_neuron_map_is_its_activation_on_the_colour_scale(diagram):
    snap = snapshot(50, hidden=(3,), activation="relu")
    diagram.set_snapshot(snap)
    grid = plane_grid(plane_range(snap), HOVER_RES)
    a = snap.layer_outputs(grid)[0][1][:, 2]
    np.testing.assert_allclose(diagram.node_map(1, 2), to_unit(a, "relu").reshape(HOVER_RES, HOVER_RES))
    x2 = diagram.node_map(0, 1)                       # the x2 input: grows upwards (rows = y)
    assert np.all(np.diff(x2[:, 0]) > 0) and np.ptp(x2[0]) == 0


def test_neuron_tooltip_gives_its_bias_or_says_there_is_none(diagram):
    snap = snapshot(50)
    diagram.set_snapshot(snap)
    text = diagram.node_tooltip(diagram.nodes[2][1])
    assert text.startswith("h2.2") and f"{snap.params[1][1][1]:.4g}" in text
    diagram.set_snapshot(snapshot(5, bias=False))
    assert "no bias" in diagram.node_tooltip(diagram.nodes[1][0])


def _trainer_with_stuck_units(activation):
    from backprop_lab.model import TrainConfig, Trainer, datasets
    X, y = datasets.xor_easy()
    # seed 4: no unit starts stuck (many relu seeds start with a unit dead on xor-easy)
    tr = Trainer(TrainConfig(hidden=(3,), activation=activation, seed=4), X, y)
    tr.healthy_theta = tr.network.theta.copy()
    W, b = tr.network.blocks[0][:2], tr.network.blocks[0][2]
    if activation == "relu":
        b[0] = -100.0                   # z < 0 on every point: unit 0 is dead
    else:
        W[:, 2] *= 1e3                  # huge weights: unit 2 saturates
        b[2] = 500.0
    return tr


@pytest.mark.parametrize("activation,unit,mark", [("relu", 0, "dead"), ("sigmoid", 2, "saturated")])
def test_stuck_hidden_units_are_marked_with_their_share(diagram, activation, unit, mark):
    tr = _trainer_with_stuck_units(activation)
    diagram.set_snapshot(tr.snapshot())
    marks = [node.mark for node in diagram.nodes[1]]
    assert marks[unit] == mark and marks.count(None) == 2
    node = diagram.nodes[1][unit]
    assert node.mark_share == 1.0
    assert f"{mark} on 100% of training points" in diagram.node_tooltip(node)
    tr.network.theta[...] = tr.healthy_theta   # the mark goes with the next update
    diagram.set_snapshot(tr.snapshot())
    diagram._update_health()
    assert diagram.nodes[1][unit].mark is None


@pytest.mark.parametrize("size", [(700, 450), (480, 220), (340, 180)])
def test_inspect_value_labels_never_cover_the_next_layers_neurons(qtbot, diagram, size):
    """In inspect mode the "a=…" labels of hidden layer 1 covered hidden layer 2's neurons."""
    from backprop_lab.model import TrainConfig, Trainer, datasets
    from backprop_lab.model.inspect import Phase, trace_epoch
    tr = Trainer(TrainConfig(hidden=(4, 4)), *datasets.xor_easy())
    tr.run(20)
    diagram.resize(*size)
    diagram.set_snapshot(tr.snapshot())
    qtbot.wait(20)
    trace = trace_epoch(tr)
    for layer in (0, 1):
        diagram.highlight.show(trace.info(Phase("forward", layer, 0)))
        view = diagram.view
        covered = [view.mapFromScene(n.sceneBoundingRect()).boundingRect()
                   for n in diagram.nodes[layer + 2]]
        for label in diagram.highlight.labels:
            rect = label.deviceTransform(view.viewportTransform()).mapRect(label.boundingRect()).toRect()
            assert not any(rect.intersects(node) for node in covered), (size, layer)


def test_decision_map_keeps_a_one_to_one_aspect_in_a_wide_pane(qtbot):
    from backprop_lab.gui.views.decision_map import DecisionMapView
    view = DecisionMapView()
    qtbot.addWidget(view)
    view.resize(700, 260)
    view.show()
    view.set_snapshot(snapshot(5, dataset="circle"))
    qtbot.wait(20)
    dx, dy = view.view_box.viewPixelSize()
    assert dx == pytest.approx(dy, rel=1e-3)


def test_truth_and_prediction_maps_keep_a_one_to_one_aspect(qtbot):
    from backprop_lab.gui.views.lab_figure import GroundTruthView
    view = GroundTruthView()
    qtbot.addWidget(view)
    view.resize(640, 220)
    view.show()
    view.set_snapshot(snapshot(5, dataset="circle"))
    qtbot.wait(20)
    for plot in (view.truth_plot, view.pred_plot):
        dx, dy = plot.getViewBox().viewPixelSize()
        assert dx == pytest.approx(dy, rel=1e-3)


def test_k_output_nodes_are_named_and_labelled_by_their_class(diagram):
    from PySide6.QtWidgets import QGraphicsSimpleTextItem
    from backprop_lab.gui.views.class_colors import class_color
    from backprop_lab.model import TrainConfig, Trainer, tasks
    from backprop_lab.model.trainer import make_data
    cfg = TrainConfig(dataset="blobs", n_points=30, **tasks.defaults_for("classification", 3))
    diagram.set_snapshot(Trainer(cfg, *make_data(cfg)).snapshot())
    assert diagram.names[-1] == ["class 0", "class 1", "class 2"]
    assert diagram.node_tooltip(diagram.nodes[-1][2]).startswith("class 2 (softmax)")
    labels = {i.text(): i.brush().color().name() for i in diagram.scene.items()
              if isinstance(i, QGraphicsSimpleTextItem)}
    assert all(labels.get(str(k)) == class_color(k).lower() for k in range(3))
    two = TrainConfig()
    diagram.set_snapshot(Trainer(two, *make_data(two)).snapshot())
    labels = [i.text() for i in diagram.scene.items() if isinstance(i, QGraphicsSimpleTextItem)]
    assert diagram.names[-1] == ["out"] and "0" not in labels and "1" not in labels
