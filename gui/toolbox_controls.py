"""The training toolbox's rows in the control panel: ELU's α (Network section), the
learning-rate schedule under the learning rate, dropout per hidden layer and
gradient clipping under the regularisation, early stopping beside "stop at 100 %".

Each ``*_row(s)`` function adds its rows to a Section (they are ordinary config
fields: the panel validates and applies them like any other); ``load_training``
shows what depends on the config (which schedule parameters, how many dropout
boxes).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QWidget

from backprop_lab.model import schedules
from backprop_lab.gui.form_rows import check, combo, dspin, spin

MAX_DROPOUT_LAYERS = 6          # the panel's most hidden layers (controls.MAX_LAYERS)
# Which schedule shows which parameter rows.
SCHEDULE_PARAMS = {
    "constant": (),
    "step": ("lr_period", "lr_decay"),
    "exponential": ("lr_period", "lr_decay"),
    "cosine": ("lr_period", "lr_min", "lr_restarts"),
    "cyclic": ("lr_period", "lr_min"),
    "one_cycle": ("lr_period", "lr_min"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("ToolboxControls", text)


def elu_alpha_row(section) -> QWidget:
    """ELU's α, shown when ELU is chosen (NetworkSection)."""
    return section.field("elu_alpha", tr("ELU α"), dspin(0.01, 10, 0.1, 2, "eluAlphaSpin"),
                         "elu: f(z) = z if z > 0 else α·(e^z − 1);  f'(z) = 1 or a + α")


def schedule_rows(section):
    """The schedule and its parameters, under the learning rate (TrainingSection)."""
    tips = dict(schedules.FORMULAS)
    section.field("lr_schedule", tr("LR schedule"), combo(schedules.SCHEDULES, tips, "lrScheduleCombo"),
                  tr("How the learning rate η changes with the epoch (t = epoch − 1, η₀ = the "
                     "learning rate above):") + "\n" + "\n".join(f"{n}: {f}" for n, f in tips.items()))
    section.field("lr_period", tr("Period T"), spin(1, 100_000_000, "lrPeriodSpin"),
                  tr("T in epochs: step every T; decay by d per T; cosine / cycle length T"))
    section.field("lr_decay", tr("Decay d"), dspin(0.001, 1, 0.05, 3, "lrDecaySpin"),
                  "step: η = η₀·d^⌊t/T⌋;  exponential: η = η₀·d^(t/T)")
    section.field("lr_min", tr("η min"), dspin(0, 10, 0.001, 5, "lrMinSpin"),
                  "cosine: η = η_min + (η₀ − η_min)·(1 + cos(π·t/T))/2;  cyclic and one-cycle go "
                  "down to η_min")
    section.field("lr_restarts", tr("Restarts"), check(tr("warm restarts every T"), "lrRestartsCheck"),
                  tr("cosine with warm restarts (SGDR): t runs modulo T, so η jumps back to η₀ every T epochs"))


class DropoutBoxes(QWidget):
    """One rate per hidden layer; all 0 is dropout off (the config's ())."""

    def __init__(self, section):
        super().__init__(objectName="dropoutBoxes")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.spins = []
        for i in range(MAX_DROPOUT_LAYERS):
            s = dspin(0, 0.95, 0.05, 2, f"dropoutSpin{i}")
            s.setToolTip(tr("Dropout rate p of hidden layer {0}").format(i + 1))
            s.valueChanged.connect(lambda _v: section.emit(dropout=self.rates()))
            grid.addWidget(s, i // 3, i % 3)
            self.spins.append(s)
        self.n = 0

    def rates(self) -> tuple[float, ...]:
        rates = tuple(s.value() for s in self.spins[: self.n])
        return rates if any(rates) else ()

    def show_config(self, cfg):
        self.n = len(cfg.hidden)
        given = cfg.dropout * len(cfg.hidden) if len(cfg.dropout) == 1 else cfg.dropout
        for i, s in enumerate(self.spins):
            s.blockSignals(True)
            s.setValue(given[i] if i < len(given) else 0.0)
            s.blockSignals(False)
            s.setVisible(i < self.n)


def regularisation_rows(section):
    """Dropout per hidden layer and gradient clipping (TrainingSection)."""
    section.dropout_boxes = DropoutBoxes(section)
    section.dropout_row = section.row(
        tr("Dropout"), section.dropout_boxes,
        tr("Inverted dropout, a rate p per hidden layer (0 = off): while training each unit's "
           "output is kept with probability 1 − p and scaled: a ← a ⊙ m/(1 − p); the backward pass "
           "multiplies ∂L/∂a by the same mask. Off for the test set, the map and the accuracy. "
           "The masks are seeded, so Step and saved sessions repeat exactly."))
    section.field("clip_norm", tr("Clip ‖g‖"), dspin(0, 1e6, 0.1, 3, "clipNormSpin"),
                  tr("Gradient clipping by global norm (0 = off): if ‖g‖ > c then g ← g·c/‖g‖, "
                     "‖g‖ = √(Σ g²) over every parameter. The Gradient norms tab shows how often it clips."))


def early_stopping_row(section):
    """Early stopping on the test set, beside 'stop at 100 %' (TrainingSection)."""
    box = spin(0, 100_000_000, "earlyStoppingSpin", special=tr("off"))
    section.field("early_stopping", tr("Early stop"), box,
                  tr("Patience N: stop when the test loss has not improved for N epochs and go back "
                     "to the weights of the best epoch (needs a test split; 0 = off)"))
    box.setSuffix(tr(" epochs"))


def load_training(section, cfg):
    """Visibility of the schedule's parameters; the dropout boxes for the hidden layers."""
    shown = SCHEDULE_PARAMS.get(cfg.lr_schedule, ())
    for name in ("lr_period", "lr_decay", "lr_min", "lr_restarts"):
        section.set_row_visible(section.fields[name][0], name in shown)
    section.dropout_boxes.show_config(cfg)
    section.set_row_visible(section.dropout_row, bool(cfg.hidden))


def follow_hidden(cfg, fields: dict) -> dict:
    """An edit of the hidden layers takes per-layer dropout rates along (the last rate
    fills new layers), so the config stays valid."""
    hidden = fields.get("hidden")
    if hidden is None or len(cfg.dropout) <= 1 or "dropout" in fields:
        return fields
    rates = (tuple(cfg.dropout) + (cfg.dropout[-1],) * len(hidden))[: len(hidden)]
    return dict(fields, dropout=rates if any(rates) else ())


