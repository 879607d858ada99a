"""Screen readers get a name for every control ("Learning rate") and a description
of what each view shows ("Classification map: 21 training points, 19 correct")."""
from PySide6.QtWidgets import QWidget

from backprop_lab.gui.accessibility import describe, is_control, name_controls


def unnamed_controls(root):
    return [(type(w).__name__, w.objectName()) for w in root.findChildren(QWidget)
            if is_control(w) and not w.accessibleName() and w.isVisibleTo(root)]


def test_every_control_of_the_window_has_a_name(window):
    assert not unnamed_controls(window)
    lr = window.findChild(QWidget, "lrEdit")
    assert lr.accessibleName() == "Learning rate" and lr.text() == "0.1"
    assert "η" in lr.accessibleDescription()                 # the tooltip, with the formula
    assert window.findChild(QWidget, "layersSpin").accessibleName() == "Hidden layers"


def test_every_control_of_the_experiments_dialog_is_named_once_shown(window, qtbot):
    dialog = window.experiments.open()
    try:
        window.accessibility.refresh()
        assert not unnamed_controls(dialog)
    finally:
        dialog.close()


def test_views_describe_what_they_show_after_training(window, qtbot):
    window.session.step(50)
    qtbot.waitUntil(lambda: window.snapshot is not None and window.snapshot.epoch == 50, timeout=10000)
    window.accessibility.refresh()
    snap = window.snapshot
    correct = int(round(snap.last["accuracy"] * len(snap.X)))

    view = window.views["decisionMap"]
    assert view.accessibleName() == "Classification map"
    assert view.accessibleDescription() == f"Classification map: 21 training points, {correct} correct"
    assert "layers 2-4-4-1, activation sigmoid, epoch 50" in window.views["networkView"].accessibleDescription()
    assert window.views["lossPlot"].accessibleDescription().startswith("Loss curves: epoch 50, training loss ")


def test_the_names_come_from_form_labels_buttons_or_tooltips(qtbot):
    from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    edit, button, bare = QLineEdit(), QPushButton("&Run"), QLineEdit()
    bare.setToolTip("Epoch budget: how long a trial may train")
    form.addRow("Noise:", edit)
    form.addRow(button)
    form.addRow(bare)
    assert name_controls(root) == 3
    assert (edit.accessibleName(), button.accessibleName(), bare.accessibleName()) == \
        ("Noise", "Run", "Epoch budget")
    assert bare.accessibleDescription() == "Epoch budget: how long a trial may train"


def test_describe_handles_a_run_with_no_epoch_yet(window):
    snap = window.snapshot
    assert describe("decisionMap", snap) == "21 training points, – correct"


def test_a_regression_is_described_by_r2_and_mae_not_correct_points():
    from backprop_lab.model import TrainConfig, Trainer
    from backprop_lab.model.trainer import make_data
    cfg = TrainConfig(task="regression", dataset="plane", output_activation="none", loss="mse",
                      n_points=40, test_fraction=0.25)
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(5)
    snap = tr.snapshot()
    h = snap.history
    scores = (f"R² {h.accuracy[-1]:.3g}, mean absolute error {h.mae[-1]:.3g}; "
              f"test R² {h.test_accuracy[-1]:.3g}, mean absolute error {h.test_mae[-1]:.3g}")
    assert describe("decisionMap", snap) == f"30 training points, {scores}"
    assert describe("accuracyPlot", snap) == f"epoch 5, training {scores}"
