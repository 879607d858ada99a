"""LossCurves and AccuracyCurves: train and test metrics against the epoch."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.curve_readout import CurveReadout, history_rows, loss_rows
from backprop_lab.gui.views.decimate_live import LiveDecimation
from backprop_lab.gui.views.mae_curves import MaeCurves, accuracy_rows

LOG_FLOOR = 1e-12   # a loss of exactly 0 has no logarithm; draw it at this height instead
LEGEND_COLUMN_PX = 150   # one legend column per this many pixels of plot width
# Axis ends are rounded up to one of these × 10^k: the range then changes a few
# times per decade of epochs instead of every frame, so pyqtgraph redraws the axes'
# ticks and text rarely (an auto-ranged axis repainted its text at every frame and
# painted the plot twice per update) and the curve fills ≥ 80 % of the width (at
# max speed, just after the range grew, less: LOOKAHEAD_FRAMES).
NICE_STEPS = (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
LOOKAHEAD_FRAMES = 10    # a growing x range is chosen to hold this many frames (_fit_range)


def nice_bound(m: float) -> float:
    """The smallest NICE_STEPS × 10^k that is >= m (1.0 for 0, NaN or inf)."""
    if not np.isfinite(m) or m <= 0:
        return 1.0
    base = 10.0 ** np.floor(np.log10(m))
    return float(next(step * base for step in NICE_STEPS if step * base >= m * (1 - 1e-12)))
# Pens are 1 px wide on purpose: Qt draws thicker polylines of thousands of points
# several times slower, and these plots repaint at display rate while training.


def epoch_text(v: float) -> str:
    """An epoch tick label, short: 800, 5k, 12.5k, 1.2M ("1000020000" ran together)."""
    for unit, suffix in ((1e6, "M"), (1e3, "k")):
        if abs(v) >= unit:
            return f"{v / unit:.4g}{suffix}"
    return f"{v:.4g}"


LABEL_GAP_PX = 10   # at least this much space between two epoch labels
EDGE_OVERHANG_PX = 16   # an end label may stand out of the axis by this much


def epoch_tick_steps():
    """(major, minor) whole-epoch tick spacings, ascending: (1, 1), (2, 1), (5, 1), (10, 2),
    (20, 10), (25, 5), (50, 10), (100, 20), …"""
    base = 1
    while True:
        yield from [(base, max(base // 5, 1)), (2 * base, base)] + (
            [(5 * base // 2, base // 2)] if base >= 10 else []) + [(5 * base, base)]
        base *= 10


def room_for_end_labels(plot: pg.PlotItem) -> None:
    """Room right of ``plot``'s data for half of its last epoch label (EpochAxis lets the
    end labels stand out of the axis; at the widget's edge "10k" was cut to "10")."""
    left, top, _right, bottom = plot.layout.getContentsMargins()
    plot.layout.setContentsMargins(left, top, EDGE_OVERHANG_PX, bottom)


class EpochAxis(pg.AxisItem):
    """An epoch axis whose labels stay short (epoch_text), fall on whole epochs, and
    never run together ("0.20.40.60.8" in a narrow plot): the major spacing is the
    first of 1, 2, 5, 10, … epochs that leaves every label its width and a gap."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the labels at the ends (0, and the range's end) may stand out by half their width:
        # pyqtgraph hid them, leaving one label in a narrow plot
        self.setStyle(hideOverlappingLabels=EDGE_OVERHANG_PX)
        self._widths: dict[float, float] = {}   # tick value → its label's width in the tick font
        self._widths_font = None

    def _label_width(self, value: float, metrics: QFontMetricsF) -> float:
        """The width of ``value``'s label, measured once per font (~130 labels are tried
        at each new range: 1.5 of its ~10 ms)."""
        width = self._widths.get(value)
        if width is None:
            if len(self._widths) > 4096:
                self._widths.clear()
            width = self._widths[value] = metrics.horizontalAdvance(epoch_text(value))
        return width

    def tickStrings(self, values, scale, spacing):
        return [epoch_text(v * scale) for v in values]

    def tickSpacing(self, minVal, maxVal, size):
        lo, hi = sorted((minVal, maxVal))
        if hi - lo <= 0 or size <= 0:
            return super().tickSpacing(minVal, maxVal, size)
        font = self.style["tickFont"] or self.font()
        if font != self._widths_font:
            self._widths, self._widths_font = {}, QFont(font)
        metrics = QFontMetricsF(font)
        px_per_epoch = size / (hi - lo)
        for step, minor in epoch_tick_steps():
            if (hi - lo) / step > size / 4:          # more labels than could ever fit
                continue
            ticks = np.arange(np.ceil(lo / step) * step, hi + step, step)[:50]
            widest = max(self._label_width(t, metrics) for t in ticks.tolist())
            if step * px_per_epoch >= widest + LABEL_GAP_PX or step > hi - lo:
                break
        return [(step, 0), (minor, 0)] if minor < step else [(step, 0)]


class DecadeAxis(pg.AxisItem):
    """A log axis labelled at whole decades only: pyqtgraph also labels 2…9 between
    them when few decades are shown, and in a short plot those run together."""

    def logTickStrings(self, values, scale, spacing):
        texts = super().logTickStrings(values, scale, spacing)
        return [t if abs(v - round(v)) < 1e-9 else "" for v, t in zip(values, texts)]


class HistoryCurves(QWidget):
    """A plot of one train/test metric pair from snap.history, with pinned copies.

    Subclasses say which columns to draw (``series``) and how to label them.
    """
    y_label = ""
    title = ""
    scale = 1.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self.widget = pg.PlotWidget(background=colors.BACKGROUND,
                                    axisItems={"bottom": EpochAxis(orientation="bottom")})
        self.plot = self.widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setLabel("bottom", self.tr("epoch"))
        self.plot.setLabel("left", QCoreApplication.translate("HistoryCurves", self.y_label))
        colors.style_plot(self.plot)
        colors.set_title(self.plot, QCoreApplication.translate("HistoryCurves", self.title))
        room_for_end_labels(self.plot)
        # The legend sits under the plot, in as many columns as fit: inside, it covered
        # the newest epochs, and with pins half the plot.
        self.legend = pg.LegendItem(offset=None, labelTextColor=colors.FOREGROUND, colCount=1,
                                    verSpacing=-8, horSpacing=10, labelTextSize="8pt")
        self.plot.layout.addItem(self.legend, 4, 1)
        self.train_curve = self.plot.plot(pen=pg.mkPen(colors.TRAIN_COLOR, width=1), name="train")
        self.test_curve = pg.PlotDataItem(pen=pg.mkPen(colors.TEST_COLOR, width=1), name="test",
                                          connect="finite")
        self.plot.addItem(self.test_curve)      # joins the legend only while there is a test set
        self._has_test = False
        self.pins: list[pg.PlotDataItem] = []
        self._relist()
        self._raw: dict[pg.PlotDataItem, tuple[np.ndarray, np.ndarray]] = {}
        self._n_pinned = 0
        self._range = None                      # (x, y) ranges last set by _fit_range
        self._x_max = 0.0                       # the last epoch drawn, and how far it
        self._grew = 0.0                        # grew at that frame (how fast the range grows)
        self._drawn_key = None                  # the history drawn last (see set_snapshot)
        self._thin_train, self._thin_test = LiveDecimation(), LiveDecimation()   # kept across frames
        self._follow = [True, True]             # x, y follow the data until the user zooms
        self.plot.enableAutoRange(x=False, y=False)
        self.plot.getViewBox().sigRangeChangedManually.connect(self._user_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self.readout = CurveReadout(self, history_rows)   # hover: the epoch and every curve's value

    def series(self, history) -> tuple[np.ndarray, np.ndarray]:
        """(train, test) columns to draw, each (n,) aligned with history.epoch; they are
        multiplied by ``scale`` after decimation (cheaper than scaling a million rows)."""
        raise NotImplementedError

    def transform(self, y: np.ndarray) -> np.ndarray:
        """Last adjustment of the drawn values (e.g. a floor for log scale)."""
        return y

    def set_snapshot(self, snap) -> None:
        """Redraw both curves from snap.history (decimated when long; last epoch kept);
        nothing is redrawn when the history is the one drawn last (paused, new points)."""
        h = snap.history
        train, test = self.series(h)
        n = len(h.epoch)
        key = (n, int(h.epoch[-1]), train[[0, -1]].tobytes(), test[-1:].tobytes()) if n else (0,)
        if key == self._drawn_key:
            return
        self._drawn_key = key
        (x, y), = self._thin_train(h.epoch, train)
        self._set_curve(self.train_curve, x, self.scale * y)
        has_test = len(test) > 0 and not np.isnan(test).all()
        if has_test:
            (tx, ty), = self._thin_test(h.epoch, test)
            self._set_curve(self.test_curve, tx, self.scale * ty)
        elif len(self._raw.get(self.test_curve, ((),))[0]):   # no test set: empty it once, not every frame
            self._set_curve(self.test_curve, np.zeros(0), np.zeros(0))
        if has_test != self._has_test:
            self._has_test = has_test
            self._relist()
        self._fit_range()
        self.readout.set_history(h)

    def y_range(self, lo: float, hi: float) -> tuple[float, float]:
        """The y range shown for drawn values from ``lo`` to ``hi`` (finite)."""
        return min(lo, 0.0), nice_bound(hi) if hi > 0 else 1.0

    def _fit_range(self):
        """Show all curves and pins, with ends rounded (NICE_STEPS), unless zoomed."""
        items = [self.train_curve, self.test_curve, *self.pins]
        data = [c.getData() for c in items]              # drawn values (log10 in log mode)
        xs = [x for x, _ in data if x is not None and len(x)]
        ys = [y[np.isfinite(y)] for _, y in data if y is not None and len(y)]
        ys = [y for y in ys if len(y)]
        x_max = max(float(np.max(x)) for x in xs) if xs else 0.0
        x_hi = nice_bound(x_max) if xs else 1.0
        # A new range costs both plots ~6 ms (new ticks, every item repainted), and early
        # in a run at max speed (a few hundred epochs a frame) one came at almost every
        # frame: a range that keeps growing is chosen to hold LOOKAHEAD_FRAMES frames at
        # the growth of the last two frames, the data filling at least half of it.
        # Growing slowly, or by one jump (a Step N), that is the tight bound.
        grew, self._x_max = max(0.0, x_max - self._x_max), x_max
        step, self._grew = min(grew, self._grew), grew
        ahead = nice_bound(min(x_max + LOOKAHEAD_FRAMES * step, 2 * x_max)) if xs else 1.0
        held = self._range[0][1] if self._range is not None else None
        if held is not None and x_hi <= held <= ahead:
            x_hi = held                                  # the data still fits the range shown
        elif held is not None and x_hi > held:
            x_hi = ahead
        y_lo, y_hi = (self.y_range(min(float(y.min()) for y in ys), max(float(y.max()) for y in ys))
                      if ys else self.y_range(0.0, 1.0))    # no data yet: the view's own empty range
        wanted = ((0.0, x_hi), (y_lo, y_hi))
        if wanted == self._range:
            return
        self._range = wanted
        vb = self.plot.getViewBox()
        if self._follow[0]:
            vb.setXRange(*wanted[0], padding=0.02)
        if self._follow[1]:
            vb.setYRange(*wanted[1], padding=0.05)
        self.y_ticks(*wanted[1])

    def y_ticks(self, lo: float, hi: float) -> None:
        """Fixed y ticks for the range ``lo``…``hi``, if the view wants them (default: pyqtgraph's)."""

    def _user_moved(self, mask):
        """A wheel or drag on an axis: that axis stays where the user put it."""
        for axis, moved in enumerate(mask):
            if moved:
                self._follow[axis] = False

    def _set_curve(self, curve, x, y):
        self._raw[curve] = (x, y)     # kept untransformed, so a scale change can redo it
        curve.setData(x, self.transform(y))

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        columns = max(1, self.width() // LEGEND_COLUMN_PX)    # as many as fit: the plot keeps its width
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)

    def _relist(self):
        """The legend, always in this order: train, test (while there is a test set), the
        view's extras (a regression's MAE), then one entry per pin (its train curve's
        dashes; its test curve is dotted)."""
        self.legend.clear()
        self.legend.addItem(self.train_curve, self.tr("train"))
        if self._has_test:
            self.legend.addItem(self.test_curve, self.tr("test"))
        self.legend_extras()
        for item in self.pins:
            if item.pin_part == "train" or not any(
                    p.pin_number == item.pin_number and p.pin_part == "train" for p in self.pins):
                self.legend.addItem(item, item.opts["name"])

    def legend_extras(self) -> None:
        """Entries after train and test, before the pins (a view's own curves)."""

    def pin(self, label: str = "") -> int:
        """Keep a dashed copy of the current curves to compare runs; returns its number k.
        Legend: "<label>", or "pinned k" without a label (train dashed, test dotted)."""
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
                                   name=label or self.tr("pinned {k}").format(k=k))
            copy.setZValue(-1)
            copy.pin_number, copy.pin_part = k, what
            copy.pin_history = self.readout.history   # the hover readout reads exact values from it
            self.plot.addItem(copy)
            self.pins.append(copy)
        self._relist()
        self._fit_range()
        return k

    def label_pin(self, k: int, label: str) -> None:
        """Rename pin k in the legend (a later pin can show which settings tell them apart)."""
        for item in self.pins:
            if getattr(item, "pin_number", None) == k:
                item.opts["name"] = label
        self._relist()

    def clear_pins(self) -> None:
        for item in self.pins:
            self.plot.removeItem(item)
        self.pins = []
        self._n_pinned = 0
        self._relist()
        self._fit_range()


class LossCurves(HistoryCurves):
    """Train and test loss against the epoch; set_log_scale(True) for a log y axis."""
    y_label = QT_TRANSLATE_NOOP("HistoryCurves", "loss")
    title = QT_TRANSLATE_NOOP("HistoryCurves", "Loss")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lossPlot")
        self.log_scale = False
        self.readout.rows_at = loss_rows        # the lr of the epoch too (the strip under this plot)

    def series(self, history):
        return history.loss, history.test_loss

    def transform(self, y):
        return np.maximum(y, LOG_FLOOR) if self.log_scale else y

    def set_log_scale(self, on: bool) -> None:
        self.log_scale = bool(on)
        self.plot.setLogMode(y=self.log_scale)
        self._range = None               # new ticks and range for the new scale
        for curve, (x, y) in self._raw.items():
            curve.setData(x, self.transform(y))
        for pin in self.pins:
            x, y = pin.getOriginalDataset()
            pin.setData(x, self.transform(y))
        self._fit_range()

    def y_ticks(self, lo, hi):
        """In log scale a label on each decade only: pyqtgraph labels 2…9 between
        them too when the range spans few decades, and in a short plot they overlap."""
        axis = self.plot.getAxis("left")
        ticks = None
        if self.log_scale:
            decades = range(int(np.floor(lo)), int(np.ceil(hi)) + 1)
            ticks = [[(d, f"{10.0 ** d:g}") for d in decades],
                     [(d + np.log10(k), "") for d in decades for k in range(2, 10)]]
        if ticks != axis._tickLevels:   # setTicks redraws the axis, even unchanged (~3 ms)
            axis.setTicks(ticks)

    def y_range(self, lo, hi):
        if not self.log_scale:          # drawn values are log10(loss): whole decades
            return super().y_range(lo, hi)
        lo, hi = np.floor(lo), np.ceil(hi)
        return float(lo), float(hi if hi > lo else lo + 1)


class AccuracyCurves(HistoryCurves):
    """Train and test accuracy in % against the epoch; the y axis stays at 0–100.
    For regression the same columns hold R² (model/tasks.py): drawn as it is, axis up to 1."""
    y_label = QT_TRANSLATE_NOOP("HistoryCurves", "accuracy (%)")
    title = QT_TRANSLATE_NOOP("HistoryCurves", "Accuracy")
    scale = 100.0                  # fractions in the history, per cent on screen
    regression = False

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("accuracyPlot")
        self.plot.setMouseEnabled(x=True, y=False)
        self.mae = MaeCurves(self, nice_bound)     # regression: the MAE on a right axis
        self.readout.rows_at = accuracy_rows

    def set_snapshot(self, snap) -> None:
        config = getattr(snap, "config", None)      # (pinned copies carry a history only)
        if config is not None and (config.task == "regression") != self.regression:
            self.regression = config.task == "regression"
            self.scale = 1.0 if self.regression else 100.0
            self.plot.setLabel("left", "R²" if self.regression else self.y_label)
            colors.set_title(self.plot, QCoreApplication.translate("AccuracyCurves", "R² = 1 − SSE/SST")
                             if self.regression else self.title)
            self._range = self._drawn_key = None     # redraw: the same empty history needs the new axis
            self.mae.set_shown(self.regression)
            self._relist()
        if self.regression:
            had_test = self.mae.has_test
            self.mae.set_history(snap.history)
            if self.mae.has_test != had_test:
                self._relist()
        super().set_snapshot(snap)

    def legend_extras(self):
        if self.regression:
            self.mae.add_to_legend(self.legend)

    def y_range(self, lo, hi):
        if self.regression:        # R² ≤ 1; a poor start may be far below 0: show down to −1
            return max(min(float(lo), 0.0), -1.0), 1.0
        return 0.0, 100.0

    def series(self, history):
        return history.accuracy, history.test_accuracy
