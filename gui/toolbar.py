"""TrainingToolbar: Play/Pause, Step, Step N, Reset, speed, and the live numbers.

Keys: Space plays or pauses, Right arrow or N steps one epoch, R resets
(Shift+R: new initial weights from a fresh seed). Text fields keep their own
keys while they have focus (Qt gives them the shortcut-override first).
"""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QSlider, QSpinBox, QStyle, QToolBar, QToolButton

from backprop_lab.gui.problem_readouts import regression_readout, regression_width

# Speed slider positions, in epochs per second; 0 = as fast as the machine goes.
SPEEDS = (1, 2, 5, 10, 30, 100, 300, 1000, 0)


def speed_text(eps: float) -> str:
    return QCoreApplication.translate("TrainingToolbar", "max") if eps == 0 else f"{eps:g}/s"


def _fmt(v: float, pct: bool = False) -> str:
    if v is None or not math.isfinite(v):
        return "–"
    return f"{100 * v:.1f} %" if pct else f"{v:.4g}"


def hold_height(label: QLabel) -> None:
    """Fix the height of a readout whose width is fixed: a label fixed in one direction
    only lays its toolbar out again at every new text (30 times a second at max speed)."""
    text = label.text()
    label.setText("Ág 训练")                   # tall Latin and CJK glyphs
    label.setFixedHeight(label.sizeHint().height())
    label.setText(text)


def three_digits(rate: float) -> float:
    """``rate`` to 3 significant digits (12 873 → 12 900): a readable rate, and a label
    that is not laid out and repainted at every frame for a digit nobody can read."""
    if not math.isfinite(rate) or rate < 100:
        return rate
    unit = 10.0 ** (math.floor(math.log10(rate)) - 2)
    return round(rate / unit) * unit


class TrainingToolbar(QToolBar):
    """Emits commands; shows epoch, losses, accuracies and epochs per second."""

    sigPlay = Signal()
    sigPause = Signal()
    sigStep = Signal(int)          # epochs to run
    sigReset = Signal(bool)        # keep_seed
    sigSpeed = Signal(float)       # epochs per second, 0 = max

    def __init__(self, parent=None):
        super().__init__("Training", parent)
        self.setObjectName("trainingToolbar")
        self.setMovable(False)
        # Qt's own media icons: "⏸" is missing from the fonts of a plain Linux desktop
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIconSize(QSize(14, 14))
        self._running = False
        style = self.style()
        self._icons = {name: style.standardIcon(getattr(QStyle.StandardPixmap, name))
                       for name in ("SP_MediaPlay", "SP_MediaPause", "SP_MediaSkipForward", "SP_MediaSeekForward")}

        self.play_action = self._action(self.tr("Play"), "playButton", ["Space"],
                                        self.tr("Play / pause training (Space)"), self._toggle_play)
        self.step_action = self._action(self.tr("Step"), "stepButton", ["Right", "N"],
                                        self.tr("Run exactly one epoch: forward pass, backward pass, "
                                        "one optimizer update (Right arrow or N)"),
                                        lambda: self.sigStep.emit(1))
        self.play_action.setIcon(self._icons["SP_MediaPlay"])
        self.step_action.setIcon(self._icons["SP_MediaSkipForward"])
        self.step_n_spin = QSpinBox(minimum=1, maximum=1_000_000, value=100)
        self.step_n_spin.setObjectName("stepNSpin")
        self.step_n_spin.setToolTip(self.tr("How many epochs 'Step N' runs"))
        self.step_n_spin.setKeyboardTracking(False)
        # Typed into only when clicked: at launch the window's first focusable field got
        # the focus, and Space, → and N typed into it instead of playing and stepping.
        self.step_n_spin.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.step_n_spin.editingFinished.connect(self.step_n_spin.clearFocus)   # Enter: keys are the toolbar's again
        self.addWidget(self.step_n_spin)
        self.step_n_action = self._action(self.tr("Step N"), "stepNButton", [],
                                          self.tr("Run the number of epochs on the left, then pause"),
                                          lambda: self.sigStep.emit(self.step_n_spin.value()))
        self.step_n_action.setIcon(self._icons["SP_MediaSeekForward"])
        self.reset_action = self._action(self.tr("Reset"), "resetButton", ["R"],
                                         self.tr("Back to epoch 0 with the same initial weights (R)"),
                                         lambda: self.sigReset.emit(True))
        self.reinit_action = self._action(self.tr("New weights"), "reinitButton", ["Shift+R"],
                                          self.tr("Back to epoch 0 with new initial weights from a "
                                          "fresh random seed (Shift+R)"),
                                          lambda: self.sigReset.emit(False))
        self.addSeparator()

        self.addWidget(QLabel(self.tr(" Speed ")))
        self.speed_slider = QSlider(Qt.Orientation.Horizontal, objectName="speedSlider")
        self.speed_slider.setRange(0, len(SPEEDS) - 1)
        self.speed_slider.setValue(len(SPEEDS) - 1)
        self.speed_slider.setPageStep(1)
        self.speed_slider.setFixedWidth(100)
        self.speed_slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # arrows belong to Step
        self.speed_slider.setToolTip(self.tr("Epochs per second: {speeds}. At slow speeds every epoch is drawn.")
                                     .format(speeds=", ".join(speed_text(s) for s in SPEEDS)))
        self.speed_slider.valueChanged.connect(self._speed_changed)
        self.addWidget(self.speed_slider)
        self.speed_label = QLabel(speed_text(0), objectName="speedLabel")
        self.speed_label.setMinimumWidth(44)
        self.addWidget(self.speed_label)
        self.addSeparator()
        # The live numbers are a toolbar of their own (MainWindow puts it beside this one,
        # or on a second row when the window is too narrow for both): in one toolbar, at
        # 1024 px the last buttons hid behind its "»" overflow.
        self.readouts = QToolBar("Readouts", parent)
        self.readouts.setObjectName("readoutsToolbar")
        self.readouts.setMovable(False)

        self.epoch_label = self._label("epochLabel", self.tr("epoch 0"), self.tr("Epochs trained since the last reset"))
        self.loss_label = self._label("lossLabel", self.tr("loss –"), self.tr("Training loss of the last epoch "
                                      "(and test loss when there are test points)"))
        self.accuracy_label = self._label("accuracyLabel", self.tr("accuracy –"),
                                          self.tr("Share of training points classified right (p > 0.5 ↔ class 1), "
                                          "and of test points"))
        self.rate_label = self._label("rateLabel", self.tr("0 epochs/s"), self.tr("Epochs trained per second, measured"))
        self.epoch_label.setFixedWidth(110)   # fixed sizes: new text never re-lays out the toolbar
        self.rate_label.setFixedWidth(110)
        self._has_test = None
        self._fit_score_labels(False)

    def _action(self, text, name, keys, tip, slot) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        button = self.widgetForAction(action)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must not "click the focused button"
        return action

    def _fit_score_labels(self, has_test: bool):
        """Room for the test figures only when there are test points: on a laptop
        screen the 180 px saved keep the epochs/s label out of the overflow menu."""
        if has_test != self._has_test:
            self._has_test = has_test
            self.loss_label.setFixedWidth(190 if has_test else 110)
            self.accuracy_label.setFixedWidth(230 if has_test else 140)

    def _label(self, name, text, tip) -> QLabel:
        label = QLabel(text, objectName=name)
        label.setToolTip(tip)
        label.setContentsMargins(6, 0, 6, 0)
        hold_height(label)
        self.readouts.addWidget(label)
        return label

    def button(self, name: str) -> QToolButton:
        return self.findChild(QToolButton, name)

    # --- commands ---------------------------------------------------------------
    def _toggle_play(self):
        if not self.play_action.isEnabled():
            return
        (self.sigPause if self._running else self.sigPlay).emit()

    def _speed_changed(self, index: int):
        eps = SPEEDS[index]
        self.speed_label.setText(speed_text(eps))
        self.sigSpeed.emit(float(eps))

    def speed(self) -> float:
        return float(SPEEDS[self.speed_slider.value()])

    # --- state shown ------------------------------------------------------------
    def set_running(self, running: bool):
        self._running = running
        self.play_action.setText(self.tr("Pause") if running else self.tr("Play"))
        self.play_action.setIcon(self._icons["SP_MediaPause" if running else "SP_MediaPlay"])

    def set_can_play(self, can: bool, hint: str = ""):
        for a in (self.play_action, self.step_action, self.step_n_action):
            a.setEnabled(can)
        self.play_action.setToolTip(self.tr("Play / pause training (Space)") if can else hint)

    def show_snapshot(self, snap, epochs_per_second: float, points_edited: bool = False):
        """The snapshot's epoch and scores: the last epoch's, or with ``points_edited`` (points
        added or deleted since that epoch) the weights' scores on the points as they are now."""
        last = snap.scores_now() if points_edited else snap.last
        self.epoch_label.setText(self.tr("epoch {epoch:,}").format(epoch=snap.epoch))
        loss = self.tr("loss {value}").format(value=_fmt(last['loss']))
        acc = self.tr("accuracy {value}").format(value=_fmt(last['accuracy'], True))
        self._fit_score_labels(bool(len(snap.X_test)))
        if len(snap.X_test):
            loss += self.tr(" / test {value}").format(value=_fmt(last['test_loss']))
            acc += self.tr(" / test {value}").format(value=_fmt(last['test_accuracy'], True))
        if snap.config.task == "regression":     # the accuracy column holds R²; with the MAE
            acc = regression_readout(snap, last)
            self.accuracy_label.setFixedWidth(regression_width(self.accuracy_label, bool(len(snap.X_test)), acc))
        else:                                     # (back from regression: the classification width)
            self.accuracy_label.setFixedWidth(230 if len(snap.X_test) else 140)
        self.loss_label.setText(loss)
        self.accuracy_label.setText(acc)
        self.rate_label.setText(self.tr("{epochs_per_second:,.0f} epochs/s").format(epochs_per_second=three_digits(epochs_per_second)))

