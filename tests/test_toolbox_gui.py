"""The training toolbox in the window: its controls edit the config, the lr shows live
and under the loss curve, the clipped share in the Gradient norms tab, the activation
plot draws every new activation, early stopping is reported."""
import re

import numpy as np
import pytest
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QSpinBox

from backprop_lab.model import activations


def _cfg(window):
    return window.controls.cfg


def _wait_cfg(qtbot, window, **fields):
    qtbot.waitUntil(lambda: all(getattr(window.session.worker.trainer.cfg, k) == v
                                for k, v in fields.items()), timeout=5000)


def test_schedule_controls_show_their_parameters_and_edit_the_config(qtbot, window):
    combo = window.findChild(QComboBox, "lrScheduleCombo")
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "constant", "step", "exponential", "cosine", "cyclic", "one_cycle"]
    period = window.findChild(QSpinBox, "lrPeriodSpin")
    assert not period.isVisibleTo(window)
    combo.setCurrentText("cosine")
    assert _cfg(window).lr_schedule == "cosine"
    assert period.isVisibleTo(window) and window.findChild(QDoubleSpinBox, "lrMinSpin").isVisibleTo(window)
    assert not window.findChild(QDoubleSpinBox, "lrDecaySpin").isVisibleTo(window)
    period.setValue(20)
    assert _cfg(window).lr_period == 20
    assert "cos" in combo.itemData(3, 3)                      # the item's tooltip is its formula


def test_lr_is_shown_live_and_plotted_under_the_loss(qtbot, window):
    label = window.findChild(QLabel, "lrLabel")
    strip = window.toolbox_views.lr_strip
    assert label.text() == "lr 0.1" and not strip.isVisible()
    window.findChild(QComboBox, "lrScheduleCombo").setCurrentText("step")
    window.findChild(QSpinBox, "lrPeriodSpin").setValue(5)
    _wait_cfg(qtbot, window, lr_schedule="step", lr_period=5)
    window.session.step(12)
    qtbot.waitUntil(lambda: window.snapshot.epoch == 12, timeout=5000)
    qtbot.waitUntil(lambda: label.text() == "lr 0.025", timeout=3000)   # epoch 13: 0.1·0.5²
    assert strip.isVisible()
    x, y = strip.curve.getData()
    np.testing.assert_allclose(y, [0.1] * 5 + [0.05] * 5 + [0.025] * 2)
    assert list(x) == list(range(1, 13))


def test_dropout_boxes_follow_the_hidden_layers(qtbot, window):
    spins = [window.findChild(QDoubleSpinBox, f"dropoutSpin{i}") for i in range(3)]
    assert spins[0].isVisibleTo(window) and spins[1].isVisibleTo(window)
    assert not spins[2].isVisibleTo(window)
    spins[1].setValue(0.3)
    assert _cfg(window).dropout == (0.0, 0.3)
    window.findChild(QSpinBox, "layersSpin").setValue(3)          # a new layer takes the last rate
    assert _cfg(window).hidden == (4, 4, 4) and _cfg(window).dropout == (0.0, 0.3, 0.3)
    for s in spins:
        s.setValue(0.0)
    assert _cfg(window).dropout == ()


def test_clipped_share_is_shown_in_the_gradient_norms_tab(qtbot, window):
    window.findChild(QDoubleSpinBox, "clipNormSpin").setValue(0.001)
    _wait_cfg(qtbot, window, clip_norm=0.001)
    window.tabs.setCurrentWidget(window.views["gradNormPlot"])
    window.session.step(5)
    readout = window.toolbox_views.clip
    qtbot.waitUntil(lambda: "100 % of the steps of the last 5 epochs" in readout.text(),
                    timeout=5000)
    assert readout.isVisible()


@pytest.mark.parametrize("name", ["elu", "softplus", "gelu", "silu", "softsign"])
def test_each_new_activation_is_offered_and_drawn_with_its_derivative(qtbot, window, name):
    combo = window.findChild(QComboBox, "activationCombo")
    combo.setCurrentText(name)
    assert _cfg(window).activation == name
    view = window.views["activationView"]
    act = activations.get(name)
    assert view.activation.name == name and act.formula in view.plot.titleLabel.text
    z, df = view.df_curve.getData()
    np.testing.assert_allclose(df, act.slope(z))
    outputs = window.findChild(QComboBox, "outputCombo")
    offered = [outputs.itemText(i) for i in range(outputs.count())]
    assert (name in offered) == (act.derivative_from == "a")


def test_elu_alpha_row_appears_with_elu(qtbot, window):
    alpha = window.findChild(QDoubleSpinBox, "eluAlphaSpin")
    assert not alpha.isVisibleTo(window)
    window.findChild(QComboBox, "activationCombo").setCurrentText("elu")
    assert alpha.isVisibleTo(window)
    alpha.setValue(2.0)
    assert _cfg(window).elu_alpha == 2.0
    _, f = window.views["activationView"].f_curve.getData()
    assert f[0] == pytest.approx(2.0 * (np.exp(-5) - 1))


def test_early_stop_is_reported_and_play_then_explains(qtbot, window):
    window.findChild(QSpinBox, "testSplitSpin").setValue(50)
    window.findChild(QSpinBox, "earlyStoppingSpin").setValue(3)
    window.findChild(QComboBox, "optimizerCombo").setCurrentText("adam")
    window.findChild(QSpinBox, "maxEpochsSpin").setValue(100_000)
    _wait_cfg(qtbot, window, early_stopping=3, optimizer="adam")
    window.session.play()
    qtbot.waitUntil(lambda: window.snapshot is not None and window.snapshot.status == "early_stopped",
                    timeout=20000)
    qtbot.waitUntil(lambda: "early stop" in window.statusBar().currentMessage(), timeout=3000)
    window.session.play()
    qtbot.waitUntil(lambda: "Stopped early" in window.statusBar().currentMessage(), timeout=3000)
    assert re.search(r"epoch \d+", window.statusBar().currentMessage())


def test_experiments_grid_takes_lr_schedules_as_an_axis():
    from backprop_lab.gui.sweep_grid import GridError, parse_grid
    from backprop_lab.model import TrainConfig
    base = TrainConfig(max_epochs=100)
    grid = parse_grid(base, {"lr": "0.1", "lr_schedule": "constant, cosine"}, layers=2,
                      datasets=["linear"], one_at_a_time=False, budget=100)
    assert grid.axes == ("lr_schedule",)
    assert [c.lr_schedule for c in grid.configs] == ["constant", "cosine"]
    with pytest.raises(GridError, match="LR schedules"):
        parse_grid(base, {"lr_schedule": "warmup"}, layers=2, datasets=["linear"],
                   one_at_a_time=False, budget=100)


def test_lr_strip_shows_only_when_the_lr_changes_and_starts_over_with_a_new_run():
    from types import SimpleNamespace
    from backprop_lab.gui.views.toolbox_views import LrChanges
    from backprop_lab.model import TrainConfig

    def snap(lrs, schedule="constant"):
        return SimpleNamespace(config=TrainConfig(lr_schedule=schedule),
                               history=SimpleNamespace(lr=np.array(lrs, float)))
    changes = LrChanges()
    assert not changes(snap([0.1] * 5))
    assert not changes(snap([0.1] * 8))
    assert changes(snap([0.1] * 8 + [0.2]))                    # the lr was changed mid-run
    assert changes(snap([0.1] * 8 + [0.2, 0.2]))
    assert not changes(snap([0.1] * 3))                        # reset: a new run
    assert not changes(snap([0.5] * 4))                        # another lr from the start
    assert changes(snap([0.5], schedule="cosine"))
