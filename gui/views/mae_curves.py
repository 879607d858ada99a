"""MaeCurves: a regression run's mean absolute error on the R² plot's right axis.

The history records the MAE of every epoch beside R² (model/history.py:
``mae``, ``test_mae``). R² is at most 1 and has no unit; the MAE is in the
target's units and starts at 0, so it gets its own axis on the right, in a
second ViewBox that shares the epoch axis. Its curves are dash-dotted in the
train and test colours; the legend names them ("train MAE", "test MAE") and the
hover readout lists them below R² (``accuracy_rows``), with a dot on each curve.

    R² (left)                                          MAE (right)
    1 ┤   ────────────── train                               ┊
      │  ╱  ─·─·─·─·─·─· train MAE                    0.2 ├
    0 ┼─╱···                                              0 ┤

Classification has no MAE: the axis and its curves are hidden.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.curve_readout import history_rows, value_at
from backprop_lab.gui.views.decimate_live import LiveDecimation


class PassiveViewBox(pg.ViewBox):
    """A ViewBox that takes no mouse input: the wheel, drags and clicks reach the plot's
    own ViewBox below it (its x range follows that one's)."""

    def __init__(self):
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=False, y=False)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def wheelEvent(self, ev, axis=None):
        ev.ignore()


class MaeCurves:
    """The MAE curves of ``view`` (an AccuracyCurves), shown while it shows a regression.

    Attributes: ``vb`` (the right axis's ViewBox), ``train_curve``, ``test_curve``,
    ``shown`` (a regression is drawn), ``has_test`` (the test curve has values).
    """

    def __init__(self, view, bound):
        self.view, self.bound = view, bound       # bound(m): the axis top for values up to m
        plot = view.plot
        self.main_vb = plot.getViewBox()
        self.vb = PassiveViewBox()
        self.vb.setParentItem(plot)      # a child of the plot: exported (PNG, SVG) with it
        # under the plot's own ViewBox (it has no background): the hover box covers the MAE too
        self.vb.setZValue(self.main_vb.zValue() - 1)
        self.axis = plot.getAxis("right")
        self.axis.linkToView(self.vb)
        self.vb.setXLink(self.main_vb)
        self.vb.enableAutoRange(x=False, y=False)
        self.main_vb.sigResized.connect(self._follow_geometry)
        style = Qt.PenStyle.DashDotLine
        self.train_curve = pg.PlotDataItem(pen=pg.mkPen(colors.TRAIN_COLOR, width=1, style=style),
                                           connect="finite")
        self.test_curve = pg.PlotDataItem(pen=pg.mkPen(colors.TEST_COLOR, width=1, style=style),
                                          connect="finite")
        for curve in (self.train_curve, self.test_curve):
            self.vb.addItem(curve)
        self.shown = self.has_test = False
        self._key = self._top = None
        self._thin_train, self._thin_test = LiveDecimation(), LiveDecimation()   # kept across frames
        self.set_shown(False)

    def _follow_geometry(self):
        self.vb.setGeometry(self.main_vb.geometry())     # both in the plot's coordinates
        self.vb.linkedViewChanged(self.main_vb, self.vb.XAxis)

    def set_shown(self, on: bool) -> None:
        """Show the right axis and the curves (a regression), or hide them."""
        self.shown = bool(on)
        plot = self.view.plot
        if self.shown:
            plot.showAxis("right")
            plot.setLabel("right", QCoreApplication.translate("MaeCurves", "MAE"))
            self._follow_geometry()
        else:
            plot.hideAxis("right")
            self._set(self.train_curve, None)
            self._set(self.test_curve, None)
            self._key = None
        self.vb.setVisible(self.shown)

    def set_history(self, h) -> None:
        """Redraw from ``h.mae`` and ``h.test_mae`` (decimated as the other curves, from
        frame to frame: gui/views/decimate_live.py);
        nothing is redrawn when they are what was drawn last."""
        mae, test = getattr(h, "mae", None), getattr(h, "test_mae", None)
        n = len(h.epoch)
        if mae is None or not n:
            mae = test = np.full(n, np.nan)
        key = (n, int(h.epoch[-1]) if n else 0, mae[-1:].tobytes(), test[-1:].tobytes())
        if key == self._key:
            return
        self._key = key
        # the decimated points keep each bucket's extremes (a NaN never wins one), so
        # whether any value is finite and the largest are read off them, not the history
        (x, y), = self._thin_train(h.epoch, mae)
        (tx, ty), = self._thin_test(h.epoch, test)
        self._set(self.train_curve, (x, y))
        self.has_test = bool(np.isfinite(ty).any())
        self._set(self.test_curve, (tx, ty) if self.has_test else None)
        finite = y[np.isfinite(y)]
        if self.has_test:
            finite = np.concatenate([finite, ty[np.isfinite(ty)]])
        top = self.bound(float(finite.max())) if len(finite) else 1.0
        if top != self._top:             # the axis changes a few times per decade, not every frame
            self._top = top
            self.vb.setYRange(0.0, top, padding=0.05)

    @staticmethod
    def _set(curve, xy) -> None:
        if xy is None:
            curve.setData(np.zeros(0), np.zeros(0))
        else:
            curve.setData(*xy)

    def add_to_legend(self, legend) -> None:
        legend.addItem(self.train_curve, QCoreApplication.translate("MaeCurves", "train MAE"))
        if self.has_test:
            legend.addItem(self.test_curve, QCoreApplication.translate("MaeCurves", "test MAE"))

    def rows(self, epoch: int) -> list[tuple[str, float | None, str, float]]:
        """The readout's rows at ``epoch``: (label, MAE, colour, the y on the left axis at
        which its curve is drawn there, for the dot)."""
        h = self.view.readout.history
        if not self.shown or h is None or getattr(h, "mae", None) is None or not len(h):
            return []
        parts = [(QCoreApplication.translate("MaeCurves", "train MAE"), h.mae, colors.TRAIN_COLOR)]
        if self.has_test:
            parts.append((QCoreApplication.translate("MaeCurves", "test MAE"), h.test_mae, colors.TEST_COLOR))
        rows = []
        for label, values, color in parts:
            v = value_at(h.epoch, values, epoch)
            drawn = np.nan
            if v is not None and np.isfinite(v):
                scene = self.vb.mapViewToScene(QPointF(epoch, v))
                drawn = float(self.main_vb.mapSceneToView(scene).y())
            rows.append((label, v, color, drawn))
        return rows


def accuracy_rows(view, epoch: int) -> list[tuple[str, float | None, str, float]]:
    """An AccuracyCurves view's readout rows: accuracy or R² (history_rows), then the
    MAE of a regression."""
    return history_rows(view, epoch) + view.mae.rows(epoch)
