"""Inspect mode, the gradient-check tab and the hidden-space tab, through the real MainWindow."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QAbstractButton, QSplitter

from backprop_lab.gui.analysis_tabs import ThrottledHiddenSpace
from backprop_lab.gui.views.decision_map import DecisionMapView
from backprop_lab.gui.views.diagram_highlight import FADED, value_text
from backprop_lab.gui.views.network_diagram import NetworkDiagram
from backprop_lab.model import TrainConfig, Trainer, datasets
from backprop_lab.model.inspect import Phase, trace_epoch
from backprop_lab.model.network import Network

WAIT = 5000


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    window.activateWindow()
    qtbot.keyClick(window, key, modifier)


def enter_inspect(qtbot, window):
    press(qtbot, window, Qt.Key.Key_I)
    mode = window.inspect_mode
    qtbot.waitUntil(lambda: mode.panel.trace is not None and not mode._pending, timeout=WAIT)
    return mode


def step_live(qtbot, window, n):
    target = window.snapshot.epoch + n
    window.session.step(n)
    qtbot.waitUntil(lambda: window.snapshot.epoch == target, timeout=WAIT)


def map_click(qtbot, window, x, y, button=Qt.MouseButton.LeftButton):
    """A real mouse click on the decision map at data coordinates (x, y)."""
    gv = window.views["decisionMap"].findChild(pg.GraphicsView)
    pos = gv.mapFromScene(gv.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(gv.viewport(), button, Qt.KeyboardModifier.NoModifier, pos)


# --- inspect mode in the window ------------------------------------------------------------
def test_key_i_pauses_training_and_traces_the_next_epoch_of_a_copy_of_the_live_trainer(qtbot, window):
    qtbot.mouseClick(window.findChild(QAbstractButton, "playButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.snapshot.epoch > 50, timeout=WAIT)
    mode = enter_inspect(qtbot, window)
    assert mode.active and mode.action.isChecked() and mode.dock.isVisible()
    assert not window._running
    qtbot.wait(200)                       # paused: no epoch follows
    snap = window.snapshot
    copy = mode.panel.trainer
    assert copy is not window.session.worker.trainer
    assert copy.epoch == snap.epoch and mode.panel.trace.epoch == snap.epoch + 1
    assert np.array_equal(copy.network.theta, snap.theta)
    assert window.views["networkView"].isVisible() and window.views["decisionMap"].isVisible()


def test_a_map_click_while_inspecting_picks_the_nearest_training_point_and_adds_none(qtbot, window):
    mode = enter_inspect(qtbot, window)
    X = window.snapshot.X
    target = 7
    map_click(qtbot, window, X[target, 0] + 0.02, X[target, 1] - 0.02)
    qtbot.waitUntil(lambda: mode.panel.sample == target, timeout=WAIT)
    assert mode.panel.trace.sample == target
    assert window.views["decisionMap"].marked == target
    assert np.array_equal(window.views["decisionMap"].mark_item.getData()[0], [X[target, 0]])
    qtbot.wait(200)
    assert len(window.data.X) == len(X) and len(window.snapshot.X) == len(X)
    qtbot.mouseClick(mode.whole_batch, Qt.MouseButton.LeftButton)
    assert mode.panel.sample is None and window.views["decisionMap"].marked is None


def test_backward_output_phase_shows_the_engines_delta_for_the_output_node(qtbot, window):
    step_live(qtbot, window, 25)
    mode = enter_inspect(qtbot, window)
    sample = 3
    mode.panel.set_sample(sample)
    out = len(window.snapshot.spec.sizes) - 2               # engine index of the output layer
    mode.panel.set_phase(mode.panel.trace.phases.index(("backward", out, 0)))
    # the engine on this one point: its dL/db of the output layer is δ_out
    net = Network(window.snapshot.spec)
    net.theta[...] = window.snapshot.theta
    X, y = window.snapshot.X, window.snapshot.y
    _, grads = net.loss_and_gradients(X[sample: sample + 1], y[sample: sample + 1])
    delta = grads[-1][1][0]
    diagram = window.views["networkView"]
    assert diagram.highlight.column == out + 1
    (label,) = diagram.highlight.labels
    assert label.value == pytest.approx(delta, rel=1e-12)
    assert label.text == value_text("δ", delta)
    out_row = mode.panel.nodes.rowCount() - 1
    assert float(mode.panel.nodes.item(out_row, 4).text().replace("−", "-")) == pytest.approx(delta, rel=1e-3)


def test_stepping_all_phases_then_apply_advances_one_epoch_exactly_as_a_plain_trainer(qtbot, window):
    step_live(qtbot, window, 40)
    mode = enter_inspect(qtbot, window)
    panel = mode.panel
    for _ in range(len(panel.trace.phases) - 1):
        press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert panel.phase.kind == "update"
    traced_after = panel.trace.theta_after.copy()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 41 and panel.trace.epoch == 42
                    and not mode._pending, timeout=WAIT)
    assert mode.apply_matched is True
    assert np.array_equal(window.snapshot.theta, traced_after)
    plain = Trainer(window.cfg, *window.data.arrays)
    plain.run(41)
    assert np.array_equal(plain.network.theta, window.snapshot.theta)
    qtbot.wait(200)
    assert window.snapshot.epoch == 41                    # exactly one epoch, then paused


def test_leaving_inspect_mode_then_play_trains_on_and_clicks_add_points_again(qtbot, window):
    mode = enter_inspect(qtbot, window)
    mode.panel.apply_epoch()
    qtbot.waitUntil(lambda: window.snapshot.epoch == 1 and not mode._pending, timeout=WAIT)
    press(qtbot, window, Qt.Key.Key_I)
    assert not mode.active and not mode.dock.isVisible() and mode.panel.trainer is None
    assert diagram_is_plain(window)
    qtbot.mouseClick(window.findChild(QAbstractButton, "playButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.snapshot.epoch > 100, timeout=WAIT)
    map_click(qtbot, window, 0.5, 0.5, Qt.MouseButton.RightButton)
    qtbot.waitUntil(lambda: len(window.data.X) == 22, timeout=WAIT)


def diagram_is_plain(window) -> bool:
    d = window.views["networkView"]
    return (d.highlight.info is None and not d.highlight.labels
            and all(item.opacity() == 1.0 for item in d.edge_items))


def test_play_while_inspecting_leaves_inspect_mode(qtbot, window):
    mode = enter_inspect(qtbot, window)
    mode.panel.set_phase(3)
    qtbot.mouseClick(window.findChild(QAbstractButton, "playButton"), Qt.MouseButton.LeftButton)
    assert not mode.active and not mode.action.isChecked()
    assert diagram_is_plain(window) and not window.views["decisionMap"].pick_mode
    qtbot.waitUntil(lambda: window.snapshot.epoch > 20, timeout=WAIT)


def test_closing_while_inspecting_leaves_the_mode_and_gives_the_curves_their_height_back(qtbot, window):
    # The designed height: on the offscreen 800 × 800 screen the window opens 736 px
    # tall, and with the dock open both view rows would sit at their minimum height.
    window.resize(window.width(), 960)
    qtbot.wait(50)
    split = window.findChild(QSplitter, "viewSplitter")
    before = split.sizes()
    mode = enter_inspect(qtbot, window)
    qtbot.wait(50)
    top, bottom = split.sizes()
    assert top / (top + bottom) > before[0] / sum(before)   # the curves give up height first
    window.close()
    top, bottom = split.sizes()
    assert not mode.active and top / (top + bottom) == pytest.approx(before[0] / sum(before), abs=0.01)


def test_step_while_inspecting_traces_the_new_live_state(qtbot, window):
    mode = enter_inspect(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Right)                 # the toolbar's Step
    qtbot.waitUntil(lambda: mode.panel.trace.epoch == 2 and not mode._pending, timeout=WAIT)
    # the window draws a frame in turns (gui/frame_pacer.py): wait for its last one
    qtbot.waitUntil(lambda: window.pacer.pending is None, timeout=WAIT)
    assert mode.active
    assert np.array_equal(mode.panel.trainer.network.theta, window.snapshot.theta)


@pytest.mark.parametrize("change", [dict(lr=0.5), dict(hidden=(3,))])
def test_a_setting_changed_while_inspecting_is_traced_from_a_fresh_copy(qtbot, window, change):
    mode = enter_inspect(qtbot, window)
    mode.panel.set_phase(2)
    window.session.set_config(window.cfg.replace(**change))     # what the controls send
    qtbot.waitUntil(lambda: not mode._pending and mode.panel.trainer is not None
                    and all(getattr(mode.panel.trainer.cfg, k) == v for k, v in change.items()),
                    timeout=WAIT)
    assert mode.active and mode.panel.phase_index == 0
    layers = len(mode.panel.trace.layers)
    assert layers == len(window.cfg.replace(**change).hidden) + 1
    mode.panel.set_phase(layers - 1)                            # forward through the output
    qtbot.waitUntil(lambda: window.snapshot.spec.sizes == mode.panel.trace.spec.sizes, timeout=WAIT)
    assert window.views["networkView"].highlight.column == layers


# --- the two tabs ---------------------------------------------------------------------------
def show_tab(window, name):
    view = window.views[name]
    window.tabs.setCurrentWidget(view)
    return view


def test_gradient_check_tab_passes_with_one_row_per_parameter_while_paused(qtbot, window):
    panel = show_tab(window, "gradCheckPanel")
    step_live(qtbot, window, 30)
    assert panel.snapshot.epoch == 30
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert panel.verdict.text().startswith("PASS")
    n_params = len(window.snapshot.theta)
    assert n_params == 37 and panel.table.rowCount() == n_params


def test_hidden_space_tab_draws_the_last_hidden_layer_of_the_newest_snapshot(qtbot, window):
    view = show_tab(window, "hiddenSpaceView")
    step_live(qtbot, window, 10)
    qtbot.waitUntil(lambda: view.snapshot.epoch == 10, timeout=WAIT)
    assert view.layer == 1
    assert len(view.polylines) == 30 and view.point_xy.shape == (len(window.snapshot.X), 2)
    A = window.snapshot.layer_outputs(window.snapshot.X)[1][1]
    assert view.pca_box.isChecked()                 # 4 units: the first two principal components
    mean, axes, _ = view.pca
    assert np.allclose(view.point_xy, (A - mean) @ axes.T)


def test_hidden_tabs_are_skipped_while_drawing(qtbot, window):
    show_tab(window, "weightsView")
    step_live(qtbot, window, 3)
    assert window.views["hiddenSpaceView"].snapshot is None


def test_hidden_space_redraws_at_most_every_gap_and_always_ends_on_the_newest(qtbot):
    view = ThrottledHiddenSpace(gap_s=0.3)
    qtbot.addWidget(view)
    tr = _trained()
    for _ in range(10):                       # ten snapshots in a burst, as while training
        tr.step()
        view.set_snapshot(tr.snapshot())
    assert view.redraws == 1 and view.snapshot.epoch == 6
    qtbot.waitUntil(lambda: view.redraws == 2, timeout=2000)
    assert view.snapshot.epoch == 15
    qtbot.wait(400)
    assert view.redraws == 2


# --- the diagram's highlight and the map's pick mode, alone ----------------------------------
def _trained(hidden=(3, 2), **kw):
    X, y = datasets.xor_easy()
    tr = Trainer(TrainConfig(hidden=hidden, **kw), X, y)
    tr.run(5)
    return tr


def _diagram(qtbot, tr):
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.set_snapshot(tr.snapshot())
    return d


def test_highlight_marks_the_column_labels_each_unit_and_shows_the_phase_edges(qtbot):
    tr = _trained()
    d = _diagram(qtbot, tr)
    trace = trace_epoch(tr, sample=2)
    info = trace.info(Phase("backward", 1, 0))
    d.set_phase_highlight(info)
    assert d.highlight.column == 2
    assert [l.value for l in d.highlight.labels] == pytest.approx(list(info["values"]))
    src, dst, w_index = d.edge_tables[1]
    assert np.array_equal(d.edge_items[1].values, info["edges"].ravel()[w_index])
    assert [item.opacity() for item in d.edge_items] == [FADED, 1.0, FADED]
    d.set_snapshot(tr.snapshot())                          # a new snapshot keeps the marks
    assert np.array_equal(d.edge_items[1].values, info["edges"].ravel()[w_index])
    d.set_phase_highlight(None)
    assert not d.highlight.labels and [i.opacity() for i in d.edge_items] == [1.0] * 3
    W = tr.snapshot().params[1][0]
    assert np.array_equal(d.edge_items[1].values, W.ravel()[w_index])


def test_update_highlight_colours_every_edge_by_its_step_and_labels_the_bias_steps(qtbot):
    tr = _trained()
    d = _diagram(qtbot, tr)
    trace = trace_epoch(tr)
    info = trace.info(trace.phases[-1])
    d.set_phase_highlight(info)
    for l, (dW, _) in enumerate(info["update"]):
        assert np.array_equal(d.edge_items[l].values, dW.ravel()[d.edge_tables[l][2]])
    assert len(d.highlight.labels) == 3 + 2 + 1
    assert d.highlight.labels[0].text.startswith("Δb=")


def test_highlight_survives_a_rebuild_of_the_diagram_for_a_new_shape(qtbot):
    d = _diagram(qtbot, _trained())
    trace = trace_epoch(_trained())
    d.set_phase_highlight(trace.info(Phase("forward", 0, 0)))
    bigger = _trained(hidden=(5,))
    d.set_snapshot(bigger.snapshot())                      # old marks: fitted or dropped, no error
    d.set_phase_highlight(trace_epoch(bigger).info(Phase("forward", 0, 0)))
    assert len(d.highlight.labels) == 5 and d.highlight.column == 1


def test_pick_mode_map_click_emits_the_nearest_point_and_never_adds(qtbot):
    view = DecisionMapView()
    qtbot.addWidget(view)
    view.set_snapshot(_trained().snapshot())
    picked, added = [], []
    view.sigPickSample.connect(picked.append)
    view.sigAddPoint.connect(lambda *a: added.append(a))
    view.set_pick_mode(True)
    x, y = view._X[4]
    view.view_box.sigPlaneClicked.emit(x + 0.01, y, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.view_box.sigPlaneClicked.emit(x, y, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier)
    assert picked == [4, 4] and added == []
    view.set_pick_mode(False)
    view.view_box.sigPlaneClicked.emit(x, y, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert picked == [4, 4] and len(added) == 1
