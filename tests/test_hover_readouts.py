"""Numbers under the cursor: real mouse moves over a freshly opened window's plots, map and
heatmaps show the values the history and the network give, computed here independently."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtTest import QTest

from backprop_lab.model import TrainConfig
from backprop_lab.model.snapshot import Snapshot
from shown_views import shown

# a test set (so both curves exist) and tanh hidden units (so the forward pass below is
# not the app's default sigmoid network by accident)
CFG = TrainConfig(dataset="circle", n_points=80, noise=0.2, test_fraction=0.25, hidden=(3, 2),
                  activation="tanh", lr=0.3, stop_at_100=False)


def train(w, epochs: int, timeout=10000):
    """Step ``epochs`` epochs and wait until the window has drawn them."""
    target = (w.snapshot.epoch if w.snapshot else 0) + epochs
    w._step(epochs)
    QTest.qWait(1)
    for _ in range(timeout // 20):
        if w.snapshot is not None and w.snapshot.epoch == target:
            return w.snapshot
        QTest.qWait(20)
    raise AssertionError(f"epoch {target} not drawn")


def hover(view_widget, scene_pos: QPointF) -> None:
    """A real mouse move to ``scene_pos`` of a pyqtgraph widget (its viewport gets the event)."""
    QTest.mouseMove(view_widget.viewport(), view_widget.mapFromScene(scene_pos))
    QTest.qWait(20)


def hover_view_point(view_widget, vb, x: float, y: float) -> None:
    hover(view_widget, vb.mapViewToScene(QPointF(x, y)))


def mid_y(vb) -> float:
    return sum(vb.viewRange()[1]) / 2


def g4(v: float) -> str:
    return f"{v:.4g}"


@pytest.fixture
def trained(make_window):
    w = make_window(CFG)
    train(w, 30)
    return w


def row_of(h, epoch):
    (i,) = np.flatnonzero(h.epoch == epoch)
    return i


def test_loss_hover_shows_the_epoch_and_every_curve_there_pinned_runs_too(trained, qtbot):
    w = trained
    w.experiments.compare.pin()                      # Pin run (Ctrl+P)
    pinned = w.snapshot.history                      # the pinned run's own numbers
    w.cfg = w.cfg.replace(lr=0.05)
    w.session.set_config(w.cfg)
    w._reset(True)
    qtbot.waitUntil(lambda: w.snapshot.epoch == 0)
    live = train(w, 40).history
    view = w.views["lossPlot"]
    vb = view.plot.getViewBox()
    hover_view_point(view.widget, vb, 17.3, mid_y(vb))   # snaps to the nearest epoch
    r = view.readout
    assert r.epoch == 17
    i, j = row_of(live, 17), row_of(pinned, 17)
    lines = r.text().splitlines()
    assert lines[0] == "epoch 17"
    assert lines[1] == f"■ train {g4(live.loss[i])}"
    assert lines[2] == f"■ test {g4(live.test_loss[i])}"
    assert lines[3].endswith(f" {g4(pinned.loss[j])}") and lines[3] != lines[1]
    assert lines[4].endswith(f"(test) {g4(pinned.test_loss[j])}")
    assert lines[5] == f"■ lr {g4(live.lr[i])}" == "■ lr 0.05"     # the strip's lr, that epoch
    assert r.vline.isVisible() and r.vline.value() == 17
    # beyond the pinned run's 30 epochs its rows say "–", the live ones go on
    hover_view_point(view.widget, vb, 35, mid_y(vb))
    lines = r.text().splitlines()
    assert lines[0] == "epoch 35" and lines[1] == f"■ train {g4(live.loss[row_of(live, 35)])}"
    assert lines[3].endswith(" –") and lines[4].endswith(" –") and lines[5] == "■ lr 0.05"


def test_accuracy_hover_reads_per_cent_and_leaving_the_plot_hides_it(trained):
    h = train(trained, 3).history                  # 33 epochs: the axis runs to 40
    view = trained.views["accuracyPlot"]
    vb = view.plot.getViewBox()
    hover_view_point(view.widget, vb, 38, 50)      # right of the last epoch: the last one
    assert view.readout.epoch == 33
    assert view.readout.text().splitlines()[1:] == [f"■ train {g4(100 * h.accuracy[-1])} %",
                                                    f"■ test {g4(100 * h.test_accuracy[-1])} %"]
    rect = vb.sceneBoundingRect()
    hover(view.widget, QPointF(rect.left() - 15, rect.center().y()))   # over the y axis
    assert view.readout.epoch is None and not view.readout.box.isVisible()


def test_the_box_never_covers_the_dots_it_describes(trained):
    trained.resize(1500, 950)                       # the designed size: a plot ~300 × 200 px
    QTest.qWait(100)
    view = trained.views["lossPlot"]
    vb = view.plot.getViewBox()
    assert vb.sceneBoundingRect().height() > 150, vb.sceneBoundingRect()
    for x in (1, 8, 15, 22, 30):
        hover_view_point(view.widget, vb, x, mid_y(vb))
        box = view.readout.box.sceneBoundingRect()
        h = view.readout.history
        i = row_of(h, x)
        dots = view.readout.dots.points            # on the curves: log10(loss) at that epoch
        expected = [vb.mapViewToScene(QPointF(x, np.log10(v))) for v in (h.loss[i], h.test_loss[i])]
        assert [c for d in dots for c in (d.x(), d.y())] == pytest.approx(
            [c for p in expected for c in (p.x(), p.y())])
        for dot in dots:
            assert not box.adjusted(-3, -3, 3, 3).contains(dot), (x, dot, box)
        assert vb.sceneBoundingRect().adjusted(-1, -1, 1, 1).contains(box)   # whole, not clipped


def test_gradient_norm_hover_lists_every_layer(trained):
    w = trained
    w.tabs.setCurrentWidget(w.views["gradNormPlot"])
    QTest.qWait(50)
    view = w.views["gradNormPlot"]
    h = w.snapshot.history
    vb = view.plot.getViewBox()
    hover_view_point(view.widget, vb, 9, mid_y(vb))
    i = row_of(h, 9)
    assert view.readout.text().splitlines() == ["epoch 9"] + [
        f"■ layer {k + 1} {g4(h.grad_norms[i, k])}" for k in range(3)]


def forward(snap, x1, x2):
    """The network written out for CFG: tanh hidden layers, a sigmoid output."""
    a = np.array([[x1, x2]])
    outs = []
    for n, (W, b) in enumerate(snap.params):
        z = a @ W + b
        a = 1 / (1 + np.exp(-z)) if n == len(snap.params) - 1 else np.tanh(z)
        outs.append(a[0])
    return outs


def minus(text: str) -> str:
    return text.replace("-", "−")


def test_map_hover_shows_input_output_and_each_units_activation_on_the_diagram(trained, monkeypatch):
    w = trained
    snap = w.snapshot
    view = w.views["decisionMap"]
    points = []                                      # the forward passes a mouse move costs
    real = Snapshot.layer_outputs
    monkeypatch.setattr(Snapshot, "layer_outputs", lambda s, X, dtype=None: (points.append(len(X)),
                                                                               real(s, X, dtype))[1])
    scene = view.view_box.mapViewToScene(QPointF(0.41, -0.23))
    hover(view.widget, scene)
    assert points and set(points) == {1}              # one point, not the whole map
    at = view.view_box.mapSceneToView(QPointF(view.widget.mapToScene(view.widget.mapFromScene(scene))))
    x1, x2 = at.x(), at.y()
    outs = forward(snap, x1, x2)
    assert view.readout.text().splitlines() == [
        minus(f"x1 = {g4(x1)}, x2 = {g4(x2)}"),
        minus(f"p = {g4(outs[-1][0])}") + f" → class {int(outs[-1][0] > 0.5)}"]
    labels = w.hover_activations.labels
    assert [lab.value for lab in labels] == pytest.approx(np.concatenate(outs), rel=1e-9)
    assert all(lab.text.startswith("a=") and lab.isVisible() and lab.scene() is w.views["networkView"].scene
               for lab in labels)
    assert len(w.hover_activations.rings.points) == sum(snap.spec.sizes)   # a ring on every tile
    box = view.readout.box.sceneBoundingRect()
    assert not box.contains(scene)                   # the point itself stays visible
    hover(view.widget, view.view_box.sceneBoundingRect().topLeft() - QPointF(20, -40))   # off the map
    assert view.readout.point is None and w.hover_activations.labels == []
    assert w.hover_activations.rings.points == []
    hover(view.widget, scene)
    assert view.readout.box.isVisible() and w.hover_activations.labels
    QTest.mouseMove(w.controls, QPoint(20, 20))      # out of the map's widget at once
    QTest.qWait(20)
    assert not view.readout.box.isVisible() and w.hover_activations.labels == []


def test_weights_cell_hover_gives_the_edge_text_of_that_weight(trained):
    w = trained
    w.tabs.setCurrentWidget(w.views["weightsView"])
    QTest.qWait(50)
    view = w.views["weightsView"]
    snap = w.snapshot
    layer, r, c = 1, 2, 1                             # h1.3 → h2.2
    hover_view_point(view.widget, view.plots[layer].getViewBox(), c + 0.3, r - 0.2)
    W, dW, step = (pairs[layer][0] for pairs in (snap.params, snap.grads, snap.updates))
    expected = (f"h1.3 → h2.2   (layer 2, W[2, 1])\nweight w = {g4(W[r, c])}\n"
                f"gradient dL/dw = {g4(dW[r, c])}\nlast update Δw = {g4(step[r, c])}")
    assert view.readout.cell == (layer, r, c)
    assert view.readout.text == expected
    assert view.images[layer].toolTip() == expected
    # the diagram's edge for the same weight says the same
    diagram = w.views["networkView"]
    src, dst, w_index = diagram.edge_tables[layer]
    edge = int(np.flatnonzero(w_index == r * W.shape[1] + c)[0])
    assert diagram.edge_tooltip(layer, edge) == expected
    assert view.readout.frame.isVisible() and view.readout.frame.pos() == QPointF(c, r)
    for layer, r, c in ((1, 0, 0), (0, 1, 2), (0, 0, 1)):    # another cell, another layer, the same layer
        hover_view_point(view.widget, view.plots[layer].getViewBox(), c, r)
        frame = view.readout.frame
        assert view.readout.cell == (layer, r, c) and view.readout.text.startswith(
            f"{diagram.names[layer][r]} → {diagram.names[layer + 1][c]}   (layer {layer + 1}, W[{r}, {c}])")
        assert frame.isVisible() and frame.scene() is view.widget.scene() and frame.pos() == QPointF(c, r)
        assert view.plots[layer].getViewBox().sceneBoundingRect().contains(frame.sceneBoundingRect().center())


def test_output_lines_name_every_class_or_the_predicted_value(qtbot):
    """Multi-class and regression outputs (the map readout's other kinds)."""
    from types import SimpleNamespace
    from backprop_lab.gui.views.decision_map import DecisionMapView
    view = DecisionMapView()
    qtbot.addWidget(view)
    r = view.readout
    r.point = (0.5, -1.0)
    r.snapshot = SimpleNamespace(config=SimpleNamespace(task="classification"),
                                 layers=[SimpleNamespace(act=SimpleNamespace(name="softmax"))])
    r.outputs = [np.array([0.2, 0.7, 0.1])]
    assert r.lines()[1:] == ["p(class 0) = 0.2", "p(class 1) = 0.7 ◀", "p(class 2) = 0.1"]
    r.snapshot = SimpleNamespace(config=SimpleNamespace(task="regression"), layers=r.snapshot.layers)
    r.outputs = [np.array([-1.25])]
    assert r.lines() == ["x1 = 0.5, x2 = −1", "predicted ŷ = −1.25"]


def test_a_held_map_readout_follows_training(trained):
    """The cursor stays on the map while epochs are drawn: the box and the labels show
    the newest network's output there, not the one from when the mouse last moved."""
    w = trained
    view = w.views["decisionMap"]
    hover(view.widget, view.view_box.mapViewToScene(QPointF(-0.3, 0.5)))
    before = view.readout.text()
    snap = train(w, 20)
    x1, x2 = view.readout.point
    outs = forward(snap, x1, x2)
    assert view.readout.text().splitlines()[1] == minus(f"p = {g4(outs[-1][0])}") + \
        f" → class {int(outs[-1][0] > 0.5)}"
    assert view.readout.text() != before
    assert [lab.value for lab in w.hover_activations.labels] == pytest.approx(np.concatenate(outs), rel=1e-9)


def test_hover_bench_prints_one_row_per_case():
    """bench/hover_readouts.py runs and reports a cost for each readout (2 repeats: no timing claimed here)."""
    import subprocess
    import sys
    from pathlib import Path
    bench = Path(__file__).resolve().parent.parent / "bench" / "hover_readouts.py"
    out = subprocess.run([sys.executable, str(bench), "--repeats", "2"], capture_output=True, text=True,
                         timeout=300, check=True).stdout
    rows = [line for line in out.splitlines() if line.startswith("| ") and "ms" not in line]
    assert len(rows) == 4 and all(float(r.split("|")[2]) > 0 for r in rows), out


def test_a_long_run_reads_each_epoch_exactly_not_the_thinned_curve(qtbot):
    """20 000 epochs are drawn decimated (min/max per bucket); the box still gives the
    recorded value of the very epoch under the cursor."""
    from types import SimpleNamespace
    from backprop_lab.gui.views.curves import LossCurves
    from backprop_lab.model.history import HistoryView
    n = 20_000
    rng = np.random.default_rng(3)
    loss = np.exp(-np.arange(n) / 5000) * (1 + 0.5 * rng.random(n))     # jagged: buckets differ
    h = HistoryView(np.arange(1, n + 1), loss, rng.random(n), np.full(n, np.nan), np.full(n, np.nan),
                    rng.random((n, 2)))
    view = shown(qtbot, LossCurves())
    view.set_snapshot(SimpleNamespace(history=h))
    drawn_x, _ = view.train_curve.getData()
    assert len(drawn_x) < n                                           # thinned for drawing
    vb = view.plot.getViewBox()
    for epoch in (1234, 5678, 15001):
        hover_view_point(view.widget, vb, epoch, mid_y(vb))
        assert view.readout.epoch == pytest.approx(epoch, abs=20)     # a pixel spans ~40 epochs
        e = view.readout.epoch
        assert view.readout.text().splitlines() == [f"epoch {e}", f"■ train {g4(loss[e - 1])}"]   # no lr column: no lr row


def test_a_conv_kernel_cell_names_its_tap_and_filter(qtbot):
    from backprop_lab.gui.views.weights import WeightsView
    from view_snapshots import SHAPES, snapshot
    snap = snapshot(**SHAPES["conv first layer"])
    view = shown(qtbot, WeightsView(), (800, 300))
    view.set_snapshot(snap)
    QTest.qWait(50)
    K, dK, step = (pairs[0][0] for pairs in (snap.params, snap.grads, snap.updates))
    r, c = K.shape[0] - 1, K.shape[1] - 1
    hover_view_point(view.widget, view.plots[0].getViewBox(), c, r)
    assert view.readout.text == (f"tap {r + 1} → conv{c + 1} (every position)   (layer 1, K[{r}, {c}])\n"
                                 f"weight w = {g4(K[r, c])}\ngradient dL/dw = {g4(dK[r, c])}\n"
                                 f"last update Δw = {g4(step[r, c])}")
