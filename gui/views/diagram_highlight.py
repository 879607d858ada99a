"""The inspector's marks on the network diagram: one phase of an epoch made visible.

    diagram.set_phase_highlight(info)   # InspectPanel.sigPhaseChanged's dict, or None

For a forward / loss / backward phase the column being computed gets a tinted
band (yellow forward, red backward), each of its neurons a label with
its number (a, p or δ), and the layer's edges the phase's edge array (w used
forward, ∂ℓ/∂w backward); the other layers' edges fade. The update phase
labels every neuron with its Δb and colours every edge by its Δw.

Kept apart from NetworkDiagram, which stays a live view of snapshots: this only
adds a few items to its scene and overrides some edge values.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from backprop_lab.gui.views import colors

BAND = {"forward": QColor(255, 224, 120, 90), "loss": QColor(255, 224, 120, 90),
        "backward": QColor(214, 39, 40, 45)}
HEADING = {"forward": "forward →", "loss": "loss ℓ(p, y)", "backward": "← backward",
           "update": "update"}
PREFIX = {"forward": "a", "loss": "p", "backward": "δ", "update": "Δb"}
FADED = 0.25              # opacity of the edges of layers the phase does not touch


def value_text(prefix: str, v) -> str:
    """'δ=−0.0213', 'Δb=−6.7e−7': 3 significant digits (2 with an exponent, written short,
    so labels stay narrow) and a real minus sign."""
    v = float(v)
    if not np.isfinite(v):
        return f"{prefix}=–"
    if v == 0 or 1e-3 <= abs(v) < 1e4:
        text = f"{v:.3g}"
    else:
        mantissa, exponent = f"{v:.1e}".split("e")
        text = f"{mantissa}e{int(exponent)}"
    return f"{prefix}=" + text.replace("-", "−")


class ValueLabel(QGraphicsItem):
    """A small boxed text that keeps its pixel size whatever the diagram's zoom.

    ``anchor`` is the point of the box placed at the item's position, as fractions
    of its width and height ((0, 0.5): left edge, middle)."""

    def __init__(self, text: str, value: float | None = None, anchor=(0.0, 0.5), bold=False,
                 background=QColor(255, 255, 255, 230)):
        super().__init__()
        self.text, self.value, self.bold = text, value, bold
        self.font = QFont()
        self.font.setPointSizeF(8.0)
        self.font.setBold(bold)
        fm = QFontMetricsF(self.font)
        w, h = fm.horizontalAdvance(text) + 6, fm.height() + 2
        self._rect = QRectF(-anchor[0] * w, -anchor[1] * h, w, h)
        self._background = background
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, p, *args):
        p.setPen(QPen(QColor(colors.FOREGROUND if self.bold else colors.theme("faint")), 1.5 if self.bold else 1.0))
        p.setBrush(QBrush(self._background))
        p.drawRoundedRect(self._rect, 3, 3)
        p.setPen(QColor(colors.FOREGROUND))
        p.setFont(self.font)
        p.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class PhaseHighlight:
    """Draws one phase's marks into a NetworkDiagram's scene (see the module doc).

    labels: the ValueLabel per neuron now shown (column, unit order); column: the
    diagram column marked (None for the update phase or no phase)."""

    def __init__(self, diagram):
        self.diagram = diagram
        self.info = None
        self.column: int | None = None
        self.labels: list[ValueLabel] = []
        self._items = []

    def show(self, info) -> None:
        """Replace the marks with those of ``info`` (None: remove them)."""
        self._remove()
        self.info = info
        self.column = None
        d = self.diagram
        for item in d.edge_items:
            item.setOpacity(1.0)
        if info is None or not d.nodes:
            return
        kind, layer = info["kind"], info["layer"]
        if kind == "update":
            for l, (_, db) in enumerate(info["update"] or []):
                if db is not None and l + 1 < len(d.nodes):
                    self._label_column(l + 1, db, "Δb", None)
            return
        column = None if layer is None else layer + 1
        if column is None or column >= len(d.nodes) or info["values"] is None:
            return
        self.column = column
        self._band(column, kind)
        worked = (info.get("node") or 0) if kind in ("forward", "backward") else None
        self._label_column(column, info["values"], PREFIX[kind], worked)
        for l, item in enumerate(d.edge_items):
            if kind == "loss" or l != layer:
                item.setOpacity(FADED)

    def override_edges(self) -> None:
        """Put the phase's edge values on the edges; the diagram calls this after it
        set its own (weight or gradient) values from a snapshot."""
        info, d = self.info, self.diagram
        if info is None:
            return
        if info["kind"] == "update":
            blocks = [W for W, _ in info["update"] or []]
            layers = range(len(blocks))
        elif info.get("edges") is not None and info["layer"] is not None:
            blocks, layers = [info["edges"]], [info["layer"]]
        else:
            return
        for W, l in zip(blocks, layers):
            if l < len(d.edge_items):
                w_index = d.edge_tables[l][2]
                flat = np.asarray(W).ravel()
                if len(w_index) and w_index.max() < flat.size:    # the shape still fits
                    d.edge_items[l].setValues(flat[w_index])

    def scene_cleared(self) -> None:
        """The diagram rebuilt its scene (deleting our items): draw the marks again
        for the new nodes, as far as the phase still fits them."""
        self._items, self.labels = [], []
        self.show(self.info)

    # --- internals -------------------------------------------------------------------
    def _remove(self):
        scene = self.diagram.scene
        for item in self._items:
            if item.scene() is scene:
                scene.removeItem(item)
        self._items, self.labels = [], []

    def _add(self, item):
        self.diagram.scene.addItem(item)
        self._items.append(item)
        return item

    def _band(self, column, kind):
        nodes = self.diagram.nodes[column]
        size = nodes[0].size
        top, bottom = nodes[0].y() - size / 2, nodes[-1].y() + size / 2
        pad = 0.3 * size
        band = QGraphicsRectItem(QRectF(nodes[0].x() - size / 2 - pad, top - pad,
                                        size + 2 * pad, bottom - top + 2 * pad))
        band.setBrush(QBrush(BAND[kind]))
        band.setPen(QPen(Qt.PenStyle.NoPen))
        band.setZValue(-1)
        self._add(band)

    def _label_column(self, column, values, prefix, worked):
        d = self.diagram
        nodes = d.nodes[column]
        values = np.asarray(values, dtype=float).ravel()
        # Right of each node, in the gap before the next column when the label fits there
        # (labels keep their pixel size, the gap shrinks with the view): else over its own
        # node, never over the next layer's. The output column has no right: below it.
        last = column == len(d.nodes) - 1
        gap_px = 0.0
        if not last:
            scale = d.view.transform().m11() or 1.0
            gap_px = (d.nodes[column + 1][0].x() - nodes[0].x() - nodes[0].size) * scale
        for node, v in zip(nodes, values):
            bold = worked is not None and node.unit == worked
            text = value_text(prefix, v)
            label = ValueLabel(text, float(v), anchor=(0.0, 0.5), bold=bold)
            if last:
                label = ValueLabel(text, float(v), anchor=(0.5, 0.0), bold=bold)
                label.setPos(node.x(), node.y() + node.size / 2 + 2)
            elif label.boundingRect().width() + 4 <= gap_px:
                label.setPos(node.x() + node.size / 2 + 2, node.y())
            else:
                label = ValueLabel(text, float(v), anchor=(0.5, 0.5), bold=bold)
                label.setPos(node.x(), node.y())
            self.labels.append(self._add(label))


def phase_caption(info) -> str:
    """The diagram's caption line for a phase: where the pass is and what the marks show."""
    kind, layer = info["kind"], info["layer"]
    where = f"layer {layer + 1}" if kind in ("forward", "backward") and layer is not None else ""
    if kind == "update":
        return f"<b>{HEADING[kind]}</b> — edges: Δw, neurons: Δb (this step of the optimizer)"
    marks = f"neurons: {info.get('values_label') or ''}"
    if info.get("edges") is not None:
        marks += f"; edges of {where}: {info.get('edges_label') or ''}"
    return f"<b>{HEADING[kind]}</b> {where} — {marks}"
