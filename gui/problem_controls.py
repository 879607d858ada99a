"""ProblemSection: the Problem control (two classes / K classes / regression), the class a
click adds (one coloured button per class, keys 0–9) and the regression target a click gives.

Choosing a problem sets the fields that go with it in one edit
(``model.tasks.defaults_for``: softmax + cross-entropy for K classes, a linear
output with MSE for regression) and, where the data set cannot serve the new
problem, a data set that can (the K-arm spiral, the plane).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QRadioButton, QWidget

from backprop_lab.gui.form_rows import Section, combo, dspin, spin
from backprop_lab.gui.views.class_colors import class_color
from backprop_lab.model import datasets, tasks

PROBLEMS = ("two", "classes", "regression")
TARGET_STEP = 0.1          # one wheel step or arrow press on the target box


def problem_of(cfg) -> str:
    if tasks.is_regression(cfg):
        return "regression"
    return "two" if cfg.classes == 2 else "classes"


def problem_fields(cfg, problem: str, K: int) -> dict:
    """The config changes that switch ``cfg`` to ``problem`` (K classes for "classes")."""
    task = "regression" if problem == "regression" else "classification"
    K = 2 if problem != "classes" else max(3, K)
    # a new problem starts with its own output and loss; a new K keeps the loss chosen
    fields = tasks.defaults_for(task, K, cfg.loss if problem_of(cfg) == problem else None)
    fields["classes"] = K if task == "classification" else cfg.classes
    if task == "regression" and cfg.dataset not in datasets.REGRESSION_SETS:
        fields["dataset"] = "plane"
    elif task == "classification" and cfg.dataset in datasets.REGRESSION_SETS:
        fields["dataset"] = "spiral" if K > 2 else "xor-easy"
    elif K > 2 and cfg.dataset not in datasets.MULTICLASS_SETS:
        fields["dataset"] = "spiral"           # the two-class sets have only labels 0 and 1
    return fields


def fields_for_points(cfg, regression: bool, classes: int) -> dict:
    """The config changes an imported points file needs: regression for a target column,
    K classes when its labels go beyond the config's; {} when the config fits it."""
    if regression:
        return {} if tasks.is_regression(cfg) else problem_fields(cfg, "regression", 2)
    if tasks.is_regression(cfg):
        return problem_fields(cfg, "two" if classes <= 2 else "classes", classes)
    if classes > cfg.classes:
        return problem_fields(cfg, "classes", classes)
    return {}


class ProblemSection(Section):
    """The Problem control. Signals: sigAddClass(k) the class a left click adds,
    sigAddTarget(value or None) the target a click gives its point (None: not regression)."""

    sigAddClass = Signal(int)
    sigAddTarget = Signal(object)

    def __init__(self, changed, parent=None):
        super().__init__(changed, parent)
        self._cfg = None
        names = {"two": QCoreApplication.translate("ProblemSection", "two classes"), "classes": QCoreApplication.translate("ProblemSection", "K classes"), "regression": QCoreApplication.translate("ProblemSection", "regression")}
        tips = {"two": QCoreApplication.translate("ProblemSection", "One sigmoid output p = P(class 1): the lab's network"),
                "classes": QCoreApplication.translate("ProblemSection", "K outputs, softmax p_k = e^(z_k) / Σ_j e^(z_j), "
                              "cross-entropy L = mean(−log p_label)"),
                "regression": QCoreApplication.translate("ProblemSection", "One linear output ŷ = z, L = mean((ŷ − y)²), scored by "
                                 "R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)²")}
        self.problem = self.row(QCoreApplication.translate("ProblemSection", "Problem"), combo(names.values(), dict(zip(names.values(), tips.values())),
                                                    "problemCombo"),
                                QCoreApplication.translate("ProblemSection", "What the network learns: two classes, K classes or a number"))
        self._names = names
        self.problem.currentIndexChanged.connect(self._problem_changed)
        self.classes = self.row(QCoreApplication.translate("ProblemSection", "Classes K"), spin(3, tasks.MAX_CLASSES, "classesSpin"),
                                QCoreApplication.translate("ProblemSection", "Number of classes: K output units, labels 0 … K − 1"))
        self.classes.valueChanged.connect(self._problem_changed)
        self.stop_loss = self.field("stop_loss", QCoreApplication.translate("ProblemSection", "Stop at loss ≤"), dspin(0, 100, 0.001, 4, "stopLossSpin"),
                                    QCoreApplication.translate("ProblemSection", "Stop training once the training loss is at or below this "
                                       "(0 = off); regression's stop rule"))
        self.stop_loss.setSpecialValueText(QCoreApplication.translate("ProblemSection", "off"))

        picker = QWidget()
        grid = QGridLayout(picker)            # 4 a row: 8 in one row would widen the panel
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        self.class_group = QButtonGroup(self)
        for k in range(tasks.MAX_CLASSES):
            b = QRadioButton(str(k), objectName=f"problemClass{k}")
            b.setStyleSheet(f"QRadioButton {{ color: {class_color(k)}; font-weight: bold; }}")
            b.setToolTip(QCoreApplication.translate("ProblemSection", "A left click on the map adds a point of class {k} (key {k})").format(k=k))
            self.class_group.addButton(b, k)
            grid.addWidget(b, k // 4, k % 4)
        self.class_group.button(0).setChecked(True)
        self.class_group.idClicked.connect(self.sigAddClass)
        self.picker = self.row(QCoreApplication.translate("ProblemSection", "Click adds"), picker,
                               QCoreApplication.translate("ProblemSection", "Class of the point a left click adds; keys 0–9 choose it"))
        self.target = self.row(QCoreApplication.translate("ProblemSection", "Click target"), dspin(-100, 100, TARGET_STEP, 2, "targetSpin"),
                               QCoreApplication.translate("ProblemSection", "Target y of the point a click adds; the mouse wheel over the map "
                                  "changes it. Its colour is the map's colour for that value"))
        self.target.valueChanged.connect(lambda v: self.sigAddTarget.emit(float(v)))

    # --- edits --------------------------------------------------------------------------
    def _selected(self) -> str:
        return PROBLEMS[max(self.problem.currentIndex(), 0)]

    def _problem_changed(self, *_):
        if self._loading or self._cfg is None:
            return
        self.emit(**problem_fields(self._cfg, self._selected(), self.classes.value()))

    def pick_class(self, k: int):
        """Key k: the class a click adds, when the problem has it."""
        button = self.class_group.button(k)
        if button is not None and button.isVisible():
            button.setChecked(True)
            self.sigAddClass.emit(k)

    def step_target(self, steps: int):
        """The mouse wheel over the map: the regression target up or down by TARGET_STEP."""
        if self.target.isVisible():
            self.target.setValue(self.target.value() + steps * TARGET_STEP)

    def announce(self):
        """Say again what a click adds (after the signals were connected)."""
        regression = self._cfg is not None and tasks.is_regression(self._cfg)
        self.sigAddClass.emit(max(self.class_group.checkedId(), 0) if not regression else 0)
        self.sigAddTarget.emit(float(self.target.value()) if regression else None)

    # --- showing a config -------------------------------------------------------------------
    def _load(self, cfg):
        old, self._cfg = self._cfg, cfg
        problem = problem_of(cfg)
        self.problem.setCurrentIndex(PROBLEMS.index(problem))
        if problem == "classes":
            self.classes.setValue(cfg.classes)
        K = cfg.classes if problem == "classes" else 2
        self.set_row_visible(self.classes, problem == "classes")
        self.set_row_visible(self.picker, problem == "classes")
        self.set_row_visible(self.target, problem == "regression")
        for k in range(tasks.MAX_CLASSES):
            self.class_group.button(k).setVisible(k < K)
        if old is None or problem_of(old) != problem or old.classes != cfg.classes:
            checked = self.class_group.checkedId()
            if checked >= K:
                self.class_group.button(0).setChecked(True)
            self.sigAddClass.emit(max(0, min(checked, K - 1)) if problem != "regression" else 0)
            self.sigAddTarget.emit(float(self.target.value()) if problem == "regression" else None)
