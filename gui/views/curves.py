"""LossCurves and AccuracyCurves: train and test metrics against the epoch."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.views import colors
from gui.views.decimate import decimate

LOG_FLOOR = 1e-12   # a loss of exactly 0 has no logarithm; draw it at this height instead
# Pens are 1 px wide on purpose: Qt draws thicker polylines of thousands of points
# several times slower, and these plots repaint at display rate while training.


class HistoryCurves(QWidget):
    """A plot of one train/test metric pair from snap.history, with pinned copies.

    Subclasses say which columns to draw (``series``) and how to label them.
    """
    y_label = ""
    title = ""
    legend_offset = (-10, 10)      # top right; negative y would anchor it at the bottom
    scale = 1.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.widget = pg.PlotWidget(background=colors.BACKGROUND)
        self.plot = self.widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setLabel("bottom", "epoch")
        self.plot.setLabel("left", self.y_label)
        colors.style_plot(self.plot)
        colors.set_title(self.plot, self.title)
        self.legend = self.plot.addLegend(offset=self.legend_offset, labelTextColor=colors.FOREGROUND,
                                          brush=pg.mkBrush(255, 255, 255, 200))
        self.train_curve = self.plot.plot(pen=pg.mkPen(colors.TRAIN_COLOR, width=1), name="train")
        self.test_curve = pg.PlotDataItem(pen=pg.mkPen(colors.TEST_COLOR, width=1), name="test",
                                          connect="finite")
        self.plot.addItem(self.test_curve)      # joins the legend only while there is a test set
        self.pins: list[pg.PlotDataItem] = []
        self._raw: dict[pg.PlotDataItem, tuple[np.ndarray, np.ndarray]] = {}
        self._n_pinned = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)

    def series(self, history) -> tuple[np.ndarray, np.ndarray]:
        """(train, test) columns to draw, each (n,) aligned with history.epoch; they are
        multiplied by ``scale`` after decimation (cheaper than scaling a million rows)."""
        raise NotImplementedError

    def transform(self, y: np.ndarray) -> np.ndarray:
        """Last adjustment of the drawn values (e.g. a floor for log scale)."""
        return y

    def set_snapshot(self, snap) -> None:
        """Redraw both curves from snap.history (decimated when long; last epoch kept)."""
        h = snap.history
        train, test = self.series(h)
        x, y = decimate(h.epoch, train)
        self._set_curve(self.train_curve, x, self.scale * y)
        has_test = len(test) > 0 and not np.isnan(test).all()
        tx, ty = decimate(h.epoch, test) if has_test else (np.zeros(0), np.zeros(0))
        self._set_curve(self.test_curve, tx, self.scale * ty)
        self._show_in_legend(self.test_curve, "test", has_test)

    def _set_curve(self, curve, x, y):
        self._raw[curve] = (x, y)     # kept untransformed, so a scale change can redo it
        curve.setData(x, self.transform(y))

    def _show_in_legend(self, item, name, show):
        listed = any(sample.item is item for sample, _ in self.legend.items)
        if show and not listed:
            self.legend.addItem(item, name)
        elif listed and not show:
            self.legend.removeItem(item)

    def pin(self, label: str = "") -> int:
        """Keep a dashed copy of the current curves to compare runs; returns its number k.
        Legend: "<label> train/test", or "pinned k train/test" without a label."""
        self._n_pinned += 1
        k = self._n_pinned
        color = colors.series_color(k + 1)
        for curve, what, style in ((self.train_curve, "train", Qt.PenStyle.DashLine),
                                   (self.test_curve, "test", Qt.PenStyle.DotLine)):
            x, y = self._raw.get(curve, (np.zeros(0), np.zeros(0)))
            if not len(x):
                continue
            copy = pg.PlotDataItem(np.array(x), self.transform(np.array(y)), connect="finite",
                                   pen=pg.mkPen(color, width=1, style=style),
                                   name=f"{label or f'pinned {k}'} {what}")
            copy.setZValue(-1)
            copy.pin_number, copy.pin_part = k, what
            self.plot.addItem(copy)
            self.pins.append(copy)
        return k

    def label_pin(self, k: int, label: str) -> None:
        """Rename pin k in the legend (a later pin can show which settings tell them apart)."""
        for item in self.pins:
            if getattr(item, "pin_number", None) == k:
                item.opts["name"] = f"{label} {item.pin_part}"
                for sample, text in self.legend.items:
                    if sample.item is item:
                        text.setText(item.opts["name"])

    def clear_pins(self) -> None:
        for item in self.pins:
            self.legend.removeItem(item)
            self.plot.removeItem(item)
        self.pins = []
        self._n_pinned = 0


class LossCurves(HistoryCurves):
    """Train and test loss against the epoch; set_log_scale(True) for a log y axis."""
    y_label = "loss"
    title = "Loss"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lossPlot")
        self.log_scale = False

    def series(self, history):
        return history.loss, history.test_loss

    def transform(self, y):
        return np.maximum(y, LOG_FLOOR) if self.log_scale else y

    def set_log_scale(self, on: bool) -> None:
        self.log_scale = bool(on)
        self.plot.setLogMode(y=self.log_scale)
        for curve, (x, y) in self._raw.items():
            curve.setData(x, self.transform(y))
        for pin in self.pins:
            x, y = pin.getOriginalDataset()
            pin.setData(x, self.transform(y))


class AccuracyCurves(HistoryCurves):
    """Train and test accuracy in % against the epoch; the y axis stays at 0–100."""
    y_label = "accuracy (%)"
    title = "Accuracy"
    legend_offset = (-10, -10)     # bottom right: curves climb towards 100 % at the top
    scale = 100.0                  # fractions in the history, per cent on screen

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("accuracyPlot")
        self.plot.setYRange(0, 100, padding=0.05)
        self.plot.enableAutoRange(y=False)
        self.plot.setMouseEnabled(x=True, y=False)

    def series(self, history):
        return history.accuracy, history.test_accuracy
