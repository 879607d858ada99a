"""TrainingSection: optimizer and its own parameters, learning rate, batch, regularisation, stopping.

Only the chosen optimizer's parameters are shown. The learning rate has a
log-scale slider (1e-5 … 10) and a field that takes any typed number.
"""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSlider, QWidget

from backprop_lab.model import optimizers
from backprop_lab.gui import toolbox_controls
from backprop_lab.gui.form_rows import Section, check, combo, dspin, spin

LR_MIN_EXP, LR_MAX_EXP = -5, 1        # slider range: 1e-5 … 10
LR_TICKS_PER_DECADE = 100

# Which optimizer shows which parameter rows.
OPTIMIZER_PARAMS = {
    "sgd": (),
    "momentum": ("momentum", "nesterov"),
    "adagrad": ("eps",),
    "rmsprop": ("rho", "eps"),
    "adam": ("beta1", "beta2", "amsgrad", "eps"),
}
PARAM_FIELDS = tuple(dict.fromkeys(n for names in OPTIMIZER_PARAMS.values() for n in names))


def lr_to_slider(lr: float) -> int:
    e = min(max(math.log10(lr), LR_MIN_EXP), LR_MAX_EXP)
    return round((e - LR_MIN_EXP) * LR_TICKS_PER_DECADE)


def slider_to_lr(pos: int) -> float:
    lr = 10 ** (LR_MIN_EXP + pos / LR_TICKS_PER_DECADE)
    return float(f"{lr:.3g}")        # 0.0501, not 0.050118723362727


class TrainingSection(Section):
    def __init__(self, changed, message, parent=None):
        super().__init__(changed, parent)
        self.message = message
        opt_tips = {n: cls.formula for n, cls in optimizers.OPTIMIZERS.items()}
        self.optimizer = self.field("optimizer", "Optimizer",
                                    combo(optimizers.OPTIMIZERS, opt_tips, "optimizerCombo"),
                                    "How the gradient g becomes a step; η is the learning rate:\n"
                                    + "\n".join(f"{n}: {f}" for n, f in opt_tips.items()))
        lr_box = QWidget()
        hb = QHBoxLayout(lr_box)
        hb.setContentsMargins(0, 0, 0, 0)
        self.lr_slider = QSlider(Qt.Orientation.Horizontal, objectName="lrSlider")
        self.lr_slider.setRange(0, (LR_MAX_EXP - LR_MIN_EXP) * LR_TICKS_PER_DECADE)
        self.lr_slider.setPageStep(LR_TICKS_PER_DECADE // 2)
        self.lr_edit = QLineEdit(objectName="lrEdit")
        self.lr_edit.setFixedWidth(72)
        hb.addWidget(self.lr_slider, 1)
        hb.addWidget(self.lr_edit)
        tip = "Learning rate η (log scale 1e-5 … 10; type any value in (0, 1000]): w ← w − η·g for SGD"
        self.row("Learning rate", lr_box, tip)
        self.lr_slider.setToolTip(tip)
        self.lr_edit.setToolTip(tip)
        self.lr_slider.valueChanged.connect(lambda p: self.emit(lr=slider_to_lr(p)))
        self.lr_edit.editingFinished.connect(self._lr_typed)
        toolbox_controls.schedule_rows(self)

        # The optimizers' own parameters (OPTIMIZER_PARAMS says which shows which).
        self.field("momentum", "Momentum μ", dspin(0, 0.999, 0.05, 3, "momentumSpin"),
                   "v ← μ·v − η·g;  w ← w + v")
        self.field("nesterov", "Nesterov", check("look ahead", "nesterovCheck"),
                   "Nesterov momentum: w ← w + μ·v − η·g (gradient at the look-ahead point)")
        self.field("beta1", "β₁", dspin(0, 0.9999, 0.01, 4, "beta1Spin"),
                   "Adam's first-moment decay: m ← β₁m + (1−β₁)g")
        self.field("beta2", "β₂", dspin(0, 0.9999, 0.001, 4, "beta2Spin"),
                   "Adam's second-moment decay: v ← β₂v + (1−β₂)g²")
        self.field("amsgrad", "AMSGrad", check("use max of v", "amsgradCheck"),
                   "AMSGrad: divide by √(max of all v so far) instead of √v")
        self.field("rho", "ρ", dspin(0, 0.999, 0.01, 3, "rhoSpin"),
                   "RMSprop decay: s ← ρ·s + (1 − ρ)·g²")
        self.field("eps", "ε", dspin(1e-10, 1, 1e-8, 10, "epsSpin"),
                   "Added to the denominator: w ← w − η·g / (√s + ε)")

        self.batch = self.field("batch_size", "Batch size",
                                spin(0, 100_000, "batchSpin", special="full batch"),
                                "Points per gradient step; 0 = full batch (one step per epoch). "
                                "Mini-batches are reshuffled every epoch.")
        self.l1 = self.field("l1", "L1", dspin(0, 10, 1e-4, 5, "l1Spin"),
                             "Adds l1·Σ|w| to the loss (weights, not biases): g += l1·sign(w)")
        self.l2 = self.field("l2", "L2", dspin(0, 10, 1e-4, 5, "l2Spin"),
                             "Adds l2/2·Σw² to the loss (weights, not biases): g += l2·w")
        self.weight_decay = self.field("weight_decay", "Weight decay",
                                       dspin(0, 10, 1e-4, 5, "weightDecaySpin"),
                                       "Decoupled decay after each step: w ← w − η·λ·w (weights only)")
        toolbox_controls.regularisation_rows(self)
        self.max_epochs = self.field("max_epochs", "Max epochs", spin(1, 100_000_000, "maxEpochsSpin"),
                                     "Training stops when the epoch count reaches this")
        self.stop_at_100 = self.field("stop_at_100", "Stop", check("at 100 % accuracy", "stopAt100Check"),
                                      "Stop as soon as every training point is classified right")
        toolbox_controls.early_stopping_row(self)
        self.seed = self.field("seed", "Seed", spin(0, 2**31 - 1, "seedSpin"),
                               "Seed of the initial weights and of the mini-batch shuffle "
                               "(same seed → same start; a change rebuilds the network)")

    def _lr_typed(self):
        text = self.lr_edit.text().strip()
        try:
            lr = float(text)
        except ValueError:
            self.message(f"Learning rate: {text!r} is not a number")
            self.lr_edit.setText(f"{self._shown_lr:g}")
            return
        self.emit(lr=lr)

    def _load(self, cfg):
        self._shown_lr = cfg.lr
        self.lr_edit.setText(f"{cfg.lr:g}")
        if slider_to_lr(self.lr_slider.value()) != cfg.lr:   # keep the knob where the user left it
            self.lr_slider.setValue(lr_to_slider(cfg.lr))
        toolbox_controls.load_training(self, cfg)
        shown = OPTIMIZER_PARAMS.get(cfg.optimizer, ())
        for name in PARAM_FIELDS:
            self.set_row_visible(self.fields[name][0], name in shown)
