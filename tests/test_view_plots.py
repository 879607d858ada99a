"""Curves, weight heatmaps, gradient norms and the lab figures draw what the snapshot holds."""
from types import SimpleNamespace

import numpy as np
import pytest

from backprop_lab.gui.views import AccuracyCurves, ActivationView, GradNormView, GroundTruthView, LossCurves, WeightsView
from backprop_lab.gui.views.decimate import MAX_POINTS
from backprop_lab.gui.views.weights import nice_ceil
from backprop_lab.model import activations
from backprop_lab.model.history import HistoryView
from view_snapshots import SHAPES, snapshot, with_test_set


def make_view(qtbot, cls):
    view = cls()
    qtbot.addWidget(view)
    view.resize(400, 300)
    return view


def long_history(n: int, layers: int = 3, with_test: bool = True) -> SimpleNamespace:
    """A stand-in snapshot with an n-epoch history (the curves read nothing else)."""
    rng = np.random.default_rng(0)
    loss = np.exp(-np.linspace(0, 8, n)) + 0.01 * rng.random(n)
    acc = np.clip(np.linspace(0.5, 1.0, n) + 0.01 * rng.standard_normal(n), 0, 1)
    test = (loss * 1.1, acc * 0.9) if with_test else (np.full(n, np.nan), np.full(n, np.nan))
    h = HistoryView(np.arange(1, n + 1), loss, acc, *test, rng.random((n, layers)) + 1e-3)
    return SimpleNamespace(history=h)


# --- loss and accuracy -----------------------------------------------------------------
@pytest.mark.parametrize("cls, column, scale", [(LossCurves, "loss", 1.0), (AccuracyCurves, "accuracy", 100.0)])
def test_short_histories_are_drawn_point_for_point(qtbot, cls, column, scale):
    snap = with_test_set()
    view = make_view(qtbot, cls)
    view.set_snapshot(snap)
    h = snap.history
    x, y = view.train_curve.getData()
    np.testing.assert_array_equal(x, h.epoch)
    np.testing.assert_allclose(y, scale * getattr(h, column))
    tx, ty = view.test_curve.getData()
    np.testing.assert_allclose(ty, scale * getattr(h, "test_" + column))
    assert x[-1] == snap.epoch


@pytest.mark.parametrize("cls", [LossCurves, AccuracyCurves])
def test_a_million_epochs_are_decimated_but_end_at_the_last_epoch(qtbot, cls):
    snap = long_history(1_000_000)
    view = make_view(qtbot, cls)
    view.set_snapshot(snap)
    for curve, column in ((view.train_curve, "loss"), (view.test_curve, "test_loss")):
        x, y = curve.getData()
        assert len(x) <= MAX_POINTS + 1
        assert x[-1] == 1_000_000
    x, y = view.train_curve.getData()
    last = snap.history.loss[-1] if cls is LossCurves else 100 * snap.history.accuracy[-1]
    assert y[-1] == pytest.approx(last)


def test_accuracy_axis_reads_0_to_100_percent_before_the_first_epoch(qtbot):
    view = make_view(qtbot, AccuracyCurves)
    view.set_snapshot(long_history(0))
    lo, hi = view.plot.getViewBox().viewRange()[1]
    assert lo < 0 < 100 < hi < 110


def test_test_curve_and_its_legend_entry_appear_only_with_a_test_set(qtbot):
    view = make_view(qtbot, LossCurves)

    def legend_names():
        return [label.text for _, label in view.legend.items]

    view.set_snapshot(snapshot(20))
    assert len(view.test_curve.getData()[0] or []) == 0
    assert legend_names() == ["train"]
    view.set_snapshot(with_test_set())
    assert len(view.test_curve.getData()[0]) == len(with_test_set().history)
    assert legend_names() == ["train", "test"]
    view.set_snapshot(snapshot(20))
    assert legend_names() == ["train"]


def test_log_scale_toggles_and_survives_a_loss_of_zero(qtbot):
    view = make_view(qtbot, LossCurves)
    snap = long_history(500)
    snap.history.loss[-1] = 0.0                       # a perfect fit
    view.set_snapshot(snap)
    view.set_log_scale(True)
    assert view.plot.getAxis("left").logMode
    assert np.all(np.isfinite(view.train_curve.getData()[1]))   # the drawn log10 values
    view.set_snapshot(snap)
    assert np.all(np.isfinite(view.train_curve.getData()[1]))
    view.set_log_scale(False)
    assert not view.plot.getAxis("left").logMode
    assert view.train_curve.getData()[1][-1] == 0.0


def test_accuracy_axis_stays_at_0_to_100_percent(qtbot):
    view = make_view(qtbot, AccuracyCurves)
    view.set_snapshot(snapshot(30))
    lo, hi = view.plot.viewRange()[1]
    assert lo <= 0 and 100 <= hi <= 110


def test_pin_keeps_a_dashed_copy_with_a_legend_entry_until_cleared(qtbot):
    view = make_view(qtbot, LossCurves)
    first = with_test_set()
    view.set_snapshot(first)
    view.pin()
    view.set_snapshot(snapshot(20))
    names = [label.text for _, label in view.legend.items]
    assert names == ["train", "pinned 1"]          # one entry for the pin's train and test curves
    pinned = view.pins[0]
    np.testing.assert_allclose(pinned.getData()[1], first.history.loss)
    assert pinned.opts["pen"].style() != view.train_curve.opts["pen"].style()
    view.set_snapshot(with_test_set())
    assert [label.text for _, label in view.legend.items] == ["train", "test", "pinned 1"]
    view.clear_pins()
    assert view.pins == [] and not any(n.startswith("pinned") for n in
                                       (label.text for _, label in view.legend.items))
    assert all(item not in view.plot.items for item in [pinned])


# --- weights and gradient norms -------------------------------------------------------------
@pytest.mark.parametrize("shape", SHAPES)
def test_each_layer_heatmap_is_its_weight_matrix(qtbot, shape):
    snap = snapshot(20, **SHAPES[shape])
    view = make_view(qtbot, WeightsView)
    view.set_snapshot(snap)
    params = snap.params
    assert len(view.images) == len(params)
    for k, (img, plot, (W, _)) in enumerate(zip(view.images, view.plots, params), start=1):
        np.testing.assert_array_equal(img.image, W)
        assert plot.titleLabel.text.startswith(f"layer {k}") and f"{W.shape[0]} × {W.shape[1]}" in plot.titleLabel.text
    m = max(np.abs(W).max() for W, _ in params)
    lo, hi = view.color_bar.levels()
    assert lo == -hi and m <= hi <= 2.5 * m           # symmetric, rounded up to 1, 2, 5 × 10^k
    assert hi / 10 ** np.floor(np.log10(hi)) in (1.0, 2.0, 5.0)
    assert all(tuple(img.getLevels()) == (lo, hi) for img in view.images)


@pytest.mark.parametrize("m, expected", [(0.3, 0.5), (1.0, 1.0), (1.01, 2.0), (4.2, 5.0), (7.0, 10.0),
                                         (0.0, 1.0), (np.inf, 1.0)])
def test_colour_scale_limit_rounds_up_to_1_2_5(m, expected):
    assert nice_ceil(m) == pytest.approx(expected)


def test_weights_view_rebuilds_when_shapes_change(qtbot):
    view = make_view(qtbot, WeightsView)
    view.set_snapshot(snapshot(5))
    before = list(view.images)
    view.set_snapshot(snapshot(50))
    assert view.images == before
    view.set_snapshot(snapshot(5, hidden=(3,)))
    assert [img.image.shape for img in view.images] == [(2, 3), (3, 1)]


def test_gradient_norms_one_log_curve_per_layer_ending_at_the_last_epoch(qtbot):
    view = make_view(qtbot, GradNormView)
    snap = snapshot(40)
    view.set_snapshot(snap)
    assert view.plot.getAxis("left").logMode
    assert [label.text for _, label in view.legend.items] == ["layer 1", "layer 2", "layer 3"]
    for k, curve in enumerate(view.curves):
        x, y = curve.getOriginalDataset()
        assert x[-1] == snap.epoch and y[-1] == pytest.approx(snap.history.grad_norms[-1, k])
        assert curve.getData()[1][-1] == pytest.approx(np.log10(y[-1]))
    view.set_snapshot(long_history(1_000_000, layers=7))
    assert len(view.curves) == 7
    assert all(len(c.getData()[0]) <= MAX_POINTS + 1 for c in view.curves)


# --- lab figures ----------------------------------------------------------------------------------
def _classes_drawn(scatter, class1_color):
    brushes = scatter.data["brush"]
    return np.array([b.color().name() == class1_color for b in brushes])


def test_ground_truth_is_coloured_by_label_and_prediction_by_p_above_half(qtbot):
    from backprop_lab.gui.views.colors import CLASS1
    snap = with_test_set()
    view = make_view(qtbot, GroundTruthView)
    view.set_snapshot(snap)
    truth_train, truth_test = view.items["truth"]
    pred_train, _ = view.items["pred"]
    np.testing.assert_array_equal(_classes_drawn(truth_train, CLASS1), snap.y[:, 0] > 0.5)
    predicted = snap.predict(snap.X)[:, 0] > 0.5
    np.testing.assert_array_equal(_classes_drawn(pred_train, CLASS1), predicted)
    assert not np.array_equal(predicted, snap.y[:, 0] > 0.5)   # the two plots differ here
    assert len(truth_test.getData()[0]) == len(snap.X_test)


@pytest.mark.parametrize("name", list(activations.ACTIVATIONS))
def test_derivative_curve_matches_finite_differences_of_f(qtbot, name):
    view = make_view(qtbot, ActivationView)
    view.set_activation(name, leaky_slope=0.1)
    z, f = view.f_curve.getData()
    _, df = view.df_curve.getData()
    h = 1e-6
    act = activations.get(name, 0.1)
    numeric = (act(z + h) - act(z - h)) / (2 * h)
    smooth = np.abs(z) > 1e-3                         # relu-like kinks at z = 0 have no derivative
    np.testing.assert_allclose(df[smooth], numeric[smooth], atol=1e-6)
    np.testing.assert_allclose(f, act(z))
    assert z.min() == -5 and z.max() == 5
    assert act.formula in view.plot.titleLabel.text


def test_activation_view_follows_the_snapshot_config(qtbot):
    view = make_view(qtbot, ActivationView)
    view.set_snapshot(snapshot(5, activation="leaky_relu", leaky_slope=0.2))
    assert view.activation.name == "leaky_relu"
    _, f = view.f_curve.getData()
    assert f[0] == pytest.approx(-5 * 0.2)
    snap = snapshot(5, activation="tanh")
    view.set_snapshot(snap)
    z_dots, fz = view.z_dots.getData()
    assert len(z_dots) == len(snap.X) * 4 * 2         # every hidden unit at every training point
    np.testing.assert_allclose(fz, np.tanh(z_dots))


def test_curve_legend_sits_below_the_data_never_over_it(qtbot):
    view = make_view(qtbot, LossCurves)
    view.resize(320, 300)
    view.set_snapshot(with_test_set())
    for _ in range(4):
        view.pin("a rather long pin label")
    qtbot.wait(50)
    legend = view.legend.sceneBoundingRect()
    data = view.plot.getViewBox().sceneBoundingRect()
    assert legend.top() >= data.bottom()                 # under the plot area, not inside it
    assert view.plot.sceneBoundingRect().width() <= view.widget.width() + 1   # and the plot keeps its width


@pytest.mark.parametrize("hidden", [(8, 8), (16,) * 3, (32,) * 6])
def test_heatmap_tick_labels_are_far_enough_apart_to_read(qtbot, hidden):
    """From 8–16 units on, every unit's label ran together ("02468101214")."""
    view = WeightsView()
    qtbot.addWidget(view)
    view.resize(540, 300)
    view.show()
    view.set_snapshot(snapshot(3, hidden=hidden))
    qtbot.wait(30)
    for plot in view.plots:
        dx, dy = plot.getViewBox().viewPixelSize()
        for axis, per_unit, need in (("bottom", 1 / dx, 7 * 2), ("left", 1 / dy, 12)):
            labelled = [v for v, text in plot.getAxis(axis)._tickLevels[0] if text]
            assert labelled[0] == 0
            gaps = np.diff(labelled) * per_unit
            assert len(gaps) == 0 or gaps.min() >= need, (axis, labelled, per_unit)


def test_gradient_norm_legend_is_under_the_plot_and_its_log_axis_labels_only_decades(qtbot):
    view = make_view(qtbot, GradNormView)
    view.show()
    view.set_snapshot(snapshot(60, hidden=(4, 4, 4)))
    qtbot.wait(30)
    assert view.legend.sceneBoundingRect().top() >= view.plot.getViewBox().sceneBoundingRect().bottom()
    axis = view.plot.getAxis("left")
    values = [-3.0, np.log10(2), np.log10(5), 0.0]
    texts = axis.tickStrings(values, 1.0, 1.0)
    assert texts[1] == texts[2] == "" and texts[0] and texts[3]
    assert "‖" not in axis.labelText                  # not in a plain desktop's fonts


def test_epoch_axis_spacing_follows_its_tick_font(qtbot):
    """Label widths are measured once per font: a larger font must still spread the labels."""
    from PySide6.QtGui import QFont
    from backprop_lab.gui.views.curves import EpochAxis
    axis = EpochAxis(orientation="bottom")
    small = axis.tickSpacing(0, 123_456, 300)[0][0]
    assert axis.tickSpacing(0, 123_456, 300)[0][0] == small        # (measured, then looked up)
    font = QFont(axis.font())
    font.setPointSize(font.pointSize() * 3)
    axis.setStyle(tickFont=font)
    assert axis.tickSpacing(0, 123_456, 300)[0][0] > small
