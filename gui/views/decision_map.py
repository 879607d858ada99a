"""DecisionMapView: the network's output p over the input plane, with the data on top."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from backprop_lab.model.fixed_points import FixedPoints
from backprop_lab.gui.views import colors, problem_map
from backprop_lab.gui.views.images import LutImageItem
from backprop_lab.gui.views.isocurve import FastIsocurveItem
from backprop_lab.gui.views.map_readout import MapReadout
from backprop_lab.gui.views.plane import plane_grid, plane_range
from backprop_lab.gui.views.uniform_spots import UniformSpots

RESOLUTION = 100        # grid points per side: enough for a smooth map, 2-3 ms to predict
MIN_RESOLUTION = 40
# Multiply-adds one frame's map and rings may cost (~20 ms on the loaded 2-CPU dev
# machine): a large network (7 features, 6 × 32 units: 5 400 a point) gets a coarser
# grid and its rings are found on an even sample of the points, so that no frame
# holds the event loop for more than 50 ms at any size the controls allow.
FRAME_MACS = 8_000_000
POINT_SIZE = 9
MAX_RINGS = 2000        # misclassified points ringed at most (evenly spaced beyond that)
DELETE_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier


class PlaneViewBox(pg.ViewBox):
    """A fixed ViewBox that reports every click at data coordinates.

    sigPlaneClicked(x, y, button, modifiers): a click at (x, y) in data units,
    with its Qt.MouseButton and Qt.KeyboardModifiers.
    """
    sigPlaneClicked = Signal(float, float, object, object)
    sigWheel = Signal(int)          # wheel steps (+ away from the user), for the regression target

    def mouseClickEvent(self, ev):
        pos = self.mapSceneToView(ev.scenePos())
        ev.accept()
        self.sigPlaneClicked.emit(pos.x(), pos.y(), ev.button(), ev.modifiers())

    def wheelEvent(self, ev, axis=None):
        ev.accept()                 # the view never zooms (mouse disabled): the wheel is free
        steps = ev.delta() if hasattr(ev, "delta") else ev.angleDelta().y()
        self.sigWheel.emit(1 if steps > 0 else -1)


class PassiveScatter(pg.ScatterPlotItem):
    """A ScatterPlotItem that lets clicks through to the plane beneath, so
    clicking on (or Shift-clicking to delete) an existing point still works.

    Its bounding rectangle is kept until pyqtgraph drops its cached data bounds (new
    points, sizes or view transform: it then makes ``bounds`` a new list): Qt asks
    for it several times a paint, and pyqtgraph recomputed it in Python each time
    (~0.5 ms of every map frame for points that hold still)."""

    _rect, _rect_for = None, None

    def boundingRect(self):
        if self._rect_for is not self.bounds or None in self.bounds:
            self._rect = super().boundingRect()
            self._rect_for = self.bounds        # filled in by dataBounds() just now
        return QRectF(self._rect)

    def mouseClickEvent(self, ev):
        ev.ignore()


class RingScatter(UniformSpots, PassiveScatter):
    """The misclassified rings: one style for all, a new set at most frames."""


def _show_if_any(item: pg.ScatterPlotItem) -> None:
    """Hide a scatter with no spots: pyqtgraph paints even an empty one (~0.2 ms a
    frame), and the map is repainted under the points at every frame."""
    item.setVisible(len(item.data) > 0)


class DecisionMapView(QWidget):
    """The classification map: p = net(x) on a RESOLUTION² grid, the p = 0.5
    contour, training points (filled), test points (outlined) and a red ring
    on every misclassified point.

    Signals:
        sigAddPoint(x, y, label): left click adds a point of the current add
            class (see set_add_class), right click one of class 1.
        sigDeletePoint(x, y): Shift+click or Ctrl+click asks to delete the
            point nearest (x, y).
        sigPickSample(index): in pick mode (set_pick_mode) a click picks the
            training point nearest it: index into the snapshot's X. Pick mode
            neither adds nor deletes points.
    """
    sigAddPoint = Signal(float, float, int)
    sigAddTarget = Signal(float, float, float)   # regression: a click adds a point with this target
    sigDeletePoint = Signal(float, float)
    sigPickSample = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("decisionMap")
        self.add_class = 0
        self.add_target: float | None = None  # regression: the target a click gives its point
        self.pick_mode = False
        self.marked: int | None = None      # training point ringed by mark_sample
        self._X = np.zeros((0, 2))          # training points of the last snapshot
        self.extent = None                  # (xmin, xmax, ymin, ymax) of the image
        self.resolution = RESOLUTION        # grid points per side (fewer for a large network)
        self.grid_points = None             # (resolution², 2) points the image is computed at
        self._points_key = None
        self._drawn_key = None              # what the picture was drawn from (see set_snapshot)
        self._wrong_key = None
        self._epoch = None                  # of the snapshot drawn, for exported titles
        self._overlay_name = ""
        self._passes: dict[str, FixedPoints] = {}   # "grid", "train", "test": kept from frame to frame

        self.view_box = PlaneViewBox(enableMenu=False)
        self.view_box.setMouseEnabled(False, False)
        self.view_box.setAspectLocked(True, ratio=1.0)   # a circle stays a circle in any pane shape
        self.view_box.sigPlaneClicked.connect(self._on_click)
        self.widget = pg.PlotWidget(viewBox=self.view_box, background=colors.BACKGROUND)
        self.plot = self.widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setLabel("bottom", "x1")
        self.plot.setLabel("left", "x2")
        colors.style_plot(self.plot)
        # Titles on two lines: a one-line title is cut off in a narrow pane (pyqtgraph
        # does not wrap), and the same height for all keeps the plot from jumping.
        self._title = self.tr("Output p · click: add point<br>right: class 1 · shift: delete")
        colors.set_title(self.plot, self._title)

        self.image_item = LutImageItem(axisOrder="row-major")
        self.overlay_item = LutImageItem(axisOrder="row-major")
        for img in (self.image_item, self.overlay_item):
            img.setColorMap(colors.MAP_CMAP)
            self.plot.addItem(img)
        self.overlay_item.setVisible(False)
        self.contour = FastIsocurveItem(level=0.5, pen=pg.mkPen(colors.FOREGROUND, width=2))
        self.contour.setParentItem(self.image_item)
        self.contour.setPos(0.5, 0.5)       # contour samples sit at pixel centres

        self._brushes = np.array([pg.mkBrush(c) for c in colors.CLASS_COLORS], dtype=object)
        self._pens = np.array([pg.mkPen(c, width=2) for c in colors.CLASS_COLORS], dtype=object)
        self.train_item = PassiveScatter(size=POINT_SIZE, pen=pg.mkPen(colors.OUTLINE))
        self.test_item = PassiveScatter(size=POINT_SIZE, brush=pg.mkBrush("w"))
        self.wrong_item = RingScatter(size=POINT_SIZE + 8, symbol="o",
                                             pen=pg.mkPen(colors.WRONG, width=2), brush=None)
        self.mark_item = PassiveScatter(size=POINT_SIZE + 14, symbol="o", brush=None,
                                        pen=pg.mkPen(colors.FOREGROUND, width=3))
        for item in (self.train_item, self.test_item, self.wrong_item, self.mark_item):
            item.setZValue(10)
            # the points hold still while the map under them changes at every frame:
            # painted once into a pixmap (pyqtgraph paints spots in Python, ~1 ms a frame)
            item.setCacheMode(item.CacheMode.DeviceCoordinateCache)
            self.plot.addItem(item)

        self.problem = problem_map.ProblemMap(self)   # K classes and regression
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self.readout = MapReadout(self)     # hover: (x1, x2) and the output there

    # --- input -------------------------------------------------------------------
    def set_add_class(self, label: int) -> None:
        """The class (0 or 1) a plain left click adds."""
        self.add_class = int(label)

    def set_add_target(self, value) -> None:
        """Regression: the target (float) a click gives its point; None: clicks add classes."""
        self.add_target = None if value is None else float(value)

    def set_pick_mode(self, on: bool) -> None:
        """On: clicks pick a training point (sigPickSample) instead of editing the data."""
        self.pick_mode = bool(on)
        colors.set_title(self.plot, self.tr("Inspect: click a training point<br>to follow it through the epoch")
                         if on else self._title)

    def mark_sample(self, index: int | None) -> None:
        """Ring training point ``index`` (None: no ring)."""
        self.marked = None if index is None or index < 0 else int(index)
        if self.marked is not None and self.marked < len(self._X):
            self.mark_item.setData(pos=self._X[self.marked: self.marked + 1])
        else:
            self.mark_item.setData([], [])
        _show_if_any(self.mark_item)

    def nearest_point(self, x: float, y: float) -> int:
        """Index of the training point nearest (x, y), or −1 when there is none."""
        if not len(self._X):
            return -1
        return int(np.argmin(np.hypot(self._X[:, 0] - x, self._X[:, 1] - y)))

    def _on_click(self, x, y, button, modifiers):
        if self.pick_mode:
            index = self.nearest_point(x, y)
            if index >= 0:
                self.sigPickSample.emit(index)
        elif modifiers & DELETE_MODIFIERS:
            self.sigDeletePoint.emit(x, y)
        elif self.add_target is not None:
            self.sigAddTarget.emit(x, y, self.add_target)
        elif button == Qt.MouseButton.LeftButton:
            self.sigAddPoint.emit(x, y, self.add_class)
        elif button == Qt.MouseButton.RightButton:
            self.sigAddPoint.emit(x, y, 1)

    # --- drawing -----------------------------------------------------------------
    def _set_extent(self, extent, res: int = RESOLUTION):
        self.extent, self.resolution = extent, res
        self.grid_points = plane_grid(extent, res)
        x0, x1, y0, y1 = extent
        self.view_box.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _rect(self) -> QRectF:
        x0, x1, y0, y1 = self.extent if self.extent is not None else (0.0, 1.0, 0.0, 1.0)
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def set_snapshot(self, snap) -> None:
        """Redraw from snap: map, contour, points, misclassified rings."""
        self._epoch = snap.epoch
        extent, macs = plane_range(snap), _macs_per_point(snap)
        res = map_resolution(macs)
        if (extent, res) != (self.extent, self.resolution):
            self._set_extent(extent, res)
        # the same network, settings and points as drawn last (paused, a repeated
        # snapshot): the picture would be the same, nothing is redrawn
        key = (snap.config, snap.theta.tobytes(), extent, res, snap.X.tobytes(), snap.y.tobytes(),
               None if snap.X_test is None else (snap.X_test.tobytes(), snap.y_test.tobytes()))
        if key == self._drawn_key:
            return
        self._drawn_key = key
        if problem_map.active(snap):
            return self.problem.draw(snap, res)
        self.problem.leave()
        # float32 for the picture: half the time of float64 (a 6×16 sigmoid net: 22 → 10 ms
        # a frame), ~1e-7 apart; the wrong-point rings below keep the network's own dtype
        p = self.outputs(snap, "grid", self.grid_points, np.float32).reshape(res, res).copy()
        self.image_item.setImage(p, levels=(0.0, 1.0), autoLevels=False, rect=self._rect())
        self.contour.setData(p)
        self._set_points(snap)
        self.readout.set_snapshot(snap)

    def _set_points(self, snap):
        X, y = snap.X, snap.y
        Xt, yt = snap.X_test, snap.y_test
        has_test = Xt is not None and len(Xt) > 0
        key = (X.tobytes(), y.tobytes(), Xt.tobytes() if has_test else b"")
        if key != self._points_key:     # points change rarely: skip rebuilding brushes
            self._points_key = key
            self._X = np.asarray(X)
            self.mark_sample(self.marked)
            cls = (y[:, 0] > 0.5).astype(np.intp)
            self.train_item.setData(pos=X, brush=self._brushes[cls])
            if has_test:
                self.test_item.setData(pos=Xt, pen=self._pens[(yt[:, 0] > 0.5).astype(np.intp)])
            else:
                self.test_item.setData([], [])
            _show_if_any(self.test_item)
        # the rings: on every point, or an even sample when that would cost too much
        every = max(1, -(-(len(X) + (len(Xt) if has_test else 0)) * _macs_per_point(snap)
                         // (FRAME_MACS // 2)))
        X, y = X[::every], y[::every]
        wrong = [X[(self.outputs(snap, "train", X)[:, 0] > 0.5) != (y[:, 0] > 0.5)]]
        if has_test:
            Xt, yt = Xt[::every], yt[::every]
            wrong.append(Xt[(self.outputs(snap, "test", Xt)[:, 0] > 0.5) != (yt[:, 0] > 0.5)])
        wrong = np.concatenate(wrong)
        if len(wrong) > MAX_RINGS:
            # pyqtgraph styles each spot in Python (~10 µs a spot): 25 000 rings
            # would hold the event loop ~250 ms a frame. Evenly spaced ones still
            # show where the wrong points are, and at this density they overlap.
            wrong = wrong[:: -(-len(wrong) // MAX_RINGS)]
        key = wrong.tobytes()
        if key != self._wrong_key:      # late in training the wrong set holds still
            self._wrong_key = key
            self.wrong_item.setData(pos=wrong)
            _show_if_any(self.wrong_item)

    def outputs(self, snap, name: str, X, dtype=None) -> np.ndarray:
        """snap's network outputs at the points X, in ``dtype`` (default the network's):
        the pass ``name`` keeps its features and buffers while the points and the network
        shape stay (model/fixed_points.py). Valid until the next call for ``name``."""
        kept = self._passes.get(name)
        if kept is None or not kept.fits(snap.spec, X) or (dtype is not None and kept.dtype != dtype):
            kept = self._passes[name] = FixedPoints(snap.spec, X, dtype)
        return kept.outputs(snap.theta)

    def figure_title(self) -> str:
        """The title of an exported figure: what it shows, not the click hints."""
        epoch = f", epoch {self._epoch}" if self._epoch is not None else ""
        if self.overlay_item.isVisible():
            return f"Output of {self._overlay_name or 'a neuron'} over the input plane{epoch}"
        if self.problem.mode != "two":
            return self.problem.figure_title(epoch)
        return f"Network output p over the input plane{epoch}<br>line: p = 0.5; ringed: misclassified"

    def set_overlay_image(self, image, name: str = "") -> None:
        """Show image (ny, nx), colour-scale positions in [0, 1] with rows = y,
        over the plane in place of the output (``name``: whose output, for the
        title); None brings the output back."""
        self._overlay_name = name
        if image is None:
            self.overlay_item.setVisible(False)
            self.image_item.setVisible(True)
            colors.set_title(self.plot, self._title)
            return
        # setImage's rect is applied after the image's size is known (setRect before it is not)
        self.overlay_item.setImage(np.asarray(image, dtype=float), levels=(0.0, 1.0), autoLevels=False,
                                   rect=self._rect())
        self.overlay_item.setVisible(True)
        self.image_item.setVisible(False)   # hides the contour too: it is the image's child
        colors.set_title(self.plot, self.tr("Output of {value}<br>over the plane").format(value=name or self.tr("the hovered neuron")))


def _macs_per_point(snap) -> int:
    """Multiply-adds of one forward pass of ``snap``'s network for one point."""
    return max(1, sum(layer.n_params for layer in snap.layers))


def map_resolution(macs_per_point: int) -> int:
    """Grid points per side: RESOLUTION, or fewer (down to MIN_RESOLUTION) so that
    the map costs at most half of FRAME_MACS."""
    fit = int((FRAME_MACS / 2 / macs_per_point) ** 0.5)
    return max(MIN_RESOLUTION, min(RESOLUTION, fit))
