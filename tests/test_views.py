"""Every view draws every supported network; the decision map shows the truth and takes clicks."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

import backprop_lab.gui.views as views
from backprop_lab.gui.views.decision_map import RESOLUTION, DecisionMapView
from view_snapshots import SHAPES, snapshot, with_test_set
from shown_views import shown

VIEW_OBJECT_NAMES = {
    "DecisionMapView": "decisionMap", "NetworkDiagram": "networkView", "LossCurves": "lossPlot",
    "AccuracyCurves": "accuracyPlot", "WeightsView": "weightsView", "GradNormView": "gradNormPlot",
    "GroundTruthView": "groundTruthView", "ActivationView": "activationView",
}


@pytest.mark.parametrize("view_name", sorted(VIEW_OBJECT_NAMES))
def test_every_view_draws_every_network_shape_in_turn(qtbot, view_name):
    view = getattr(views, view_name)()
    qtbot.addWidget(view)
    assert view.objectName() == VIEW_OBJECT_NAMES[view_name]
    view.resize(400, 300)
    view.show()
    # one instance through all shapes, and back: rebuilds as well as in-place updates
    for name in list(SHAPES) + [with_test_set, "two hidden layers"]:
        snap = name() if callable(name) else snapshot(**SHAPES[name])
        view.set_snapshot(snap)
        view.set_snapshot(snap)
        view.grab()                                   # paint it: drawing errors surface here


def test_views_accept_a_snapshot_before_any_training(qtbot):
    snap = snapshot(0)
    assert len(snap.history) == 0
    for name in VIEW_OBJECT_NAMES:
        view = getattr(views, name)()
        qtbot.addWidget(view)
        view.set_snapshot(snap)
        view.grab()


# --- decision map ------------------------------------------------------------------
@pytest.fixture
def decision_map(qtbot):
    return shown(qtbot, DecisionMapView(), (500, 420))


def test_map_image_is_the_network_output_on_its_grid(decision_map):
    snap = snapshot(200, hidden=(4,), activation="tanh", lr=0.5)
    decision_map.set_snapshot(snap)
    image = decision_map.image_item.image
    assert image.shape == (RESOLUTION, RESOLUTION) and RESOLUTION >= 100
    expected = snap.predict(decision_map.grid_points).reshape(image.shape)
    np.testing.assert_allclose(image, expected, rtol=0, atol=1e-6)   # drawn from float32
    assert image.std() > 0.01                         # a real map, not a constant


def test_map_image_covers_the_plane_extent_with_rows_along_y(decision_map):
    snap = snapshot(5)
    decision_map.set_snapshot(snap)
    x0, x1, y0, y1 = decision_map.extent
    rect = decision_map.image_item.mapRectToView(decision_map.image_item.boundingRect())
    np.testing.assert_allclose([rect.left(), rect.right(), rect.top(), rect.bottom()], [x0, x1, y0, y1])
    g = decision_map.grid_points.reshape(RESOLUTION, RESOLUTION, 2)
    assert np.all(np.diff(g[:, 0, 1]) > 0) and np.all(np.diff(g[0, :, 0]) > 0)
    assert np.ptp(g[:, 0, 0]) == 0                    # a row shares one x per column


def test_decision_contour_runs_where_the_output_is_one_half(decision_map):
    snap = snapshot(300, hidden=(4,), activation="tanh", lr=0.5)
    decision_map.set_snapshot(snap)
    contour = decision_map.contour
    contour.generatePath()
    pts = contour.segments.reshape(-1, 2)
    assert len(pts) > 20
    data_space = decision_map.view_box.childGroup     # the ViewBox's data coordinates
    data = np.array([[q.x(), q.y()] for q in (contour.mapToItem(data_space, QPointF(*p)) for p in pts)])
    np.testing.assert_allclose(snap.predict(data)[:, 0], 0.5, atol=0.03)


def test_misclassified_rings_mark_exactly_the_misclassified_points(decision_map):
    snap = with_test_set()
    decision_map.set_snapshot(snap)
    wrong_train = (snap.predict(snap.X) > 0.5) != (snap.y > 0.5)
    wrong_test = (snap.predict(snap.X_test) > 0.5) != (snap.y_test > 0.5)
    assert wrong_train.sum() > 0 and len(snap.X_test) > 0
    rings = decision_map.wrong_item.getData()
    assert len(rings[0]) == wrong_train.sum() + wrong_test.sum()
    expected = np.vstack([snap.X[wrong_train[:, 0]], snap.X_test[wrong_test[:, 0]]])
    np.testing.assert_allclose(np.column_stack(rings), expected)
    assert len(decision_map.train_item.getData()[0]) == len(snap.X)
    assert len(decision_map.test_item.getData()[0]) == len(snap.X_test)


def test_map_grows_to_show_a_point_far_outside_the_default_range(decision_map):
    snap = snapshot(5, extra_point=(3.0, -2.0, 1.0))
    decision_map.set_snapshot(snap)
    x0, x1, y0, y1 = decision_map.extent
    assert x0 < 0 and x1 > 3.0 and y0 < -2.0 and y1 > 1.0
    (vx0, vx1), (vy0, vy1) = decision_map.view_box.viewRange()
    assert vx0 <= 0 and vx1 >= 3.0 and vy0 <= -2.0 and vy1 >= 1.0


def _click(qtbot, view, x, y, button=Qt.MouseButton.LeftButton, modifier=Qt.KeyboardModifier.NoModifier):
    """Click the map at data point (x, y) through the widget, as a user would."""
    pos = view.widget.mapFromScene(view.view_box.mapViewToScene(QPointF(x, y)))
    QTest.mouseMove(view.widget.viewport(), pos)
    QTest.mouseClick(view.widget.viewport(), button, modifier, pos)


def _pixel_size(view):
    (x0, x1), (y0, y1) = view.view_box.viewRange()
    w, h = view.view_box.width(), view.view_box.height()
    return (x1 - x0) / w, (y1 - y0) / h


@pytest.mark.parametrize("add_class", [0, 1])
def test_left_click_adds_a_point_of_the_current_class_where_clicked(qtbot, decision_map, add_class):
    decision_map.set_snapshot(snapshot(5))
    decision_map.set_add_class(add_class)
    with qtbot.waitSignal(decision_map.sigAddPoint, timeout=2000) as sig:
        _click(qtbot, decision_map, 0.25, 0.55)
    x, y, label = sig.args
    px, py = _pixel_size(decision_map)
    assert abs(x - 0.25) <= 2 * px and abs(y - 0.55) <= 2 * py
    assert label == add_class


def test_right_click_adds_a_class_1_point(qtbot, decision_map):
    decision_map.set_snapshot(snapshot(5))
    with qtbot.waitSignal(decision_map.sigAddPoint, timeout=2000) as sig:
        _click(qtbot, decision_map, 0.8, 0.15, Qt.MouseButton.RightButton)
    x, y, label = sig.args
    px, py = _pixel_size(decision_map)
    assert label == 1 and abs(x - 0.8) <= 2 * px and abs(y - 0.15) <= 2 * py


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier])
def test_shift_or_ctrl_click_on_a_point_asks_to_delete_it(qtbot, decision_map, modifier):
    snap = snapshot(5)
    decision_map.set_snapshot(snap)
    target = snap.X[3]                                # clicking right on a drawn point
    added = []
    decision_map.sigAddPoint.connect(lambda *a: added.append(a))
    with qtbot.waitSignal(decision_map.sigDeletePoint, timeout=2000) as sig:
        _click(qtbot, decision_map, *target, modifier=modifier)
    px, py = _pixel_size(decision_map)
    assert abs(sig.args[0] - target[0]) <= 2 * px and abs(sig.args[1] - target[1]) <= 2 * py
    assert added == []


def test_a_click_on_a_drawn_point_still_adds_a_point(qtbot, decision_map):
    snap = snapshot(5)
    decision_map.set_snapshot(snap)
    with qtbot.waitSignal(decision_map.sigAddPoint, timeout=2000):
        _click(qtbot, decision_map, *snap.X[0])


def test_overlay_replaces_the_output_until_cleared(decision_map):
    decision_map.set_snapshot(snapshot(5))
    overlay = np.linspace(0, 1, 64 * 64).reshape(64, 64)
    decision_map.set_overlay_image(overlay)
    assert decision_map.overlay_item.isVisible() and not decision_map.image_item.isVisible()
    np.testing.assert_array_equal(decision_map.overlay_item.image, overlay)
    rect = decision_map.overlay_item.mapRectToView(decision_map.overlay_item.boundingRect())
    x0, x1, y0, y1 = decision_map.extent
    np.testing.assert_allclose([rect.left(), rect.right(), rect.top(), rect.bottom()], [x0, x1, y0, y1])
    decision_map.set_overlay_image(None)
    assert decision_map.image_item.isVisible() and not decision_map.overlay_item.isVisible()
