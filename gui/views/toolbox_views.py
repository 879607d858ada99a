"""What the training toolbox shows in the window: the learning rate of each epoch in a
strip under the loss curve, the current lr among the toolbar's live numbers, and
how often the gradient was clipped in the Gradient norms tab.

``install_toolbox_views(window)`` puts them in place; the window calls
``draw(snap, names)`` with every frame (after its own views), so they redraw
with the loss plot and the gradient-norm plot they belong to.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from backprop_lab.model import schedules
from backprop_lab.gui.toolbar import hold_height
from backprop_lab.gui.views import colors
from backprop_lab.gui.views.curves import EpochAxis
from backprop_lab.gui.views.decimate_live import LiveDecimation

RECENT_EPOCHS = 100          # the clipping readout's "recent" window




class LrChanges:
    """Whether a run's lr is worth a plot: a schedule, or an lr changed on the way. Reads
    only the rows added since it last looked (a million-epoch run costs nothing per frame)."""

    def __init__(self):
        self.seen, self.first, self.varies = 0, None, False

    def __call__(self, snap) -> bool:
        if snap.config.lr_schedule != "constant":
            return True
        lr = snap.history.lr
        n = 0 if lr is None else len(lr)
        if n < self.seen or (n and lr[0] != self.first):      # a new run (reset, rollback)
            self.seen, self.first, self.varies = 0, (lr[0] if n else None), False
        if n > self.seen and not self.varies:
            self.varies = bool(np.any(lr[self.seen: n] != self.first))
        self.seen = n
        return self.varies


class LearningRateStrip(QWidget):
    """η against the epoch, a short plot whose epoch axis follows the loss plot's."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lrPlot")
        self.widget = pg.PlotWidget(background=colors.BACKGROUND,
                                    axisItems={"bottom": EpochAxis(orientation="bottom")})
        self.plot = self.widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setLabel("left", "lr")   # i18n: the config field's name
        colors.style_plot(self.plot)
        self.curve = self.plot.plot(pen=pg.mkPen(colors.series_color(3), width=1), connect="finite")
        self.widget.setToolTip(QCoreApplication.translate("ToolboxViews", "The learning rate η of each epoch (the schedule's formula is in "
                                  "the LR schedule box's tooltip)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self.setFixedHeight(78)
        self._drawn = None              # the snapshot drawn last
        self.lr_changes = LrChanges()
        self._thin = LiveDecimation()   # kept across frames: a frame costs the new epochs

    def set_snapshot(self, snap) -> None:
        h = snap.history
        show = self.lr_changes(snap)
        if show != self.isVisibleTo(self.parentWidget()) and self.parentWidget() is not None:
            self.setVisible(show)
        if not show or h.lr is None or snap is self._drawn:
            return
        self._drawn = snap
        (x, y), = self._thin(h.epoch, h.lr)
        self.curve.setData(x, y)
        finite = y[np.isfinite(y)]
        hi = float(finite.max()) if len(finite) else 1.0
        self.plot.setYRange(0.0, hi if hi > 0 else 1.0, padding=0.08)


class ClipReadout(QLabel):
    """How often the gradient was clipped: over the run and over the last epochs."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("clipReadout")
        self.setContentsMargins(6, 0, 6, 2)
        self.setWordWrap(True)
        self.setToolTip(QCoreApplication.translate("ToolboxViews", "Gradient clipping by global norm: if ‖g‖ > c then g ← g·c/‖g‖. "
                           "The share counts the optimizer steps (mini-batches) whose gradient was "
                           "scaled down; the curves above show the norms after clipping."))

    def set_snapshot(self, snap) -> None:
        c = snap.config.clip_norm
        self.setVisible(bool(c))
        clipped = snap.history.clipped
        if not c or clipped is None:
            return
        done = clipped[np.isfinite(clipped)]
        if not len(done):
            self.setText(QCoreApplication.translate("ToolboxViews", "Clipping at ‖g‖ = {0:g}: no step yet").format(c))
            return
        recent = done[-RECENT_EPOCHS:]
        self.setText(QCoreApplication.translate("ToolboxViews", "Clipped to ‖g‖ ≤ {0:g}: {1:.0f} % of the steps of the last {2} epochs, "
                        "{3:.0f} % of the run").format(c, 100 * recent.mean(), len(recent), 100 * done.mean()))


class LrReadout(QLabel):
    """The lr the next epoch trains with, among the toolbar's live numbers."""

    def __init__(self, parent=None):
        super().__init__("lr –", parent)
        self.setObjectName("lrLabel")
        self.setContentsMargins(6, 0, 6, 0)
        self.setFixedWidth(110)
        hold_height(self)

    _shown = None                       # (config, lr text) shown: set again only on a change

    def set_snapshot(self, snap) -> None:
        cfg = snap.config
        lr = schedules.lr_at(cfg, snap.epoch + 1)
        text = f"lr {lr:.4g}" if math.isfinite(lr) else "lr –"   # i18n: the config field's name
        if (cfg, text) == self._shown:  # the same at every frame of a constant lr
            return
        self._shown = (cfg, text)
        self.setText(text)
        self.setToolTip(QCoreApplication.translate("ToolboxViews", "Learning rate of the next epoch; schedule: {0}\n{1}").format(
            schedules.describe(cfg), schedules.FORMULAS[cfg.lr_schedule]))


class ToolboxViews:
    """The three views above, and when each redraws."""

    def __init__(self, window):
        views = window.views
        self.lr_strip = LearningRateStrip()
        loss = views["lossPlot"]
        pane = loss.parentWidget().layout()
        pane.insertWidget(pane.indexOf(loss) + 1, self.lr_strip)
        self.lr_strip.plot.setXLink(loss.plot)
        self.lr_strip.hide()
        self.clip = ClipReadout()
        views["gradNormPlot"].layout().addWidget(self.clip)
        self.clip.hide()
        self.lr = LrReadout()
        window.toolbar.readouts.addWidget(self.lr)
        self._window, self._readouts_width = window, None
        # a tab shown while paused: its clipping share is drawn at once, as the plot is
        window.tabs.currentChanged.connect(lambda _i: window.snapshot is not None
                                           and self.clip.set_snapshot(window.snapshot))

    def draw(self, snap, names=None) -> None:
        """Redraw with the views they sit with (``names`` as the window's frame plan)."""
        if names is None or "lossPlot" in names:
            self.lr_strip.set_snapshot(snap)
        if names is None or "gradNormPlot" in names:
            self.clip.set_snapshot(snap)
        self.lr.set_snapshot(snap)
        self._refit_toolbars()

    def _refit_toolbars(self):
        """The live numbers widen when a test set appears, after the window last laid out its
        toolbars: let it decide again (one row or two), or the last of them, the lr, would
        sit in the "»" overflow menu."""
        width = self._window.toolbar.readouts.sizeHint().width()
        if width != self._readouts_width:
            self._readouts_width = width
            size = self._window.size()
            QApplication.sendEvent(self._window, QResizeEvent(size, size))


def install_toolbox_views(window) -> ToolboxViews:
    return ToolboxViews(window)
