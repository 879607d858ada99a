"""The window on K classes and regression: the Problem control, clicks, keys, map, readouts."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QRadioButton, QSpinBox

from backprop_lab.model import TrainConfig, tasks


def _map_click(qtbot, window, x, y, button=Qt.MouseButton.LeftButton):
    view = window.views["decisionMap"]
    gv = view.findChild(pg.GraphicsView)
    pos = gv.mapFromScene(gv.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(gv.viewport(), button, Qt.KeyboardModifier.NoModifier, pos)


def _choose_problem(qtbot, window, index):
    window.findChild(QComboBox, "problemCombo").setCurrentIndex(index)
    qtbot.waitUntil(lambda: window.snapshot is not None
                    and window.snapshot.config.task == window.cfg.task
                    and window.snapshot.spec.outputs == tasks.output_units(window.cfg), timeout=5000)


def test_k_classes_sets_softmax_ce_a_spiral_and_k_output_units(qtbot, window):
    _choose_problem(qtbot, window, 1)
    cfg = window.cfg
    assert (cfg.classes, cfg.output_activation, cfg.loss, cfg.dataset) == (3, "softmax", "ce", "spiral")
    assert window.snapshot.params[-1][0].shape[1] == 3
    assert set(np.unique(window.data.y)) == {0.0, 1.0, 2.0}
    window.findChild(QSpinBox, "classesSpin").setValue(5)
    qtbot.waitUntil(lambda: window.snapshot.spec.outputs == 5, timeout=5000)
    buttons = [window.findChild(QRadioButton, f"problemClass{k}") for k in range(8)]
    assert [b.isVisible() for b in buttons] == [True] * 5 + [False] * 3
    assert window.findChild(QComboBox, "outputCombo").currentText() == "softmax"


def test_key_picks_the_class_a_click_adds(qtbot, window):
    _choose_problem(qtbot, window, 1)
    window.views["decisionMap"].setFocus()
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert window.views["decisionMap"].add_class == 2
    n = len(window.data.y)
    _map_click(qtbot, window, 0.3, -0.4)
    qtbot.waitUntil(lambda: len(window.data.y) == n + 1, timeout=3000)
    assert window.data.y[-1, 0] == 2
    qtbot.keyClick(window, Qt.Key.Key_7)           # no class 7 of 3: nothing changes
    assert window.views["decisionMap"].add_class == 2


def test_k_class_map_colours_by_argmax_and_confusion_counts_every_point(qtbot, window):
    _choose_problem(qtbot, window, 1)
    dm = window.views["decisionMap"]
    assert dm.problem.mode == "classes" and not dm.contour.isVisible()
    assert tuple(dm.image_item.levels) == (0.0, 4.0)
    window.tabs.setCurrentWidget(window.confusion)
    qtbot.waitUntil(lambda: window.confusion.table.rowCount() == 3, timeout=3000)
    assert window.confusion.matrix.sum() == len(window.snapshot.X)
    _choose_problem(qtbot, window, 0)                  # back to two classes: the lab's map
    assert dm.problem.mode == "two" and window.snapshot.spec.outputs == 1
    qtbot.waitUntil(lambda: dm.contour.isVisible(), timeout=3000)


def test_regression_clicks_add_the_target_and_the_wheel_changes_it(qtbot, window):
    _choose_problem(qtbot, window, 2)
    cfg = window.cfg
    assert (cfg.task, cfg.output_activation, cfg.loss, cfg.dataset) == ("regression", "none", "mse", "plane")
    target = window.findChild(QDoubleSpinBox, "targetSpin")
    target.setValue(0.7)
    dm = window.views["decisionMap"]
    dm.view_box.sigWheel.emit(1)                       # one wheel step up
    assert target.value() == pytest.approx(0.8)
    n = len(window.data.y)
    _map_click(qtbot, window, 0.2, 0.1)
    qtbot.waitUntil(lambda: len(window.data.y) == n + 1, timeout=3000)
    assert window.data.y[-1, 0] == pytest.approx(0.8)


def test_regression_map_has_a_colour_bar_and_r2_readouts(qtbot, window):
    _choose_problem(qtbot, window, 2)
    dm = window.views["decisionMap"]
    qtbot.waitUntil(lambda: dm.problem.mode == "regression", timeout=3000)
    assert dm.problem.bar is not None and dm.problem.bar.isVisible()
    m = dm.problem.scale
    assert m == pytest.approx(np.abs(window.snapshot.y).max())
    assert tuple(dm.image_item.levels) == pytest.approx((-m, m))
    window.toolbar.sigStep.emit(5)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 5, timeout=5000)
    text = window.findChild(QLabel, "accuracyLabel").text()
    assert text.startswith("R² ") and "MAE" in text
    assert window.views["accuracyPlot"].regression


def test_importing_k_labels_or_targets_switches_the_problem_and_keeps_the_points(qtbot, window, tmp_path):
    from backprop_lab.model.csv_data import write_points_csv
    X = np.array([[0.1, 0.2], [0.5, -0.5], [-0.3, 0.4], [0.9, 0.9]])
    write_points_csv(tmp_path / "k.csv", X, [[0], [3], [1], [2]])
    assert window.file_menu.import_points_from(tmp_path / "k.csv")
    qtbot.waitUntil(lambda: window.snapshot.spec.outputs == 4 and len(window.snapshot.X) == 4, timeout=5000)
    assert window.cfg.classes == 4 and window.snapshot.y[:, 0].tolist() == [0, 3, 1, 2]
    write_points_csv(tmp_path / "r.csv", X, [[0.25], [-1.5], [0.0], [2.0]], regression=True)
    assert window.file_menu.import_points_from(tmp_path / "r.csv")
    qtbot.waitUntil(lambda: window.snapshot.config.task == "regression"
                    and window.snapshot.y[1, 0] == -1.5, timeout=5000)
    assert window.file_menu.export_points_to(tmp_path / "back.csv")
    assert (tmp_path / "back.csv").read_text().splitlines()[0] == "x1,x2,target"


@pytest.mark.parametrize("problem", [dict(dataset="blobs", **tasks.defaults_for("classification", 4)),
                                     dict(dataset="multi-gauss", **tasks.defaults_for("regression", 2))])
def test_the_windows_gradient_check_passes_on_k_class_and_regression_snapshots(problem):
    from backprop_lab.gui.gradcheck_panel import check_snapshot
    cfg = TrainConfig(n_points=30, hidden=(5,), activation="tanh", **problem)
    from backprop_lab.model import Trainer, make_data
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(20)
    r = check_snapshot(tr.snapshot())
    assert r.passed and len(r.analytic) == tr.network.n_params


@pytest.mark.parametrize("problem", [dict(dataset="blobs", **tasks.defaults_for("classification", 5)),
                                     dict(dataset="multi-gauss", **tasks.defaults_for("regression", 2))])
def test_every_view_draws_k_class_and_regression_snapshots(qtbot, problem):
    from backprop_lab.model import Trainer, make_data
    from backprop_lab.gui.views.hidden_space import HiddenSpaceView
    from backprop_lab.gui.views.lab_figure import GroundTruthView
    from backprop_lab.gui.views.network_diagram import NetworkDiagram
    from backprop_lab.gui.views.weights import WeightsView
    cfg = TrainConfig(n_points=60, hidden=(2,), activation="tanh", test_fraction=0.2, **problem)
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(5)
    snap = tr.snapshot()
    for cls in (HiddenSpaceView, NetworkDiagram, WeightsView, GroundTruthView):
        view = cls()
        qtbot.addWidget(view)
        view.show()
        view.set_snapshot(snap)                   # labels 2 .. 4 and float targets have colours too
    hidden = HiddenSpaceView()
    qtbot.addWidget(hidden)
    hidden.show()
    hidden.set_snapshot(snap)
    assert len(hidden.scatter.data) == len(snap.X)


def test_inspect_mode_steps_a_three_class_epoch_through_the_softmax_and_applies_it(qtbot, make_window):
    from backprop_lab.model import Trainer
    from backprop_lab.model.examples import EXAMPLES
    window = make_window(EXAMPLES["three-spirals"].config.replace(n_points=30))
    window.session.step(5)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 5, timeout=5000)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_I)
    mode = window.inspect_mode
    qtbot.waitUntil(lambda: mode.panel.trace is not None and not mode._pending, timeout=5000)
    panel = mode.panel
    texts = []
    for _ in range(len(panel.trace.phases) - 1):
        qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
        texts.append(panel.trace.describe(panel.phase))
    assert any("J = diag(p) − p·pᵀ" in t or "p − onehot" in t for t in texts)
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 6 and not mode._pending, timeout=5000)
    assert mode.apply_matched is True
    plain = Trainer(window.cfg, *window.data.arrays)
    plain.run(6)
    assert np.array_equal(plain.network.theta, window.snapshot.theta)
