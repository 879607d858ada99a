"""The R² plot of a regression draws the MAE on a right axis: its curves follow the
history's MAE columns, the legend names them, the hover box reads them (with a dot on
each curve), the wheel still zooms the epochs, and classification hides it all."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from backprop_lab.model import TrainConfig, Trainer
from backprop_lab.model.trainer import make_data
from shown_views import shown

REGRESSION = TrainConfig(task="regression", dataset="plane", n_points=60, hidden=(4,), activation="tanh",
                         output_activation="none", loss="mse", optimizer="adam", lr=0.02,
                         test_fraction=0.25, max_epochs=1000)


def trained_snapshot(cfg, epochs):
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(epochs)
    return tr.snapshot()


def legend_texts(view):
    return [label.text for _sample, label in view.legend.items]


@pytest.fixture
def view(qtbot):
    from backprop_lab.gui.views import AccuracyCurves
    return shown(qtbot, AccuracyCurves(), (420, 300))


def test_regression_draws_train_and_test_mae_on_the_right_axis(view):
    snap = trained_snapshot(REGRESSION, 40)
    view.set_snapshot(snap)
    h = snap.history
    x, y = view.mae.train_curve.getData()
    assert np.array_equal(x, h.epoch) and np.array_equal(y, h.mae)
    assert np.array_equal(view.mae.test_curve.getData()[1], h.test_mae)
    assert view.plot.getAxis("right").isVisible() and view.plot.getAxis("right").labelText == "MAE"
    lo, hi = view.mae.vb.viewRange()[1]
    assert lo <= 0 and max(h.mae.max(), h.test_mae.max()) <= hi
    assert view.mae.vb.viewRange()[0] == pytest.approx(view.plot.getViewBox().viewRange()[0])
    assert legend_texts(view) == ["train", "test", "train MAE", "test MAE"]
    # back to classification: no MAE axis, curves or legend entries
    view.set_snapshot(trained_snapshot(TrainConfig(test_fraction=0.25, max_epochs=50), 5))
    assert not view.plot.getAxis("right").isVisible()
    assert len(view.mae.train_curve.getData()[0] if view.mae.train_curve.getData()[0] is not None else []) == 0
    assert legend_texts(view) == ["train", "test"]


def test_a_long_run_draws_decimated_mae_with_its_largest_value_under_the_axis_top(view):
    cfg = REGRESSION.replace(hidden=(2,), n_points=20, max_epochs=20_000)
    tr = Trainer(cfg, *make_data(cfg))
    for epochs in (5_000, 1_000):                       # grows between frames, as while playing
        tr.run(epochs)
        snap = tr.snapshot()
        view.set_snapshot(snap)
    h = snap.history
    x, y = view.mae.train_curve.getData()
    tx, ty = view.mae.test_curve.getData()
    assert len(x) < len(h.epoch) and x[0] == h.epoch[0] and x[-1] == h.epoch[-1]
    assert y.max() == h.mae.max() and ty.max() == h.test_mae.max()
    assert legend_texts(view)[-1] == "test MAE"
    lo, hi = view.mae.vb.viewRange()[1]
    assert lo <= 0 and max(h.mae.max(), h.test_mae.max()) <= hi


def test_without_a_test_set_only_the_train_mae_is_listed(view):
    view.set_snapshot(trained_snapshot(REGRESSION.replace(test_fraction=0.0), 10))
    assert legend_texts(view) == ["train", "train MAE"]


def test_hover_reads_r2_and_mae_with_a_dot_on_each_mae_curve(view):
    snap = trained_snapshot(REGRESSION, 30)
    view.set_snapshot(snap)
    QTest.qWait(20)
    h = snap.history
    vb = view.plot.getViewBox()
    pos = vb.mapViewToScene(QPointF(12, 0.0))
    QTest.mouseMove(view.widget.viewport(), view.widget.mapFromScene(pos))
    QTest.qWait(20)
    r = view.readout
    assert r.epoch == 12
    i = int(np.flatnonzero(h.epoch == 12)[0])
    assert r.text().splitlines() == ["epoch 12", f"■ train {h.accuracy[i]:.4g}", f"■ test {h.test_accuracy[i]:.4g}",
                                     f"■ train MAE {h.mae[i]:.4g}", f"■ test MAE {h.test_mae[i]:.4g}"]
    # the MAE dots sit on the MAE curves, drawn in the right axis's ViewBox
    want = [view.mae.vb.mapViewToScene(QPointF(12, v)) for v in (h.mae[i], h.test_mae[i])]
    got = r.dots.points[-2:]
    assert [c for p in got for c in (p.x(), p.y())] == pytest.approx([c for p in want for c in (p.x(), p.y())],
                                                                     abs=0.5)


def test_the_wheel_over_the_plot_still_zooms_the_epochs(view, qtbot):
    view.set_snapshot(trained_snapshot(REGRESSION, 40))
    vb = view.plot.getViewBox()
    before = vb.viewRange()[0]
    centre = view.widget.mapFromScene(vb.sceneBoundingRect().center())
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    event = QWheelEvent(QPointF(centre), QPointF(view.widget.viewport().mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.widget.viewport(), event)
    after = vb.viewRange()[0]
    assert after[1] - after[0] < before[1] - before[0]            # zoomed in on the epochs
    assert view.mae.vb.viewRange()[0] == pytest.approx(after)     # the MAE follows


def test_the_window_draws_the_mae_of_a_regression_run(make_window, qtbot):
    w = make_window(REGRESSION)
    w._step(8)
    qtbot.waitUntil(lambda: w.snapshot.epoch == 8, timeout=10000)
    view = w.views["accuracyPlot"]
    qtbot.waitUntil(lambda: len(view.mae.train_curve.getData()[1] if view.mae.train_curve.getData()[1]
                                is not None else []) == 8, timeout=5000)
    assert np.array_equal(view.mae.train_curve.getData()[1], w.snapshot.history.mae)
    # the toolbar reads the same epoch's R² and MAE, and its label is wide enough for them
    from PySide6.QtWidgets import QLabel
    label = w.findChild(QLabel, "accuracyLabel")
    h = w.snapshot.history
    assert f"R² {h.accuracy[-1]:.3f} · MAE {h.mae[-1]:.3f} / test R² {h.test_accuracy[-1]:.3f} · " \
           f"MAE {h.test_mae[-1]:.3f}" == label.text()
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


def test_exported_figures_carry_the_mae_curves(view):
    from backprop_lab.gui.export import svg_bytes
    view.set_snapshot(trained_snapshot(TrainConfig(test_fraction=0.25, max_epochs=50), 5))
    assert "stroke-dasharray" not in svg_bytes(view).decode()        # solid train/test only
    view.set_snapshot(trained_snapshot(REGRESSION, 20))
    assert "stroke-dasharray" in svg_bytes(view).decode()            # the dash-dotted MAE


def test_switching_to_regression_before_any_epoch_sets_the_r2_axis(view):
    from backprop_lab.model.trainer import make_data as data
    empty = Trainer(TrainConfig(), *data(TrainConfig())).snapshot()
    view.set_snapshot(empty)
    assert view.plot.getViewBox().viewRange()[1][1] > 99          # accuracy: 0 … 100 %
    view.set_snapshot(Trainer(REGRESSION, *data(REGRESSION)).snapshot())   # epoch 0 as well
    lo, hi = view.plot.getViewBox().viewRange()[1]
    assert hi < 1.2 and lo > -0.2                                  # R²: 0 … 1 (and padding)


def test_the_toolbar_readout_says_no_mae_before_the_first_epoch(qtbot):
    from backprop_lab.gui.problem_readouts import regression_readout
    snap = Trainer(REGRESSION, *make_data(REGRESSION)).snapshot()
    assert regression_readout(snap, snap.last) == "R² – · MAE – / test R² – · MAE –"


def test_the_mae_is_drawn_under_the_r2_plot_so_the_hover_box_covers_it(view):
    view.set_snapshot(trained_snapshot(REGRESSION, 20))
    main = view.plot.getViewBox()
    assert main.background.isVisible() is False                 # the MAE shows through it
    assert view.mae.vb.zValue() < main.zValue()                 # and the readout box is above it


def test_the_window_exports_saves_and_reopens_a_regression_with_its_mae(make_window, qtbot, tmp_path):
    import csv
    w = make_window(REGRESSION)
    w._step(6)
    qtbot.waitUntil(lambda: w.snapshot.epoch == 6, timeout=10000)
    mae = np.array(w.snapshot.history.mae)
    assert w.file_menu.export_log_to(tmp_path / "log.csv")          # File ▸ Export training log CSV…
    rows = list(csv.reader(open(tmp_path / "log.csv", encoding="utf-8")))
    assert rows[0][5:7] == ["mae", "test_mae"] and [float(r[5]) for r in rows[1:]] == pytest.approx(mae)
    w.file_menu.save_to(tmp_path / "run.npz")                        # File ▸ Save As…
    qtbot.waitUntil(lambda: (tmp_path / "run.npz").exists(), timeout=10000)
    other = make_window()
    assert other.file_menu.open_path(tmp_path / "run.npz")           # File ▸ Open…
    view = other.views["accuracyPlot"]
    qtbot.waitUntil(lambda: other.snapshot.epoch == 6 and view.mae.shown, timeout=10000)
    qtbot.waitUntil(lambda: np.array_equal(view.mae.train_curve.getData()[1], mae), timeout=5000)
    assert legend_texts(view) == ["train", "test", "train MAE", "test MAE"]
