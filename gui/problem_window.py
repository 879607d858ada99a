"""What the window adds for K classes and regression: the Problem control's wiring, the
keys 0–9 that pick the class a click adds, regression clicks and the mouse wheel's
target, and the live confusion-matrix tab."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from backprop_lab.gui.views.confusion import ConfusionMatrixView


def install_problem(window):
    """Wire the Problem section to the map and the data; add the Confusion tab. Returns the tab."""
    section, dm = window.controls.problem, window.views["decisionMap"]
    section.sigAddClass.connect(dm.set_add_class)
    section.sigAddTarget.connect(dm.set_add_target)
    dm.view_box.sigWheel.connect(section.step_target)
    dm.sigAddTarget.connect(partial(_add_target, window))
    for k in range(10):
        shortcut = QShortcut(QKeySequence(str(k)), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(partial(_pick, window, k))
    _dataset_tips(window.controls.data.dataset)
    confusion = ConfusionMatrixView()
    window.views["confusionView"] = confusion          # drawn with the others while shown
    window.tabs.addTab(confusion, QCoreApplication.translate("ProblemWindow", "Confusion"))
    window.tabs.setTabToolTip(window.tabs.indexOf(confusion),
                              QCoreApplication.translate("ProblemWindow", "True class against predicted class, live (classification)"))
    section.load(window.cfg)                           # tell the map what a click adds now
    section.announce()
    return confusion


def _dataset_tips(box):
    """Tooltips for the K-class and regression data sets in the Data set list."""
    tips = {"blobs": QCoreApplication.translate("ProblemWindow", "K round Gaussian clusters, one per class (Problem: K classes)"),
            "plane": QCoreApplication.translate("ProblemWindow", "Regression: y = 0.6·(x1 + x2), TensorFlow Playground's plane"),
            "multi-gauss": QCoreApplication.translate("ProblemWindow", "Regression: six bumps of height ±1, TensorFlow Playground's multi-gaussian")}
    for name, tip in tips.items():
        i = box.findText(name)
        if i >= 0:
            box.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)


def _pick(window, k: int):
    section = window.controls.problem
    if window.cfg.task == "classification" and window.cfg.classes == 2:
        button = window.controls.data.class_group.button(k)
        if button is not None:                         # two classes: the Data section's picker
            button.click()
        return
    section.pick_class(k)
    if k < window.cfg.classes and window.cfg.task == "classification":
        window.statusBar().showMessage(QCoreApplication.translate("ProblemWindow", "A click now adds class {k}.").format(k=k), 3000)


def _add_target(window, x: float, y: float, value: float):
    try:
        window.data.add_target(x, y, value)
    except ValueError as e:
        window.statusBar().showMessage(QCoreApplication.translate("ProblemWindow", "Point not added: {e}").format(e=e), 5000)
