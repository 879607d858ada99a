"""Pin run / Clear pins: one run's curves kept beside the next one's."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from backprop_lab.gui.compare_runs import run_label
from backprop_lab.model.config import TrainConfig


def train(qtbot, w, epochs):
    start = w.snapshot.epoch
    w.session.step(epochs)
    qtbot.waitUntil(lambda: w.snapshot.epoch == start + epochs, timeout=10_000)


def reset(qtbot, w):
    qtbot.keyClick(w, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: w.snapshot.epoch == 0, timeout=5000)


def pins(w, view, part="train"):
    return [p for p in w.views[view].pins if p.pin_part == part]


def test_run_label_is_optimizer_and_lr_plus_the_fields_that_differ():
    sgd = TrainConfig(optimizer="sgd", lr=0.1)
    assert run_label(sgd) == "sgd lr 0.1"
    assert run_label(sgd, [sgd.replace(optimizer="adam", lr=0.01)]) == "sgd lr 0.1"
    wide = sgd.replace(hidden=(8, 8), max_epochs=5)
    assert run_label(wide, [sgd]) == "sgd lr 0.1 hidden 8-8"      # the budget is no difference


def test_sgd_then_adam_from_the_same_initial_weights_both_curves_shown(qtbot, window):
    train(qtbot, window, 150)
    first = window.snapshot.history
    sgd_loss, sgd_acc = np.array(first.loss), np.array(first.accuracy)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(pins(window, "lossPlot")) == 1, timeout=3000)

    window.controls.apply(optimizer="adam", lr=0.01)
    reset(qtbot, window)
    train(qtbot, window, 150)
    second = window.snapshot.history
    assert second.loss[0] == sgd_loss[0]                # epoch 1 from the same initial weights
    assert not np.array_equal(second.loss, sgd_loss)    # and a different run after it
    window.experiments.compare.pin()

    loss_pins, acc_pins = pins(window, "lossPlot"), pins(window, "accuracyPlot")
    assert [p.name() for p in loss_pins] == ["sgd lr 0.1", "adam lr 0.01"]
    assert [p.name() for p in acc_pins] == ["sgd lr 0.1", "adam lr 0.01"]
    x, y = loss_pins[0].getOriginalDataset()
    assert np.array_equal(x, np.arange(1, 151)) and np.array_equal(y, sgd_loss)
    _, acc = acc_pins[0].getOriginalDataset()
    assert np.allclose(acc, 100 * sgd_acc)
    legend = [label.text for _, label in window.views["lossPlot"].legend.items]
    assert legend == ["train", "sgd lr 0.1", "adam lr 0.01"]     # one entry per pin, live run first


def test_earlier_pin_labels_grow_when_a_later_run_differs_in_another_setting(qtbot, window):
    train(qtbot, window, 20)
    window.experiments.compare.pin()
    window.controls.apply(activation="tanh")     # a new network: epoch 0
    qtbot.waitUntil(lambda: window.snapshot.config.activation == "tanh", timeout=3000)
    train(qtbot, window, 20)
    window.experiments.compare.pin()
    assert window.experiments.compare.labels() == ["sgd lr 0.1 activation sigmoid",
                                                   "sgd lr 0.1 activation tanh"]
    assert [p.name() for p in pins(window, "lossPlot")] == [
        "sgd lr 0.1 activation sigmoid", "sgd lr 0.1 activation tanh"]


def test_clear_pins_removes_every_pinned_curve_and_its_legend_entry(qtbot, window):
    train(qtbot, window, 10)
    window.experiments.compare.pin()
    window.experiments.compare.clear_action.trigger()
    for name in ("lossPlot", "accuracyPlot"):
        view = window.views[name]
        assert view.pins == []
        assert [label.text for _, label in view.legend.items] == ["train"]
    assert window.experiments.compare.pinned == []


def test_pin_before_any_epoch_pins_nothing_and_says_why(window):
    assert window.experiments.compare.pin() is None
    assert window.views["lossPlot"].pins == []
    assert "train some epochs first" in window.statusBar().currentMessage()


def test_pin_run_is_in_the_view_menu_and_the_toolbar(window):
    menus = {m.title().replace("&", ""): m for m in window.menuBar().findChildren(QMenu)}
    assert window.experiments.compare.pin_action in menus["View"].actions()
    assert window.toolbar.button("pinRunButton") is not None
    assert window.experiments.action in menus["Experiments"].actions()


def test_the_same_settings_pinned_twice_get_different_names(qtbot, window):
    train(qtbot, window, 20)
    window.experiments.compare.pin()
    train(qtbot, window, 20)
    window.experiments.compare.pin()
    labels = window.experiments.compare.labels()
    assert len(set(labels)) == 2 and all(label.startswith("sgd lr 0.1 (pin ") for label in labels)
    legend = [label.text for _, label in window.views["lossPlot"].legend.items]
    assert legend == ["train", *labels]
