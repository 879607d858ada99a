"""InspectPanel, GradCheckPanel and HiddenSpaceView, offscreen with real trainers."""
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from backprop_lab.gui import gradcheck_panel as gcp
from backprop_lab.gui.gradcheck_panel import GradCheckPanel
from backprop_lab.gui.inspect_panel import InspectPanel
from backprop_lab.gui.views.hidden_space import GRID_LINES, LINE_POINTS, HiddenSpaceView
from backprop_lab.model import TrainConfig, Trainer, datasets
from backprop_lab.model.inspect import clone_trainer
from backprop_lab.model.network import Network


def _trainer(**kw):
    X, y = datasets.xor_easy()
    kw.setdefault("hidden", (3, 2))
    return Trainer(TrainConfig(**kw), X, y)


def _panel(qtbot, trainer):
    panel = InspectPanel()
    qtbot.addWidget(panel)
    panel.set_trainer(trainer)
    return panel


# --- InspectPanel ---------------------------------------------------------------------
@pytest.mark.parametrize("kw", [dict(), dict(batch_size=6, optimizer="adam", lr=0.05)])
def test_stepping_through_every_phase_and_applying_equals_a_normal_step(qtbot, kw):
    plain, inspected = _trainer(**kw), _trainer(**kw)
    panel = _panel(qtbot, inspected)
    phases = []
    panel.sigPhaseChanged.connect(lambda info: phases.append((info["kind"], info["layer"])))
    for _ in range(2):                       # two epochs in a row, each fully stepped
        n = len(panel.trace.phases)
        for _ in range(n - 1):
            qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
        assert not panel.next_button.isEnabled() and panel.phase.kind == "update"
        for _ in range(n - 1):
            panel.previous_phase()
        assert panel.phase_index == 0 and not panel.prev_button.isEnabled()
        for _ in range(n - 1):
            panel.next_phase()
        with qtbot.waitSignal(panel.sigApplied):
            qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
        plain.step()
        assert np.array_equal(inspected.network.theta, plain.network.theta)
    assert ("backward", 0) in phases and ("loss", 2) in phases


def test_phase_signal_carries_the_layer_and_the_traced_node_values(qtbot):
    panel = _panel(qtbot, _trainer(loss="bce"))
    panel.set_sample(4)
    got = []
    panel.sigPhaseChanged.connect(got.append)
    panel.set_phase(panel.trace.phases.index(("backward", 2, 0)))
    info = got[-1]
    bt = panel.trace.batches[0]
    assert info["kind"] == "backward" and info["layer"] == 2 and info["sample"] == 4
    assert np.array_equal(info["values"], bt.sample_delta[2])
    assert info["values"][0] == pytest.approx(bt.a[-1][bt.row, 0] - bt.y[bt.row, 0])


def test_node_table_fills_delta_only_once_backward_reaches_the_layer(qtbot):
    panel = _panel(qtbot, _trainer())
    delta_col = 4
    first_hidden_row = 2                      # rows: 2 inputs, then layer 1's units

    def delta_text():
        return panel.nodes.item(first_hidden_row, delta_col).text()
    panel.set_phase(panel.trace.phases.index(("backward", 1, 0)))
    assert delta_text() == ""
    panel.next_phase()                        # backward through layer 1 (engine index 0)
    assert delta_text() != ""
    assert panel.nodes.item(first_hidden_row, 0).background().color().name() == "#fff3b0"


def test_keyboard_shortcuts_step_phases(qtbot):
    panel = _panel(qtbot, _trainer())
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel, timeout=3000)
    panel.next_button.setFocus()
    qtbot.keyClick(panel.next_button, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.next_button, Qt.Key.Key_Period)
    assert panel.phase_index == 2
    qtbot.keyClick(panel.next_button, Qt.Key.Key_Comma)
    assert panel.phase_index == 1


def test_sample_spin_and_set_sample_switch_between_sample_and_batch_terms(qtbot):
    panel = _panel(qtbot, _trainer())
    panel.set_sample(7)
    assert panel.sample_spin.value() == 7 and panel.trace.sample == 7
    assert "sample 7" in panel.formula.text()
    panel.sample_spin.setValue(-1)
    assert panel.trace.sample is None and "whole batch" in panel.formula.text()


def test_panel_on_a_clone_leaves_the_original_trainer_alone(qtbot):
    live = _trainer()
    before = live.network.theta.copy()
    panel = _panel(qtbot, clone_trainer(live))
    panel.apply_epoch()
    assert np.array_equal(live.network.theta, before) and live.epoch == 0
    live.step()                                 # what the worker does on sigApplied
    assert np.array_equal(live.network.theta, panel.trainer.network.theta)


# --- GradCheckPanel ----------------------------------------------------------------------
def _checked_panel(qtbot, trainer):
    panel = GradCheckPanel()
    qtbot.addWidget(panel)
    panel.set_snapshot(trainer.snapshot())
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    return panel


def test_gradcheck_passes_with_one_row_per_parameter_and_the_networks_gradient(qtbot):
    tr = _trainer(loss="bce", activation="tanh")
    tr.run(10)
    panel = _checked_panel(qtbot, tr)
    assert panel.verdict.text().startswith("PASS")
    assert panel.table.rowCount() == tr.network.n_params
    _, grads = tr.network.loss_and_gradients(tr.X, tr.y)
    flat = np.concatenate([np.concatenate([dW.ravel(), db]) for dW, db in grads])
    shown = [panel.table.item(r, 2).value for r in range(panel.table.rowCount())]
    assert np.allclose(shown, flat, rtol=1e-12, atol=1e-15)


def test_gradcheck_table_sorts_by_relative_error(qtbot):
    tr = _trainer()
    tr.run(5)
    panel = _checked_panel(qtbot, tr)
    panel.table.sortItems(4, Qt.SortOrder.DescendingOrder)
    errs = [panel.table.item(r, 4).value for r in range(panel.table.rowCount())]
    assert errs == sorted(errs, reverse=True) and errs[0] == panel.result.max_rel_error


def test_gradcheck_flags_a_wrong_gradient_as_fail(qtbot, monkeypatch):
    tr = _trainer()
    real = gcp.check_gradients

    def broken(net, X, y, **kw):             # a backprop bug: the analytic side off by 10 %
        net.backward = lambda ws, y, _b=net.backward: (_b(ws, y), net.grad.__imul__(1.1))
        return real(net, X, y, **kw)
    monkeypatch.setattr(gcp, "check_gradients", broken)
    panel = _checked_panel(qtbot, tr)
    assert panel.verdict.text().startswith("FAIL")


def test_large_networks_check_a_random_subset_and_say_so(qtbot, monkeypatch):
    monkeypatch.setattr(gcp, "FULL_CHECK_LIMIT", 20)
    monkeypatch.setattr(gcp, "SUBSET_SIZE", 12)
    tr = _trainer(hidden=(4, 4))
    panel = _checked_panel(qtbot, tr)
    assert panel.table.rowCount() == 12 and "subset of 12" in panel.note.text()
    assert panel.result.passed


def test_subset_check_agrees_with_the_full_check_on_those_parameters():
    tr = _trainer(activation="relu")
    tr.run(5)
    net = Network(tr.network.spec)
    net.theta[...] = tr.network.theta
    idx = np.array([0, 5, 11, net.n_params - 1])
    sub = gcp.check_gradients(net, tr.X, tr.y, h=gcp.H, index=idx)
    full = gcp.check_snapshot(tr.snapshot())
    assert np.allclose(sub.numeric, full.numeric[idx], rtol=1e-9, atol=1e-12)
    assert np.array_equal(sub.analytic, full.analytic[idx])


# --- HiddenSpaceView ---------------------------------------------------------------------
def _view(qtbot, trainer):
    view = HiddenSpaceView()
    qtbot.addWidget(view)
    view.set_snapshot(trainer.snapshot())
    return view


def test_hidden_space_draws_the_input_grid_through_layer_outputs(qtbot):
    tr = _trainer(hidden=(3, 2))
    tr.run(20)
    view = _view(qtbot, tr)
    view.choose(layer=0, x_unit=2, y_unit=1)
    assert len(view.polylines) == 2 * GRID_LINES
    assert all(line.shape == (LINE_POINTS, 2) for line in view.polylines)
    A = tr.snapshot().layer_outputs(view.grid_input.reshape(-1, 2))[0][1]
    drawn = np.concatenate(view.polylines)
    assert np.allclose(drawn, A[:, [2, 1]])
    assert np.allclose(view.point_xy, tr.snapshot().layer_outputs(tr.X)[0][1][:, [2, 1]])


def test_hidden_space_pca_axes_are_orthonormal_and_ordered_by_variance(qtbot):
    tr = _trainer(hidden=(4,), activation="tanh")
    tr.run(30)
    view = _view(qtbot, tr)
    view.choose(layer=0, pca=True)
    mean, axes, var = view.pca
    assert np.allclose(axes @ axes.T, np.eye(2), atol=1e-12)
    assert var[0] >= var[1]
    H = tr.snapshot().layer_outputs(tr.X)[0][1]
    proj_var = np.var((H - mean) @ axes.T, axis=0, ddof=1)
    assert np.allclose(proj_var, var)
    # no other direction carries more variance than the first axis
    other = np.random.default_rng(0).normal(size=(50, 4))
    other /= np.linalg.norm(other, axis=1, keepdims=True)
    assert np.all(np.var((H - mean) @ other.T, axis=0, ddof=1) <= var[0] + 1e-12)


def test_hidden_space_one_unit_layer_plots_against_zeros(qtbot):
    view = _view(qtbot, _trainer(hidden=(1,)))
    assert np.all(np.concatenate(view.polylines)[:, 1] == 0)
    assert np.all(view.point_xy[:, 1] == 0)


def test_hidden_space_without_hidden_layers_shows_nothing(qtbot):
    view = _view(qtbot, _trainer(hidden=()))
    assert view.layer == -1 and view.polylines == []


def test_gradcheck_panel_reports_kinks_apart_and_says_why(qtbot):
    from backprop_lab.model import make_data
    from backprop_lab.model.examples import EXAMPLES
    cfg = EXAMPLES["dying-relu"].config          # lr 10: z of dead units sits near the kink
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(30)
    r = gcp.check_snapshot(tr.snapshot())
    assert r.n_kinks >= 1 and r.passed
    panel = _checked_panel(qtbot, tr)
    assert f"{r.n_kinks} kink crossed — not comparable" in panel.verdict.text()
    assert "kink of its ReLU" in panel.note.text()
    texts = [panel.table.item(row, 4).text() for row in range(panel.table.rowCount())]
    assert sum(t.startswith("kink") for t in texts) == r.n_kinks


def test_hidden_space_opens_on_the_most_varied_units_and_names_a_dead_one(qtbot):
    """A deep ReLU net opened on units 0 and 1 of its last layer, both dead: every point at (0, 0)."""
    from backprop_lab.model import make_data
    from backprop_lab.model.examples import EXAMPLES
    cfg = EXAMPLES["deep-relu"].config
    tr = Trainer(cfg, *make_data(cfg))
    tr.run()
    view = _view(qtbot, tr)
    assert view.layer == 5 and view.pca_box.isChecked()         # 16 units: PCA by default
    view.pca_box.setChecked(False)
    A = tr.snapshot().layer_outputs(tr.X)[5][1]
    i, j = view.x_combo.currentIndex(), view.y_combo.currentIndex()
    assert sorted(np.argsort(-A.var(axis=0), kind="stable")[:2]) == [i, j]
    assert np.ptp(view.point_xy, axis=0).min() > 0               # the points are spread out
    dead = int(np.flatnonzero(np.ptp(A, axis=0) == 0)[0])
    view.choose(5, dead, j)
    assert f"unit {dead} — dead" in view.plot.getAxis("bottom").labelText


def test_hidden_space_caption_promises_the_05_line_only_for_two_classes(qtbot):
    from backprop_lab.model import TrainConfig, Trainer, tasks
    from backprop_lab.model.trainer import make_data
    two = _view(qtbot, _trainer(hidden=(2,)))
    assert "0.5" in two.caption.text()
    # a regression with the two-class network's sigmoid output: the same spec, another problem
    cfg = TrainConfig(dataset="plane", n_points=30, hidden=(2,), task="regression", output_activation="sigmoid")
    two.set_snapshot(Trainer(cfg, *make_data(cfg)).snapshot())
    assert "0.5" not in two.caption.text() and "targets" in two.caption.text()
    cfg = TrainConfig(dataset="blobs", n_points=30, hidden=(2,), **tasks.defaults_for("classification", 3))
    three = _view(qtbot, Trainer(cfg, *make_data(cfg)))
    assert "0.5" not in three.caption.text()
