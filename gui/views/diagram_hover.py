"""HoverActivations: the input hovered on the map, followed through the network diagram.

    marks = HoverActivations(diagram)
    map_view.readout.sigHoverActivations.connect(marks.show_outputs)

Every neuron's map tile gets a small ring where the hovered input lies on it (the
tile's colour there is that unit's activation), and every hidden and output unit
a label "a=0.731" beside it (the inspector's boxed labels), in each column where
the labels fit one per unit without overlapping (a 32-unit column keeps its
rings only). While the inspector shows a phase its own labels have the room, and
these wait.

Cheap: the labels are made once per network shape and only re-texted and moved
per mouse move; the rings are one item painted in one call.
"""
from __future__ import annotations

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsItem

from backprop_lab.gui.views.diagram_highlight import ValueLabel, value_text

RING_PX = 3.5           # radius of the ring on each tile, in screen pixels


class HoverLabel(ValueLabel):
    """A ValueLabel whose text changes in place (no new item per mouse move)."""

    def __init__(self):
        super().__init__("a=0", 0.0, anchor=(0.0, 0.5))
        self._metrics = QFontMetricsF(self.font)

    def set_text(self, text: str, value: float, anchor) -> None:
        w, h = self._metrics.horizontalAdvance(text) + 6, self._metrics.height() + 2
        rect = QRectF(-anchor[0] * w, -anchor[1] * h, w, h)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.text, self.value = text, float(value)
        self.update()


class RingsItem(QGraphicsItem):
    """One ring per node, at the hovered input's place on its tile, in one paint call.

    ``points``: the rings' centres (scene units) while shown, else []."""

    def __init__(self, nodes):
        super().__init__()
        self._x = np.array([n.x() for n in nodes])
        self._y = np.array([n.y() for n in nodes])
        self._size = np.array([n.size for n in nodes])
        rect = QRectF()
        for n in nodes:
            rect = rect.united(n.boundingRect().translated(n.pos()))
        self._rect = rect.adjusted(-10, -10, 10, 10)
        self.points: list[QPointF] = []
        self.setZValue(4)

    def boundingRect(self) -> QRectF:
        return self._rect

    def set_fraction(self, fx: float | None, fy: float = 0.0) -> None:
        """The hovered input's place on every tile, as fractions of its width and height
        from the bottom left (None: no rings)."""
        if fx is None:
            self.points = []
        else:                                       # tile rows run with y upwards
            px, py = self._x + (fx - 0.5) * self._size, self._y + (0.5 - fy) * self._size
            self.points = [QPointF(a, b) for a, b in zip(px.tolist(), py.tolist())]
        self.update()

    def paint(self, p, *args):
        scale = p.worldTransform().m11() or 1.0
        r = RING_PX / scale
        p.setBrush(Qt.BrushStyle.NoBrush)
        for color, width in (("white", 3.0), ("#202020", 1.5)):
            pen = QPen(QColor(color), width)
            pen.setCosmetic(True)
            p.setPen(pen)
            for point in self.points:
                p.drawEllipse(point, r, r)


class HoverActivations:
    """The rings and labels of one input in a NetworkDiagram's scene (see the module doc).

    ``labels``: the labels now shown (column by column, hidden first, output last);
    ``rings``: the RingsItem (its ``points``: one per node while shown)."""

    def __init__(self, diagram):
        self.diagram = diagram
        self.labels: list[HoverLabel] = []
        self.rings: RingsItem | None = None
        self._pool: list[list[HoverLabel]] = []
        self._nodes = None                        # the diagram's node lists the items were made for

    def show_outputs(self, outputs, point=None) -> None:
        """``outputs``: [a (units,)] per layer at one input (MapReadout.sigHoverActivations),
        or None to remove the marks. ``point``: that input (x1, x2), for the rings."""
        d = self.diagram
        if outputs is None or d.highlight.info is not None or not d.nodes:
            self._hide()
            return
        self._ensure_items()
        self.labels = []
        for column, a in enumerate(outputs, start=1):
            pool = self._pool[column - 1] if column - 1 < len(self._pool) else []
            show = len(a) == len(pool) and self._fits(column)
            for unit, (label, v) in enumerate(zip(pool, a)):
                label.setVisible(show)
                if show:
                    self._place(label, d.nodes[column][unit], column, v)
                    self.labels.append(label)
        self._set_rings(point)

    # --- internals -------------------------------------------------------------------
    def _ensure_items(self):
        d = self.diagram
        alive = self.rings is not None and shiboken6.isValid(self.rings)
        if self._nodes is d.nodes and alive:
            return
        self._nodes = d.nodes                     # a rebuilt scene deleted the old items
        self._pool = []
        for column in d.nodes[1:]:
            labels = [HoverLabel() for _ in column]
            for label in labels:
                d.scene.addItem(label)
            self._pool.append(labels)
        self.rings = RingsItem([node for column in d.nodes for node in column])
        d.scene.addItem(self.rings)

    def _fits(self, column: int) -> bool:
        """One label per unit without overlap: the node pitch is at least a label's height on screen."""
        nodes = self.diagram.nodes[column]
        if len(nodes) < 2:
            return True
        scale = self.diagram.view.transform().m22() or 1.0
        return (nodes[1].y() - nodes[0].y()) * scale >= self._pool[0][0].boundingRect().height() + 1

    def _place(self, label: HoverLabel, node, column: int, v) -> None:
        """Right of its node when it fits in the gap, over the node if not; the output column below."""
        d = self.diagram
        text = value_text("a", v)
        if column == len(d.nodes) - 1:
            label.set_text(text, v, (0.5, 0.0))
            label.setPos(node.x(), node.y() + node.size / 2 + 2)
            return
        scale = d.view.transform().m11() or 1.0
        gap_px = (d.nodes[column + 1][0].x() - node.x() - node.size) * scale
        label.set_text(text, v, (0.0, 0.5))
        if label.boundingRect().width() + 4 <= gap_px:
            label.setPos(node.x() + node.size / 2 + 2, node.y())
        else:
            label.set_text(text, v, (0.5, 0.5))
            label.setPos(node.x(), node.y())

    def _set_rings(self, point) -> None:
        extent = getattr(self.diagram, "_extent", None)
        if point is None or extent is None:
            self.rings.set_fraction(None)
            return
        x0, x1, y0, y1 = extent
        self.rings.set_fraction((point[0] - x0) / (x1 - x0), (point[1] - y0) / (y1 - y0))

    def _hide(self):
        self.labels = []
        for pool in self._pool:
            for label in pool:
                if shiboken6.isValid(label):
                    label.setVisible(False)
        if self.rings is not None and shiboken6.isValid(self.rings):
            self.rings.set_fraction(None)

