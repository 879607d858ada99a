"""CurveReadout: hover an epoch plot to read every curve at one epoch.

A vertical line snaps to the epoch under the cursor (a faint horizontal one
follows the cursor), a dot marks each curve at that epoch, and a box beside the
line lists the epoch and each curve's value there, pinned runs included:

    epoch 120
    ■ train 0.04113
    ■ test 0.05872
    ■ pinned 1 0.1207

Values are read from the run's own history, never from the drawn (possibly
decimated) points: a lookup of one epoch per curve (np.searchsorted), so a
mouse move costs the same whatever the length of the run (about a millisecond,
bench/hover_readouts.py). The box sits beside the line on the side towards the
plot's middle (or the side it fits on), at the top or the bottom, wherever it
covers none of the dots: it never hides the values it names (box_corner).

The view owns one: ``self.readout = CurveReadout(self, rows)`` in __init__ and
``self.readout.set_history(snap.history)`` in set_snapshot, where ``rows`` is
one of the functions below (``history_rows`` for HistoryCurves, ``loss_rows``
for LossCurves, ``grad_norm_rows`` for GradNormView).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.hover_area import HoverArea

OFFSET_PX = 10          # gap between the crosshair and the box
DOT_PX = 3.5            # radius of the dot on each curve
DOT_MARGIN_PX = 6       # the box keeps this far from a dot's centre
LOG_FLOOR = 1e-300      # a dot at a value of 0 on a log axis is drawn at this height


def value_at(epochs: np.ndarray, values: np.ndarray, epoch: int) -> float | None:
    """values[i] where epochs[i] == epoch (epochs increasing), or None when that
    epoch was not recorded (beyond a pinned run's end, before a resumed run's start)."""
    i = int(np.searchsorted(epochs, epoch))
    if i < len(epochs) and epochs[i] == epoch:
        return float(values[i])
    return None


def format_value(v: float | None, percent: bool = False) -> str:
    """4 significant digits ("0.04113", "1.2e-07"); percent: "95.24 %"; "–" for none."""
    if v is None or not np.isfinite(v):
        return "–"
    return f"{100 * v:.4g} %" if percent else f"{v:.4g}"


def history_rows(view, epoch: int) -> list[tuple[str, float | None, str, float]]:
    """A HistoryCurves view's rows at ``epoch``: (label, value shown, colour, value as
    drawn) for train, test (while there is a test set) and each pinned curve."""
    percent = view.scale != 1.0
    rows = []
    h = view.readout.history
    if h is not None and len(h):
        train, test = view.series(h)
        parts = [(QCoreApplication.translate("CurveReadout", "train"), train, colors.TRAIN_COLOR)]
        if view._has_test:
            parts.append((QCoreApplication.translate("CurveReadout", "test"), test, colors.TEST_COLOR))
        for label, values, color in parts:
            rows.append((label, value_at(h.epoch, values, epoch), color, percent))
    for pin in view.pins:
        ph = getattr(pin, "pin_history", None)
        if ph is None or not len(ph):
            continue
        train, test = view.series(ph)
        values = train if pin.pin_part == "train" else test
        label = pin.opts["name"]
        if pin.pin_part != "train":
            label += " " + QCoreApplication.translate("CurveReadout", "(test)")
        color = pin.opts["pen"].color().name()
        rows.append((label, value_at(ph.epoch, values, epoch), color, percent))
    return [(label, v, color, _drawn(view, v, percent)) for label, v, color, percent in rows]


def loss_rows(view, epoch: int) -> list[tuple[str, float | None, str, float]]:
    """history_rows, then the learning rate the live run trained that epoch with (the
    strip under the loss plot draws it; no dot on the loss axis)."""
    rows = history_rows(view, epoch)
    h = view.readout.history
    lr = getattr(h, "lr", None) if h is not None else None
    if lr is not None and len(lr) == len(h):
        rows.append(("lr", value_at(h.epoch, lr, epoch), colors.series_color(3), np.nan))
    return rows


def _drawn(view, v, percent):
    """The y at which the view draws value v (scaled, floored for a log axis)."""
    if v is None or not np.isfinite(v):
        return np.nan
    return float(view.transform(np.array([view.scale * v]))[0])


def grad_norm_rows(view, epoch: int) -> list[tuple[str, float | None, str, float]]:
    """A GradNormView's rows at ``epoch``: one per layer."""
    h = view.readout.history
    if h is None or not len(h) or h.grad_norms.ndim != 2:
        return []
    rows = []
    for k in range(h.grad_norms.shape[1]):
        v = value_at(h.epoch, h.grad_norms[:, k], epoch)
        drawn = max(v, LOG_FLOOR) if v is not None and np.isfinite(v) else np.nan
        label = QCoreApplication.translate("CurveReadout", "layer {0}").format(k + 1)
        rows.append((label, v, colors.series_color(k), drawn))
    return rows


def _last_epochs(view) -> list[int]:
    """The last recorded epoch of the live run and of every pin (for clamping the cursor)."""
    hs = [view.readout.history] + [getattr(p, "pin_history", None) for p in getattr(view, "pins", [])]
    return [int(h.epoch[-1]) for h in hs if h is not None and len(h)]


class DotsItem(QGraphicsItem):
    """A dot on each curve at the hovered epoch, drawn in the ViewBox's pixels (one paint
    call; a ScatterPlotItem restyled its spots at every move, the dearest part of a move).

    ``points``: the dots' scene positions while shown."""

    def __init__(self, vb):
        super().__init__(vb)
        self.vb = vb
        self.points: list[QPointF] = []
        self._local: list[QPointF] = []
        self._colors: list[QColor] = []
        self._pen = QPen(QColor(colors.FOREGROUND), 1.0)
        self.setZValue(25)

    def boundingRect(self) -> QRectF:
        return self.vb.rect().adjusted(-DOT_PX, -DOT_PX, DOT_PX, DOT_PX)

    def set_points(self, points: list[QPointF], cols: list[str]) -> None:
        self.points = points
        self._local = [self.vb.mapFromScene(p) for p in points]
        self._colors = [QColor(c) for c in cols]
        self.update()

    def paint(self, p, *args):
        p.setPen(self._pen)
        for point, color in zip(self._local, self._colors):
            p.setBrush(color)
            p.drawEllipse(point, DOT_PX, DOT_PX)


class CurveReadout(QObject):
    """The crosshair, dots and value box of one epoch plot (see the module doc).

    Attributes: ``epoch`` (the epoch shown, None while hidden), ``rows`` (what
    the box lists: (label, value, colour, drawn y) per curve), ``history``.
    """

    def __init__(self, view, rows_at, parent=None):
        super().__init__(parent or view)
        self.view, self.rows_at = view, rows_at
        self.plot = view.plot
        self.vb = self.plot.getViewBox()
        self.history = None
        self.epoch: int | None = None
        self.rows: list = []
        self._scene_pos: QPointF | None = None
        self._key = None                   # what the box shows now (epoch, data, range)
        pen = pg.mkPen(colors.FOREGROUND, width=1)
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pen)
        self.hline = pg.InfiniteLine(angle=0, movable=False,
                                     pen=pg.mkPen("#b0b0b0", width=1, style=Qt.PenStyle.DashLine))
        self.dots = DotsItem(self.vb)
        self.box = pg.TextItem(anchor=(0, 0), fill=pg.mkBrush(255, 255, 255, 235),
                               border=pg.mkPen("#909090"))
        for z, item in enumerate((self.hline, self.vline, self.box)):
            item.setZValue(20 + z)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)   # zoom and pan go to the plot
            self.plot.addItem(item, ignoreBounds=True)
        self.dots.setVisible(False)
        self.hide()
        view.widget.scene().sigMouseMoved.connect(self._moved)
        self.hover_area = HoverArea(self.vb, self._left)   # the mouse left: hidden

    # --- input -----------------------------------------------------------------
    def set_history(self, history) -> None:
        """The live run's history (the view calls this from set_snapshot); a shown box follows it."""
        self.history = history
        if self._scene_pos is not None:
            self._moved(self._scene_pos)

    def _left(self) -> None:
        self._scene_pos = None
        self.hide()

    def _moved(self, scene_pos) -> None:
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            self._scene_pos = None
            self.hide()
            return
        self._scene_pos = QPointF(scene_pos)
        p = self.vb.mapSceneToView(scene_pos)
        self.show_at(p.x(), p.y())

    # --- drawing ---------------------------------------------------------------
    def show_at(self, x: float, y: float) -> None:
        """Show the readout for the epoch nearest x (view coordinates); y places the
        horizontal line. Hidden when no curve has data."""
        last = _last_epochs(self.view)
        if not last:
            self.hide()
            return
        epoch = int(min(max(round(x), 1), max(last)))
        key = (epoch, id(self.history), len(getattr(self.view, "pins", ())), self._log_y(),
               tuple(map(tuple, self.vb.viewRange())))
        self.hline.setPos(y)
        if key == self._key and self.box.isVisible():
            return                         # the same epoch of the same data: only the line moved
        self._key = key
        self.epoch = epoch
        self.rows = self.rows_at(self.view, epoch)
        self.vline.setPos(epoch)
        drawn = np.array([r[3] for r in self.rows], dtype=float)
        ok = np.isfinite(drawn) & (drawn > 0 if self._log_y() else True)
        ys = np.log10(drawn[ok]) if self._log_y() else drawn[ok]
        dots = [self.vb.mapViewToScene(QPointF(epoch, y)) for y in ys]
        self.dots.set_points(dots, [r[2] for r, good in zip(self.rows, ok) if good])
        self.box.setHtml(self.html())
        self._place(epoch, dots)
        for item in (self.vline, self.hline, self.dots, self.box):
            item.setVisible(True)

    def html(self) -> str:
        """The box's text: the epoch, then one coloured line per curve."""
        head = self.tr("epoch {0}").format(self.epoch)
        lines = [f"<b>{head}</b>"]
        percent = getattr(self.view, "scale", 1.0) != 1.0
        for label, v, color, _ in self.rows:
            lines.append(f"<span style='color:{color}'>■</span> {label} {format_value(v, percent)}")
        return (f"<div style='color:{colors.FOREGROUND}; font-size:8pt'>" + "<br>".join(lines) + "</div>")

    def text(self) -> str:
        """The box's text as shown, without markup (one line per row)."""
        return self.box.textItem.toPlainText()

    def hide(self) -> None:
        self.epoch = self._key = None
        for item in (self.vline, self.hline, self.dots, self.box):
            item.setVisible(False)

    def _log_y(self) -> bool:
        return bool(self.plot.ctrl.logYCheck.isChecked())

    def _place(self, epoch: float, dots: list[QPointF]) -> None:
        """Put the box where box_corner says, in view coordinates."""
        vb = self.vb
        line = vb.mapViewToScene(QPointF(epoch, 0)).x()
        size = self.box.boundingRect().size()
        corner = box_corner(vb.sceneBoundingRect(), size.width(), size.height(), line, dots)
        self.box.setAnchor((0, 0))
        self.box.setPos(vb.mapSceneToView(corner))


def box_corner(area: QRectF, w: float, h: float, line_x: float, dots) -> QPointF:
    """The top-left corner (scene pixels) of a w × h box beside the vertical line at
    ``line_x`` inside ``area``: on the side towards the middle, or the side it fits on;
    at the top or the bottom, whichever covers none of ``dots`` (fewest of them, else
    the half away from them)."""
    right_x, left_x = line_x + OFFSET_PX, line_x - OFFSET_PX - w
    fits_right, fits_left = right_x + w <= area.right(), left_x >= area.left()
    toward_middle = line_x < area.center().x()
    if fits_right and (toward_middle or not fits_left):
        x = right_x
    elif fits_left:
        x = left_x
    else:                                  # wider than either side: the roomier one, kept inside
        x = right_x if area.right() - line_x > line_x - area.left() else left_x
        x = max(area.left(), min(x, area.right() - w))
    tops = (area.top() + 2, area.bottom() - h - 2)
    covered = [sum(QRectF(x - DOT_MARGIN_PX, y - DOT_MARGIN_PX, w + 2 * DOT_MARGIN_PX, h + 2 * DOT_MARGIN_PX)
                   .contains(d) for d in dots) for y in tops]
    mean_y = np.mean([d.y() for d in dots]) if dots else area.bottom()
    away = 1 if mean_y < area.center().y() else 0      # dots high: the bottom
    best = away if covered[away] <= covered[1 - away] else 1 - away
    return QPointF(x, tops[best])
