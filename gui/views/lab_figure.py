"""The lab report's figures: ground truth beside prediction, and the activation with its derivative."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.plane import plane_range
from backprop_lab.model import activations

Z_RANGE = (-5.0, 5.0)
Z_POINTS = 401
MAX_Z_DOTS = 2000     # hidden pre-activations drawn on the activation curve


def _fixed_plot(plot: pg.PlotItem) -> None:
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(False, False)
    colors.style_plot(plot)


class GroundTruthView(QWidget):
    """Two scatter plots over the same plane: points coloured by their label y
    ("Ground truth") and by the network's class p > 0.5 ("Prediction").
    Training points are filled, test points outlined."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("groundTruthView")
        self.widget = pg.GraphicsLayoutWidget()
        self.truth_plot = self.widget.addPlot(row=0, col=0)
        self.pred_plot = self.widget.addPlot(row=0, col=1)
        colors.set_title(self.truth_plot, "Ground truth")
        colors.set_title(self.pred_plot, "Prediction (p > 0.5)")
        self.pred_plot.setXLink(self.truth_plot)
        self.pred_plot.setYLink(self.truth_plot)
        self._brushes = np.array([pg.mkBrush(c) for c in colors.CLASS_COLORS], dtype=object)
        self._pens = np.array([pg.mkPen(c, width=2) for c in colors.CLASS_COLORS], dtype=object)
        self.items = {}
        for name, plot in (("truth", self.truth_plot), ("pred", self.pred_plot)):
            _fixed_plot(plot)
            plot.setAspectLocked(True, ratio=1.0)     # the plane as it is: a circle stays round
            plot.setLabel("bottom", "x1")
            plot.setLabel("left", "x2")
            train = pg.ScatterPlotItem(size=8, pen=pg.mkPen(colors.OUTLINE))
            test = pg.ScatterPlotItem(size=8, brush=pg.mkBrush("w"))
            plot.addItem(train)
            plot.addItem(test)
            self.items[name] = (train, test)
        self._extent = None
        self.widget.setBackground(colors.BACKGROUND)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)

    @staticmethod
    def _classes(v) -> np.ndarray:
        return (np.asarray(v)[:, 0] > 0.5).astype(np.intp)

    def set_snapshot(self, snap) -> None:
        extent = plane_range(snap)
        if extent != self._extent:
            self._extent = extent
            self.truth_plot.setRange(xRange=extent[:2], yRange=extent[2:], padding=0.02)
        X, Xt = snap.X, snap.X_test
        has_test = Xt is not None and len(Xt) > 0
        labels = {"truth": (snap.y, snap.y_test if has_test else None),
                  "pred": (snap.predict(X), snap.predict(Xt) if has_test else None)}
        for name, (train, test) in self.items.items():
            y_train, y_test = labels[name]
            train.setData(pos=X, brush=self._brushes[self._classes(y_train)])
            if has_test:
                test.setData(pos=Xt, pen=self._pens[self._classes(y_test)])
            else:
                test.setData([], [])


class ActivationView(QWidget):
    """The hidden activation f(z) and its derivative f'(z) on z ∈ [−5, 5], formulas
    in the title. Grey dots mark the hidden units' (z, f(z)) at the training points,
    so one sees whether they sit where f' ≈ 0 (saturated, learning slowly)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("activationView")
        self.widget = pg.PlotWidget(background=colors.BACKGROUND)
        self.plot = self.widget.getPlotItem()
        _fixed_plot(self.plot)
        self.plot.setLabel("bottom", "z")
        self.plot.addLine(x=0, pen=pg.mkPen(colors.FOREGROUND, width=0.5))
        self.plot.addLine(y=0, pen=pg.mkPen(colors.FOREGROUND, width=0.5))
        self.legend = self.plot.addLegend(offset=(10, 10), labelTextColor=colors.FOREGROUND,
                                          brush=pg.mkBrush(255, 255, 255, 200))
        self.z = np.linspace(*Z_RANGE, Z_POINTS)
        self.f_curve = self.plot.plot(pen=pg.mkPen(colors.CLASS1, width=2), name="f(z)")
        self.df_curve = self.plot.plot(pen=pg.mkPen(colors.CLASS0, width=2), name="f'(z)")
        self.z_dots = pg.ScatterPlotItem(size=4, pen=None, brush=pg.mkBrush(80, 80, 80, 90))
        self.plot.addItem(self.z_dots)
        self.activation = None
        self._key = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)

    def set_activation(self, name: str, leaky_slope: float = 0.01, elu_alpha: float = 1.0) -> None:
        """Draw activation ``name`` (a key of backprop_lab.model.activations.ACTIVATIONS)."""
        key = (name, leaky_slope if name == "leaky_relu" else elu_alpha if name == "elu" else None)
        if key == self._key:
            return
        self._key = key
        act = activations.get(name, leaky_slope, elu_alpha)
        self.activation = act
        f = act(self.z)
        self.f_curve.setData(self.z, f)
        self.df_curve.setData(self.z, act.slope(self.z))
        colors.set_title(self.plot, f"{act.formula}<br>{act.derivative_formula}", size="9pt")
        lo, hi = min(f.min(), 0.0), max(f.max(), 1.0)
        self.plot.setRange(xRange=Z_RANGE, yRange=(max(lo, -5.0), min(hi, 5.0)), padding=0.05)

    def set_snapshot(self, snap) -> None:
        cfg = snap.config
        self.set_activation(cfg.activation, cfg.leaky_slope, cfg.elu_alpha)
        hidden = [z for z, _ in snap.layer_outputs(snap.X)[:-1]]
        if not hidden:
            self.z_dots.setData([], [])
            return
        z = np.concatenate([h.ravel() for h in hidden])
        if len(z) > MAX_Z_DOTS:
            z = z[:: int(np.ceil(len(z) / MAX_Z_DOTS))]
        z = np.clip(z, *Z_RANGE)      # saturated units pile up at the edge rather than vanish
        self.z_dots.setData(z, self.activation(z))
