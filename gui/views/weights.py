"""WeightsView (each layer's W as a heatmap) and GradNormView (‖dL/dW‖ per layer over time)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.curve_readout import CurveReadout, grad_norm_rows
from backprop_lab.gui.views.curves import DecadeAxis, EpochAxis, room_for_end_labels
from backprop_lab.gui.views.decimate_live import LiveDecimation
from backprop_lab.gui.views.images import LutImageItem
from backprop_lab.gui.views.weights_readout import WeightsReadout

PLOTS_PER_ROW = 4
NORM_FLOOR = 1e-300   # a gradient norm of exactly 0 has no logarithm


def _light_layout_widget() -> pg.GraphicsLayoutWidget:
    return pg.GraphicsLayoutWidget()


def nice_ceil(m: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is >= m (1.0 for 0, NaN or inf)."""
    if not np.isfinite(m) or m <= 0:
        return 1.0
    base = 10.0 ** np.floor(np.log10(m))
    return float(next(step * base for step in (1, 2, 5, 10) if step * base >= m * (1 - 1e-12)))


MAX_TICK_LABELS = 4   # per heatmap axis: a plot is ~80 px wide when 4 layers share a row


def tick_step(n: int, px_per_unit: float = 0.0, px_per_label: float = 0.0) -> int:
    """Label every k-th of n units, k = 1, 2, 4, 5, 8, 10, 16, 20 …: labels at least
    ``px_per_label`` apart when the cells are ``px_per_unit`` wide, and at most
    MAX_TICK_LABELS of them (two-digit labels ran together from 8–16 units on)."""
    k = 1
    while -(-n // k) > max(MAX_TICK_LABELS, 5 if n <= 5 else 0) or k * px_per_unit < px_per_label:
        k = {1: 2, 2: 4, 4: 5, 5: 8, 8: 10}.get(k, 2 * k)
        if k >= n:
            return max(1, n)                       # one label, at unit 0
    return k


def layer_title(k: int, layer, W) -> str:
    """"layer k: fan_in × fan_out" (k from 1), naming a convolution's kernel as such."""
    if getattr(layer, "kind", "dense") == "conv1d":
        text = QCoreApplication.translate("WeightsView", "layer {k} (conv kernel): {rows} × {cols}")
    else:
        text = QCoreApplication.translate("WeightsView", "layer {k}: {rows} × {cols}")
    return text.format(k=k, rows=W.shape[0], cols=W.shape[1])


class WeightsView(QWidget):
    """Each layer's weight matrix W (fan_in rows × fan_out columns, row 0 on top) as a
    heatmap on one colour scale symmetric around 0 (orange −, blue +), with its colour bar.
    Biases are not drawn; the diagram's neuron tooltips give them.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("weightsView")
        self.widget = _light_layout_widget()
        self.plots: list[pg.PlotItem] = []
        self.images: list[pg.ImageItem] = []
        self.color_bar: pg.ColorBarItem | None = None
        self._shapes = None
        self._drawn_key = None          # the weights drawn last (see set_snapshot)
        self.widget.setBackground(colors.BACKGROUND)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self.readout = WeightsReadout(self)     # hover a cell: from → to, w, dL/dw, last Δw

    def _rebuild(self, layers, params):
        """Plots for a new network shape. Making pyqtgraph plots costs ~30 ms each,
        so a change of units only (the same number of layers) reuses them."""
        if len(params) != len(self.plots):
            self._make_plots(len(params))
        for k, (plot, img, layer, (W, _)) in enumerate(zip(self.plots, self.images, layers, params),
                                                      start=1):
            colors.set_title(plot, layer_title(k, layer, W), size="9pt")
            # cell (r, c) centred on the integer point (c, r), so ticks name indices of W;
            # the rect only takes once the image has a size
            img.setImage(np.zeros(W.shape), autoLevels=False, levels=(-1, 1),
                         rect=QRectF(-0.5, -0.5, W.shape[1], W.shape[0]))
            plot.setRange(xRange=(-0.5, W.shape[1] - 0.5), yRange=(-0.5, W.shape[0] - 0.5), padding=0.02)
        self._set_ticks()
        QTimer.singleShot(0, self._set_ticks)       # again once the new plots are laid out
        # As wide as the plots need, so a narrow pane asks the splitter for room
        # instead of cutting off the last layer and the colour bar.
        need = self.widget.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
        self.widget.setMinimumWidth(int(np.ceil(need)))

    def _set_ticks(self):
        """Tick labels every k-th unit, as many as the plots' pixels hold legibly."""
        for plot, img in zip(self.plots, self.images):
            rows, cols = img.image.shape if img.image is not None else (1, 1)
            # pixels per cell: the aspect lock makes both the same, whatever the box's shape
            dx, dy = plot.getViewBox().viewPixelSize()
            for axis, n, px, need in (("bottom", cols, 1 / dx if dx > 0 else 0, 7 * len(str(cols - 1)) + 10),
                                      ("left", rows, 1 / dy if dy > 0 else 0, 14)):
                step = tick_step(n, px, need)
                ticks = [[(i, str(i)) for i in range(0, n, step)], [(i, "") for i in range(n) if i % step]]
                if plot.getAxis(axis)._tickLevels != ticks:
                    plot.getAxis(axis).setTicks(ticks)

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        self._set_ticks()

    def showEvent(self, ev):
        super().showEvent(ev)
        self._set_ticks()

    def _make_plots(self, n_layers: int):
        """Add or remove plots at the end (a layer more or less), then put the
        colour bar back after the last plot."""
        if self.color_bar is not None:
            self.widget.removeItem(self.color_bar)
        while len(self.plots) > n_layers:
            self.images.pop()
            self.widget.removeItem(self.plots.pop())
        while len(self.plots) < n_layers:
            k = len(self.plots)
            plot = self.widget.addPlot(row=k // PLOTS_PER_ROW, col=k % PLOTS_PER_ROW)
            plot.setLabel("left", self.tr("from"))
            plot.setLabel("bottom", self.tr("to"))
            # The title over the whole plot, axis column included, not over the image
            # only: else its text plus the axis sets each plot's minimum width and
            # three layers no longer fit the tab on a laptop screen (cut off on the right).
            plot.layout.removeItem(plot.titleLabel)
            plot.layout.addItem(plot.titleLabel, 0, 0, 1, 3)
            plot.invertY(True)               # matrix layout: row 0 at the top
            plot.setAspectLocked(True)
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
            colors.style_plot(plot)
            img = LutImageItem(axisOrder="row-major")
            plot.addItem(img)
            self.plots.append(plot)
            self.images.append(img)
        if self.color_bar is None:
            self.color_bar = pg.ColorBarItem(values=(-1, 1), colorMap=colors.CMAP, interactive=False,
                                             colorMapMenu=False, width=15)
            self.color_bar.axis.setPen(colors.FOREGROUND)
            self.color_bar.axis.setTextPen(colors.FOREGROUND)
            self.color_bar.axis.setLabel("w", color=colors.FOREGROUND)
        self.color_bar.setImageItem(self.images)
        self.widget.addItem(self.color_bar, row=0, col=min(len(self.plots), PLOTS_PER_ROW),
                            rowspan=max(1, (len(self.plots) + PLOTS_PER_ROW - 1) // PLOTS_PER_ROW))

    def set_snapshot(self, snap) -> None:
        """Redraw every layer's W; the colour scale is ±(largest |w| of the whole network,
        rounded up to 1, 2 or 5 × 10^k so it holds still while the weights creep)."""
        params = snap.params
        shapes = tuple(W.shape for W, _ in params)
        key = (shapes, b"".join(W.tobytes() for W, _ in params))
        if key == self._drawn_key:
            return                      # the same weights (paused, new points): nothing to redraw
        self._drawn_key = key
        if shapes != self._shapes:
            self._rebuild(snap.layers, params)
            self._shapes = shapes
        m = nice_ceil(max((float(np.nanmax(np.abs(W))) for W, _ in params if W.size), default=0.0))
        for img, (W, _) in zip(self.images, params):
            img.setImage(W, autoLevels=False, levels=(-m, m))
        if self.color_bar.levels() != (-m, m):   # setLevels redraws the bar's axis text, even unchanged
            self.color_bar.setLevels((-m, m))
        self.readout.set_snapshot(snap)


class GradNormView(QWidget):
    """‖dL/dW, dL/db‖ of each layer against the epoch on a log axis: when the curves of
    the first layers sink decades below the last, the gradient is vanishing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("gradNormPlot")
        self.widget = pg.PlotWidget(background=colors.BACKGROUND,
                                    axisItems={"bottom": EpochAxis(orientation="bottom"),
                                               "left": DecadeAxis(orientation="left")})
        self.plot = self.widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setLogMode(y=True)
        self.plot.setLabel("bottom", self.tr("epoch"))
        self.plot.setLabel("left", self.tr("gradient norm"))     # "‖" is missing from common fonts
        colors.style_plot(self.plot)
        colors.set_title(self.plot, self.tr("Gradient norm per layer"))
        room_for_end_labels(self.plot)
        # under the plot, in rows: inside it covered the newest epochs
        self.legend = pg.LegendItem(offset=None, labelTextColor=colors.FOREGROUND, colCount=4,
                                    verSpacing=-8, horSpacing=10, labelTextSize="8pt")
        self.plot.layout.addItem(self.legend, 4, 1)
        self.curves: list[pg.PlotDataItem] = []
        self._thin = LiveDecimation()           # kept across frames: a frame costs the new epochs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self.readout = CurveReadout(self, grad_norm_rows)   # hover: the epoch and each layer's norm

    def set_snapshot(self, snap) -> None:
        h = snap.history
        G = h.grad_norms
        n_layers = G.shape[1] if G.ndim == 2 else 0
        if n_layers != len(self.curves):
            self.legend.clear()
            for c in self.curves:
                self.plot.removeItem(c)
            self.curves = [self.plot.plot(pen=pg.mkPen(colors.series_color(k), width=1),
                                          name=f"layer {k + 1}", connect="finite")
                           for k in range(n_layers)]
            for k, curve in enumerate(self.curves):
                self.legend.addItem(curve, self.tr("layer {value}").format(value=k + 1))
        for curve, (x, y) in zip(self.curves, self._thin(h.epoch, G)):
            curve.setData(x, np.maximum(y, NORM_FLOOR))
        self.readout.set_history(h)
