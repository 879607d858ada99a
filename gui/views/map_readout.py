"""MapReadout: hover the classification map to read the network at that input.

A box beside the cursor gives the input (x1, x2) and the network's output there:

    x1 = 0.5231, x2 = −0.3107
    p = 0.8734 → class 1          (two classes, one sigmoid output)
    p(class 0) = 0.12             (K classes: one line per class,
    p(class 1) = 0.71 ◀            the most probable marked)
    predicted ŷ = 1.372           (regression)

and sigHoverActivations sends every layer's activation a at that input, for the
network diagram to mark on each unit (diagram_hover.HoverActivations).

Cheap: one forward pass of one point per mouse move (Snapshot.layer_outputs on a
(1, 2) array), never the whole map. DecisionMapView owns one:
``self.readout = MapReadout(self)`` in __init__ and
``self.readout.set_snapshot(snap)`` in set_snapshot.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.hover_area import HoverArea

OFFSET_PX = 14          # gap between the cursor and the box: the point itself stays visible


def fmt(v: float) -> str:
    """4 significant digits with a real minus sign."""
    return f"{float(v):.4g}".replace("-", "−")


def output_kind(snap, width: int) -> str:
    """How to read the output layer: "binary" (one probability p of class 1),
    "classes" (K probabilities), "regression" (a predicted value) or "value"
    (one output that is none of these, e.g. a tanh or linear output trained as a classifier)."""
    task = getattr(snap.config, "task", "classification")
    if task == "regression":
        return "regression"
    if width > 1:
        return "classes"
    return "binary" if snap.layers[-1].act.name == "sigmoid" else "value"


def cursor_ring() -> QGraphicsEllipseItem:
    """The ring on the hovered input: a fixed 11 px whatever the zoom, no clicks taken
    (they go through it to the plane and add points). A plain item: a ScatterPlotItem
    restyled its spot at every mouse move."""
    ring = QGraphicsEllipseItem(-5.5, -5.5, 11, 11)
    pen = QPen(QColor(colors.FOREGROUND), 2)
    pen.setCosmetic(True)
    ring.setPen(pen)
    ring.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    return ring


class MapReadout(QObject):
    """The value box of a DecisionMapView (see the module doc).

    Signals:
        sigHoverActivations(outputs, point): outputs [a (units,) per layer, output
            last] at the hovered input point (x1, x2), re-sent when a new snapshot
            arrives while hovering; (None, None) when the cursor leaves the map.

    Attributes: ``point`` ((x1, x2) hovered, or None), ``outputs`` (the last
    forward pass: [a (units,)] per layer).
    """
    sigHoverActivations = Signal(object, object)

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.snapshot = None
        self.point: tuple[float, float] | None = None
        self.outputs: list[np.ndarray] | None = None
        self._scene_pos: QPointF | None = None
        self.marker = cursor_ring()
        self.box = pg.TextItem(anchor=(0, 0), fill=pg.mkBrush(255, 255, 255, 235),
                               border=pg.mkPen("#909090"))
        for z, item in enumerate((self.marker, self.box)):
            item.setZValue(30 + z)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)   # clicks still add points
            item.setVisible(False)
            view.plot.addItem(item, ignoreBounds=True)
        view.widget.scene().sigMouseMoved.connect(self._moved)
        self.hover_area = HoverArea(view.view_box, self.hide)   # the mouse left: hidden

    def set_snapshot(self, snap) -> None:
        """The network drawn now; a shown readout follows it."""
        self.snapshot = snap
        if self._scene_pos is not None:
            self._moved(self._scene_pos)

    def _moved(self, scene_pos) -> None:
        vb = self.view.view_box
        if self.snapshot is None or not vb.sceneBoundingRect().contains(scene_pos):
            self.hide()
            return
        self._scene_pos = QPointF(scene_pos)
        p = vb.mapSceneToView(scene_pos)
        self.show_at(p.x(), p.y())

    def show_at(self, x1: float, x2: float) -> None:
        """Run the network on (x1, x2) and show the box there."""
        snap = self.snapshot
        with np.errstate(all="ignore"):
            outputs = [a[0] for _, a in snap.layer_outputs(np.array([[x1, x2]]))]
        self.point, self.outputs = (x1, x2), outputs
        self.marker.setPos(x1, x2)
        self.box.setHtml(self.html())
        self._place(x1, x2)
        self.marker.setVisible(True)
        self.box.setVisible(True)
        self.sigHoverActivations.emit(outputs, (x1, x2))

    def lines(self) -> list[str]:
        """The box's lines: the input, then the output as its kind reads."""
        x1, x2 = self.point
        out = self.outputs[-1]
        lines = [f"x1 = {fmt(x1)}, x2 = {fmt(x2)}"]
        kind = output_kind(self.snapshot, len(out))
        if kind == "binary":
            lines.append(self.tr("p = {0} → class {1}").format(fmt(out[0]), int(out[0] > 0.5)))
        elif kind == "classes":
            best = int(np.argmax(out))
            lines += [self.tr("p(class {0}) = {1}").format(k, fmt(v)) + (" ◀" if k == best else "")
                      for k, v in enumerate(out)]
        elif kind == "regression":
            lines += [self.tr("predicted ŷ = {0}").format(fmt(v)) for v in out]
        else:
            lines.append(self.tr("output = {0}").format(fmt(out[0])))
        return lines

    def html(self) -> str:
        return (f"<div style='color:{colors.FOREGROUND}; font-size:8pt'>"
                + "<br>".join(self.lines()) + "</div>")

    def text(self) -> str:
        """The box's text as shown, without markup."""
        return self.box.textItem.toPlainText()

    def hide(self) -> None:
        was_shown = self.point is not None
        self.point, self.outputs, self._scene_pos = None, None, None
        self.marker.setVisible(False)
        self.box.setVisible(False)
        if was_shown:
            self.sigHoverActivations.emit(None, None)

    def _place(self, x1: float, x2: float) -> None:
        """Beside the cursor, on the side towards the middle of the plane, so the box stays
        inside the map and off the point it describes."""
        vb = self.view.view_box
        (x0, xe), (y0, ye) = vb.viewRange()
        dx, dy = vb.viewPixelSize()
        right, up = x1 < (x0 + xe) / 2, x2 < (y0 + ye) / 2
        self.box.setAnchor((0 if right else 1, 1 if up else 0))
        self.box.setPos(x1 + (OFFSET_PX if right else -OFFSET_PX) * dx,
                        x2 + (OFFSET_PX if up else -OFFSET_PX) * dy)
