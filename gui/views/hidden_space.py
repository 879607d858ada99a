"""HiddenSpaceView: how one hidden layer bends the input plane.

A grid of straight lines on the input plane (GRID_LINES horizontal and
GRID_LINES vertical, LINE_POINTS points each) is pushed through the network up
to the chosen hidden layer and drawn in that layer's activation space, with
the training points on top. Axes are two chosen units, or the first two
principal components of the layer's activations over the training points
(PCA by SVD). A 1-unit layer is drawn against zeros. Where the chosen layer is
the last hidden one and the axes are its only two units, the output unit's
p = 0.5 line is drawn too: there the classes must be linearly separable.

    view.set_snapshot(snap)    # redraw from a Snapshot (live while training)
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backprop_lab.gui.views import class_colors, colors, problem_map
from backprop_lab.gui.views.plane import plane_range

GRID_LINES = 15
LINE_POINTS = 50
H_COLOR = (110, 90, 160, 150)     # horizontal input lines (y constant)
V_COLOR = (60, 140, 110, 150)     # vertical input lines (x constant)


def input_grid_lines(extent, n_lines: int = GRID_LINES, n_points: int = LINE_POINTS) -> np.ndarray:
    """(2·n_lines, n_points, 2): n_lines horizontal then n_lines vertical polylines over extent."""
    x0, x1, y0, y1 = extent
    t = np.linspace(0.0, 1.0, n_points)
    s = np.linspace(0.0, 1.0, n_lines)
    xs, ys = x0 + t * (x1 - x0), y0 + s * (y1 - y0)
    horiz = np.stack([np.broadcast_to(xs, (n_lines, n_points)),
                      np.broadcast_to(ys[:, None], (n_lines, n_points))], axis=-1)
    xs_c, ys_l = x0 + s * (x1 - x0), y0 + t * (y1 - y0)
    vert = np.stack([np.broadcast_to(xs_c[:, None], (n_lines, n_points)),
                     np.broadcast_to(ys_l, (n_lines, n_points))], axis=-1)
    return np.concatenate([horiz, vert])


def principal_axes(H: np.ndarray):
    """PCA of activations H (n, k): (mean (k,), axes (min(k, 2), k) orthonormal rows,
    variances (min(k, 2),) in decreasing order). Each axis's largest entry is made
    positive, so the picture does not flip sign from one epoch to the next."""
    mean = H.mean(axis=0)
    _, S, Vt = np.linalg.svd(H - mean, full_matrices=False)
    axes = Vt[:2].copy()
    flip = np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])
    axes *= np.where(flip == 0, 1.0, flip)[:, None]
    return mean, axes, (S[:2] ** 2) / max(len(H) - 1, 1)


class HiddenSpaceView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("hiddenSpaceView")
        self.snapshot = None
        self._spec = None
        self.grid_input = None        # (2·GRID_LINES, LINE_POINTS, 2) input-plane polylines
        self.polylines = []           # [(LINE_POINTS, 2)] the same lines in the drawn space
        self.point_xy = None          # (n, 2) training points in the drawn space
        self.pca = None               # (mean, axes, variances) when the PCA axes are shown

        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("hiddenLayerCombo")
        self.x_combo, self.y_combo = QComboBox(), QComboBox()
        for combo in (self.layer_combo, self.x_combo, self.y_combo):   # narrow: the tab fits 1024 px
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(2)
        self.pca_box = QCheckBox(self.tr("PCA axes"))    # short: the tab must fit a laptop screen
        self.pca_box.setToolTip(self.tr("The first two principal components: axes along which this layer's "
                                "activations over the training points vary most (PCA via SVD)"))
        bar = QHBoxLayout()
        for w in (QLabel(self.tr("Layer")), self.layer_combo, QLabel("x:"), self.x_combo,
                  QLabel("y:"), self.y_combo, self.pca_box):
            bar.addWidget(w)
        bar.addStretch(1)
        self.plot_widget = pg.PlotWidget(background=colors.BACKGROUND)
        self.plot = self.plot_widget.getPlotItem()
        colors.style_plot(self.plot)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.curves = []
        for k in range(2 * GRID_LINES):
            c = pg.PlotCurveItem(pen=pg.mkPen(H_COLOR if k < GRID_LINES else V_COLOR, width=1.2))
            self.plot.addItem(c)
            self.curves.append(c)
        self.boundary = pg.PlotCurveItem(pen=pg.mkPen("#202020", width=2, style=pg.QtCore.Qt.PenStyle.DashLine))
        self.plot.addItem(self.boundary, ignoreBounds=True)
        self.scatter = pg.ScatterPlotItem(size=8, pen=pg.mkPen(colors.OUTLINE, width=0.8))
        self.plot.addItem(self.scatter)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(bar)
        lay.addWidget(self.plot_widget, 1)
        self._two_classes = True
        self.caption = caption = QLabel(self._caption(two_classes=True))
        caption.setWordWrap(True)
        caption.setStyleSheet(f"color: {colors.FOREGROUND}")
        lay.addWidget(caption)

        self.layer_combo.currentIndexChanged.connect(self._layer_changed)
        for w in (self.x_combo, self.y_combo):
            w.currentIndexChanged.connect(self.redraw)
        self.pca_box.toggled.connect(self._pca_toggled)

    # --- public API ----------------------------------------------------------------
    @property
    def layer(self) -> int:
        """Engine index of the chosen hidden layer (−1 when the net has none)."""
        return self.layer_combo.currentIndex()

    def _caption(self, two_classes: bool) -> str:
        if two_classes:
            return self.tr("Lines: the input plane's grid (purple: y constant, green: x constant) as "
                           "this layer maps it; dots: training points; dashed: where the output is 0.5.")
        # K classes and regression have no single 0.5 line (and none is drawn)
        return self.tr("Lines: the input plane's grid (purple: y constant, green: x constant) as "
                       "this layer maps it; dots: training points in their classes' or targets' colours.")

    def set_snapshot(self, snap):
        self.snapshot = snap
        if snap is not None and snap.spec != self._spec:
            self._spec = snap.spec
            self._fill_layers(snap.spec.build_layers()[:-1])
        if snap is not None:          # (a regression may have the two-class network's spec)
            two = not problem_map.active(snap)
            if two != self._two_classes:
                self._two_classes = two
                self.caption.setText(self._caption(two))
        self.redraw()

    def choose(self, layer: int, x_unit: int = 0, y_unit: int = 1, pca: bool = False):
        """Pick the layer, the two units for the axes, or the PCA axes."""
        self.layer_combo.setCurrentIndex(layer)
        self.x_combo.setCurrentIndex(x_unit)
        self.y_combo.setCurrentIndex(min(y_unit, self.y_combo.count() - 1))
        self.pca_box.setChecked(pca)
        self.redraw()

    # --- internals ---------------------------------------------------------------------
    def _fill_layers(self, hidden):
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for l, layer in enumerate(hidden):
            self.layer_combo.addItem(self.tr("layer {value} ({width} units, {name})").format(value=l + 1, width=layer.width, name=layer.act.name))
        self.layer_combo.setCurrentIndex(len(hidden) - 1)
        self.layer_combo.blockSignals(False)
        self.pca_box.blockSignals(True)     # a new network: PCA when its last hidden layer is wider than 2
        self.pca_box.setChecked(bool(hidden) and hidden[-1].width > 2)
        self.pca_box.blockSignals(False)
        self._layer_changed()

    def _activations(self):
        """The chosen layer's activations over the training points (n, width), or None."""
        snap = self.snapshot
        if snap is None or self.layer < 0 or not len(snap.X):
            return None
        return snap.layer_outputs(snap.X)[self.layer][1]

    def _layer_changed(self, *_):
        """Unit axes default to the layer's two most varied units over the training points
        (units 0 and 1 of a deep ReLU net are often dead: every point at (0, 0))."""
        width = self._width()
        A = self._activations()
        order = list(np.argsort(-A.var(axis=0), kind="stable")) if A is not None else list(range(width))
        for combo, default in ((self.x_combo, min(order[:2], default=0)), (self.y_combo, max(order[:2], default=0))):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([f"unit {j}" for j in range(width)])
            combo.setCurrentIndex(min(int(default), width - 1))
            combo.blockSignals(False)
        self._pca_toggled(self.pca_box.isChecked())

    def _pca_toggled(self, on):
        for w in (self.x_combo, self.y_combo):
            w.setEnabled(not on)
        self.redraw()

    def _width(self) -> int:
        if self._spec is None or self.layer < 0:
            return 0
        return self._spec.build_layers()[self.layer].width

    def _project(self, A_grid, A_data):
        """Activations (m, k) -> plot coordinates (m, 2) and the axis titles."""
        l, k = self.layer + 1, A_data.shape[1]
        self.pca = None
        if self.pca_box.isChecked() and len(A_data) >= 2:
            mean, axes, var = principal_axes(A_data)
            self.pca = (mean, axes, var)
            share = var / max(np.var(A_data, axis=0, ddof=1).sum(), 1e-300)
            proj = [(A - mean) @ axes.T for A in (A_grid, A_data)]
            titles = [self.tr("PC{i} ({share:.0%} of variance)").format(i=i + 1, share=share[i])
                      for i in range(len(axes))]
        else:
            i, j = self.x_combo.currentIndex(), self.y_combo.currentIndex()
            cols = [max(i, 0)] + ([max(j, 0)] if k > 1 else [])
            proj = [A[:, cols] for A in (A_grid, A_data)]
            flat = len(A_data) > 0 and np.ptp(A_data[:, cols], axis=0) == 0
            titles = [self.tr("a of layer {layer}, unit {unit}").format(layer=l, unit=c) + (
                (self.tr(" — dead: a = {a:.3g} on every training point") if A_data[0, c] == 0 else
                 self.tr(" — constant: a = {a:.3g} on every training point")).format(a=A_data[0, c])
                if len(A_data) and flat[n] else "") for n, c in enumerate(cols)]
        if proj[0].shape[1] == 1:                  # one dimension: plot against zeros
            proj = [np.column_stack([P[:, 0], np.zeros(len(P))]) for P in proj]
            titles.append(self.tr("0 (the layer has one unit)"))
        return proj[0], proj[1], titles

    def redraw(self, *_):
        snap = self.snapshot
        if snap is None or self.layer < 0:
            for c in self.curves:
                c.setData([], [])
            self.scatter.setData([])
            self.boundary.setData([], [])
            self.plot.setTitle(self.tr("No hidden layer to show") if snap is not None else "")
            self.polylines, self.point_xy = [], None
            return
        self.grid_input = input_grid_lines(plane_range(snap))
        pts = self.grid_input.reshape(-1, 2)
        l = self.layer
        A_grid = snap.layer_outputs(pts)[l][1]
        A_data = snap.layer_outputs(snap.X)[l][1] if len(snap.X) else np.zeros((0, A_grid.shape[1]))
        G, D, titles = self._project(A_grid, A_data)
        lines = G.reshape(2 * GRID_LINES, LINE_POINTS, 2)
        self.polylines = list(lines)
        for curve, line in zip(self.curves, lines):
            curve.setData(line[:, 0], line[:, 1])
        self.point_xy = D
        y = snap.y[:, 0] if len(snap.y) else np.zeros(0)
        if problem_map.active(snap):     # K classes or regression: their own colours
            brushes = list(class_colors.point_styles(snap, snap.y, truth=True))
        else:
            brushes = [pg.mkBrush(colors.CLASS_COLORS[int(c)]) for c in y]
        self.scatter.setData(x=D[:, 0], y=D[:, 1], brush=brushes)
        self.plot.setLabel("bottom", titles[0])
        self.plot.setLabel("left", titles[1])
        # short, in the panes' title size: the long title ran out of a 1024 px window's tab
        colors.set_title(self.plot, self.tr("Input plane in hidden layer {layer} · epoch {epoch}")
                         .format(layer=l + 1, epoch=f"{snap.epoch:,}"))
        self._draw_boundary(snap, G, D)

    def _draw_boundary(self, snap, G, D):
        """The output's p = 0.5 line, when it is a line in these axes (see the module doc)."""
        layers = snap.spec.build_layers()
        last_hidden = self.layer == len(layers) - 2
        if not (last_hidden and self._width() == 2 and not problem_map.active(snap) and self.pca is None and
                {self.x_combo.currentIndex(), self.y_combo.currentIndex()} == {0, 1}):
            self.boundary.setData([], [])
            return
        W, b = snap.params[-1]
        i, j = self.x_combo.currentIndex(), self.y_combo.currentIndex()
        # p = f(z) crosses 0.5 where z = z*: 0 for sigmoid, atanh(0.5) for tanh, else 0.5
        z_star = {"sigmoid": 0.0, "tanh": float(np.arctanh(0.5))}.get(layers[-1].act.name, 0.5)
        wx, wy = W[i, 0], W[j, 0]
        c = (0.0 if b is None else b[0]) - z_star       # the line wx·u + wy·v + c = 0
        P = np.concatenate([G, D])
        lo, hi = P.min(axis=0), P.max(axis=0)
        if abs(wy) >= abs(wx) and wy != 0:
            u = np.array([lo[0], hi[0]])
            self.boundary.setData(u, -(wx * u + c) / wy)
        elif wx != 0:
            v = np.array([lo[1], hi[1]])
            self.boundary.setData(-(wy * v + c) / wx, v)
        else:
            self.boundary.setData([], [])
