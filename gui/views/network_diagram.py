"""NetworkDiagram: the network drawn as columns of neurons joined by weighted edges.

Each neuron shows its own output over the input plane as a small map (same
colours as the decision map), so one sees the features a hidden layer builds.
Edges are coloured by the sign of the weight (or of dL/dw) and sized by its
magnitude relative to the largest in the same layer.
"""
from __future__ import annotations

import functools
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QTransform
from PySide6.QtWidgets import (QFrame, QGraphicsItem, QGraphicsScene, QGraphicsSimpleTextItem,
                               QGraphicsView, QLabel, QVBoxLayout, QWidget)

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.class_colors import class_color
from backprop_lab.gui.views.diagram_highlight import PhaseHighlight, phase_caption
from backprop_lab.gui.views.diagram_items import FEW_EDGES, EdgesItem, NodeColumnItem, NodeItem, map_images
from backprop_lab.gui.views.plane import plane_grid, plane_range
from backprop_lab.gui.views.weight_text import weight_text
from backprop_lab.model import features
from backprop_lab.model.health import neuron_health

NODE_MAP_RES = 24       # pixels per side of a neuron's small map
HOVER_RES = 64          # pixels per side of the map sent out when a neuron is hovered
SCENE_HEIGHT = 400.0    # the tallest column spans this many scene units
COLUMN_GAP = 140.0
MAX_NODE = 44.0
SPACING = 1.35          # node pitch / node size
EDGE_MODES = ("weight", "gradient")
HEALTH_EVERY_S = 0.5    # neuron health is a forward pass over the training points: ≤ 2 per second
MAPS_BUDGET_S = 0.005   # node maps refreshed per event-loop turn: the rest in the next turns
DENSE_EDGE_LAYERS = 2   # a large network's dense layers whose edge images a frame redraws
SYNC_UNITS = 48         # up to this many units every map is refreshed at once (as before)
HEALTH_POINTS = 1000    # ... over an even sample of at most this many (5 000 points through
                        # 6 × 32 units took 90–130 ms of the event loop on the dev machine)


def layer_edges(layer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Connections of one layer: (src, dst, w_index), each (E,).

    Unit src of the previous column feeds unit dst through W.ravel()[w_index].
    Dense layers are fully connected; a Conv1D unit c·L + j sees inputs j..j+k−1
    through kernel column c (the same weight shared along the positions).
    """
    if layer.kind == "conv1d":
        k, C, L = layer.kernel, layer.filters, layer.positions
        i, c, j = (a.ravel() for a in np.meshgrid(np.arange(k), np.arange(C), np.arange(L), indexing="ij"))
        return j + i, c * L + j, i * C + c
    src, dst = np.divmod(np.arange(layer.fan_in * layer.fan_out), layer.fan_out)
    return src, dst, src * layer.fan_out + dst


def unit_names(feature_names, layers) -> list[list[str]]:
    """A short name per unit, per column: input features, h<layer>.<unit>, conv<filter>@<pos>,
    out (K outputs: class 0 … class K−1, as the labels count)."""
    names = [list(feature_names)]
    hidden = 0
    for n, layer in enumerate(layers):
        if layer.kind == "conv1d":
            names.append([f"conv{c + 1}@{j + 1}" for c in range(layer.filters) for j in range(layer.positions)])
        elif n == len(layers) - 1:
            names.append(["out"] if layer.width == 1 else [
                QCoreApplication.translate("NetworkDiagram", "class {k}").format(k=j) for j in range(layer.width)])
        else:
            hidden += 1
            names.append([f"h{hidden}.{j + 1}" for j in range(layer.width)])
    return names


def _fmt(v) -> str:
    return f"{float(v):.4g}"


class NetworkDiagram(QWidget):
    """Neurons as map tiles, edges as weights; hover for numbers.

    Signals:
        sigNodeHovered(image or None): the hovered neuron's output over the
            input plane, (HOVER_RES, HOVER_RES) colour-scale positions in [0, 1]
            (rows = y, row 0 at the bottom; same extent as the decision map);
            re-sent after every set_snapshot while the cursor stays on it; None
            when the cursor leaves. Suited to DecisionMapView.set_overlay_image.
    """
    sigNodeHovered = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("networkView")
        self.edge_mode = "weight"
        self.nodes: list[list[NodeItem]] = []      # per column, input column first
        self.edge_items: list[EdgesItem] = []      # one per layer
        self.edge_tables: list[tuple] = []         # (src, dst, w_index) per layer
        self.names: list[list[str]] = []
        self.snapshot = None
        self._key = None
        self._extent = None
        self._grid = None
        self._hovered_node: NodeItem | None = None
        self._hovered_edge: tuple[int, int] | None = None
        self._view_rect = QRectF()
        self.health = None                         # newest backprop_lab.model.health result drawn
        self._health_at = -1.0
        self._health_timer = QTimer(self)          # a skipped update is done a little later
        self._health_timer.setSingleShot(True)
        self._health_timer.timeout.connect(self._update_health)
        self._stale_maps: list[tuple[int, np.ndarray, str | None]] = []   # (column, a, activation)
        self._edge_ages: list[int] = []     # frames each layer's edges were left as drawn
        self._maps_timer = QTimer(self)            # refreshes the rest of a large network's maps
        self._maps_timer.setSingleShot(True)
        self._maps_timer.timeout.connect(self._refresh_maps_turn)
        self._edges_timer = QTimer(self)           # ... and draws its new edge images, one a turn
        self._edges_timer.setSingleShot(True)
        self._edges_timer.timeout.connect(self._rasterize_edges)

        self.scene = QGraphicsScene(self)
        self.highlight = PhaseHighlight(self)      # the inspector's marks, if any
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setBackgroundBrush(QColor(colors.BACKGROUND))
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.caption = QLabel()
        self.caption.setWordWrap(True)       # two lines in a narrow pane rather than a wide minimum
        self.caption.setStyleSheet(f"color: {colors.FOREGROUND}; background: {colors.BACKGROUND}; "
                                   "padding: 2px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        self._set_caption()

    # --- public API ----------------------------------------------------------------
    @property
    def node_count(self) -> int:
        return sum(len(col) for col in self.nodes)

    @property
    def edge_count(self) -> int:
        return sum(len(t[0]) for t in self.edge_tables)

    def set_edge_mode(self, mode: str) -> None:
        """"weight": edges show w; "gradient": edges show dL/dw."""
        if mode not in EDGE_MODES:
            raise ValueError(f"edge mode must be one of {EDGE_MODES}, got {mode!r}")
        self.edge_mode = mode
        self._set_caption()
        if self.snapshot is not None:
            self._update_edges(self.snapshot)

    def set_phase_highlight(self, info) -> None:
        """Mark one phase of an inspected epoch: InspectPanel.sigPhaseChanged's dict
        (kind, layer, values, edges, update, node …), or None to go back to the live
        view. See backprop_lab.gui.views.diagram_highlight for what is drawn."""
        self.highlight.show(info)
        if info is None:
            self._set_caption()
        else:
            self.caption.setText(phase_caption(info))
        if self.snapshot is not None:
            self._update_edges(self.snapshot)

    def set_snapshot(self, snap) -> None:
        """Redraw from snap; the scene is rebuilt only when the network's shape changed."""
        layers = snap.layers
        key = (snap.spec.sizes, tuple(snap.spec.features),
               tuple((l.kind, l.fan_in, l.fan_out) for l in layers))
        if key != self._key:
            self._rebuild(snap, layers)
            self._key = key
            self._extent = None
        self.snapshot = snap
        extent = plane_range(snap)
        if extent != self._extent:
            self._extent = extent
            self._grid = plane_grid(extent, NODE_MAP_RES)
            x = features.transform(self._grid, snap.spec.features)
            self._set_maps(0, colors.to_unit(x, None, axis=0))
        outputs = snap.layer_outputs(self._grid, np.float32)
        # a large network's maps are refreshed a few columns per event-loop turn (the
        # most stale first), so that no turn holds the event loop for long
        stale = {c: None for c, _, _ in self._stale_maps}
        order = list(stale) + [c for c in range(1, len(layers) + 1) if c not in stale]
        self._stale_maps = [(c, outputs[c - 1][1], layers[c - 1].act.name) for c in order]
        # (a large one: one column now, within the window's turn; the rest in their own turns)
        self._refresh_maps(budget=None if self.node_count <= SYNC_UNITS else 0.0)
        self._update_edges(snap)
        if time.perf_counter() - self._health_at >= HEALTH_EVERY_S:
            if self.node_count <= SYNC_UNITS:
                self._update_health()
            else:                                  # a large network's: in its own turn
                self._health_timer.start(0)
        elif not self._health_timer.isActive():
            self._health_timer.start(int(HEALTH_EVERY_S * 1000))
        if self._hovered_edge is not None:
            self.edge_items[self._hovered_edge[0]].setToolTip(self.edge_tooltip(*self._hovered_edge))
        if self._hovered_node is not None:
            self._hovered_node.setToolTip(self.node_tooltip(self._hovered_node))
            self.sigNodeHovered.emit(self.node_map(self._hovered_node.column, self._hovered_node.unit))

    def edge_tooltip(self, layer: int, index: int) -> str:
        """The numbers of edge ``index`` of ``layer`` (0 = first weight layer)."""
        snap = self.snapshot
        src, dst, w_index = (t[index] for t in self.edge_tables[layer])
        r, c = divmod(int(w_index), snap.params[layer][0].shape[1])
        return weight_text(snap, layer, r, c, self.names[layer][src], self.names[layer + 1][dst])

    def node_tooltip(self, node: NodeItem) -> str:
        name = self.names[node.column][node.unit]
        if node.column == 0:
            return f"input {name}: its value over the plane"
        snap, layer = self.snapshot, node.column - 1
        lay = snap.layers[layer]
        unit = node.unit // lay.positions if lay.kind == "conv1d" else node.unit
        head = f"{name} ({lay.act.name}); hover shows its output on the map"
        if node.mark is not None:
            why = "f'(z) < 1% of its maximum" if node.mark == "saturated" else "zero gradient (z ≤ 0)"
            head += f"\n{node.mark} on {node.mark_share:.0%} of training points: {why}"
        b, db, step = (pairs[layer][1] for pairs in (snap.params, snap.grads, snap.updates))
        if b is None:
            return head + "\nno bias"
        return (f"{head}\nbias b = {_fmt(b[unit])}\n"
                f"gradient dL/db = {_fmt(db[unit])}\nlast update Δb = {_fmt(step[unit])}")

    def _update_health(self):
        """Mark saturated and dead hidden units (backprop_lab.model.health) on the newest snapshot."""
        if self.snapshot is None:
            return
        self._health_at = time.perf_counter()
        X = self.snapshot.X
        self.health = neuron_health(self.snapshot, X[:: -(-len(X) // HEALTH_POINTS)] if len(X) else X)
        for h in self.health:
            if h.layer >= len(self.nodes) - 1:     # a scene being rebuilt: next time
                continue
            for node, sat, dead, s_share, d_share in zip(
                    self.nodes[h.layer], h.saturated, h.dead, h.saturated_share, h.dead_share):
                node.set_mark("saturated" if sat else "dead" if dead else None,
                              float(s_share if sat else d_share))

    def hovered_name(self) -> str:
        """The hovered neuron's label (x1, h1.2, out), or "" when none is hovered."""
        node = self._hovered_node
        return "" if node is None else self.names[node.column][node.unit]

    def node_map(self, column: int, unit: int, res: int = HOVER_RES) -> np.ndarray:
        """(res, res) colour-scale positions of one unit's output over the plane (rows = y)."""
        snap = self.snapshot
        grid = plane_grid(self._extent, res)
        if column == 0:
            u = colors.to_unit(features.transform(grid, snap.spec.features)[:, unit], None)
        else:
            a = snap.layer_outputs(grid)[column - 1][1][:, unit]
            u = colors.to_unit(a, snap.layers[column - 1].act.name)
        return u.reshape(res, res)

    # --- building and updating -----------------------------------------------------
    def _rebuild(self, snap, layers):
        if self._hovered_node is not None:
            self.sigNodeHovered.emit(None)
        self._hovered_node = self._hovered_edge = None
        self._stale_maps = []                      # maps of the old shapes
        self._edge_ages = []                       # frames each layer's edges were left as drawn
        self.scene.clear()
        sizes = snap.spec.sizes
        self.names = unit_names(snap.spec.features, layers)
        size = min(MAX_NODE, SCENE_HEIGHT / (max(sizes) * SPACING))
        pitch = size * SPACING
        self.nodes = []
        for column, n in enumerate(sizes):
            col = []
            for unit in range(n):
                node = NodeItem(column, unit, size, self.names[column][unit])
                node.setPos(column * COLUMN_GAP, (unit - (n - 1) / 2) * pitch)
                node.sigHovered.connect(self._on_node_hovered)
                self.scene.addItem(node)
                col.append(node)
            self.nodes.append(col)
            self.scene.addItem(NodeColumnItem(col))
        self.edge_items, self.edge_tables = [], []
        for layer_index, layer in enumerate(layers):
            table = layer_edges(layer)
            a, b = self.nodes[layer_index], self.nodes[layer_index + 1]
            ya = np.array([n.y() for n in a])
            yb = np.array([n.y() for n in b])
            src, dst, _ = table
            item = EdgesItem()
            x0 = layer_index * COLUMN_GAP + size / 2
            item.setData(np.full(len(src), x0), ya[src], np.full(len(src), x0 + COLUMN_GAP - size), yb[dst])
            item.sigHovered.connect(lambda i, k=layer_index: self._on_edge_hovered(k, i))
            self.scene.addItem(item)
            self.edge_items.append(item)
            self.edge_tables.append(table)
        self._add_labels(snap, layers, sizes, size, pitch)
        self.highlight.scene_cleared()
        top = -max(sizes) * pitch / 2
        left = -size / 2 - 50                             # room for the input names
        right = (len(sizes) - 1) * COLUMN_GAP + max(size / 2, 30) + 10
        self._view_rect = QRectF(left, top - 30, right - left, -2 * top + 40)
        self.scene.setSceneRect(self._view_rect)
        self._fit()

    def _add_labels(self, snap, layers, sizes, size, pitch):
        """Column titles and input names, in screen pixels (they do not shrink with the view)."""
        titles = [self.tr("input")] + [(self.tr("conv") if l.kind == "conv1d" else self.tr("hidden {k}").format(k=k))
                                       for k, l in enumerate(layers[:-1], start=1 - int(bool(snap.spec.conv_kernel)))] \
            + [self.tr("output")]
        top = -max(sizes) * pitch / 2
        for column, title in enumerate(titles):
            self._text(title, column * COLUMN_GAP, top - 8, anchor=(0.5, 1.0))
        for node in self.nodes[0]:
            self._text(node.name, node.x() - size / 2 - 4, node.y(), anchor=(1.0, 0.5))
        if len(self.nodes[-1]) > 1:                       # K outputs: each node's class, in its colour
            for node in self.nodes[-1]:
                self._text(str(node.unit), node.x() + size / 2 + 4, node.y(), (0.0, 0.5), class_color(node.unit))

    def _text(self, text, x, y, anchor, color=None):
        item = QGraphicsSimpleTextItem(text)
        item.setBrush(QColor(color or colors.FOREGROUND))
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        r = item.boundingRect()
        item.setTransform(QTransform.fromTranslate(-anchor[0] * r.width(), -anchor[1] * r.height()))
        item.setPos(x, y)
        self.scene.addItem(item)

    def _refresh_maps(self, budget: float | None = MAPS_BUDGET_S) -> list[int]:
        """Refresh stale node maps for at most ``budget`` seconds (None: all of them;
        at least one column); the rest on a zero-timer. Returns the columns refreshed."""
        start, done = time.perf_counter(), []
        while self._stale_maps:
            column, a, act = self._stale_maps.pop(0)
            if column < len(self.nodes):              # not from a network since rebuilt
                self._set_maps(column, colors.to_unit(a, act, axis=0))
                done.append(column)
            if budget is not None and time.perf_counter() - start >= budget:
                break
        if self._stale_maps:
            self._maps_timer.start(0)
        return done

    def _refresh_maps_turn(self) -> None:
        """A turn of its own for the maps left over: refreshed and painted in it. Painted
        later, they went into the window's next paint, in the next view's turn, which
        then took several times that view's own cost."""
        items = {n.column_item or n for column in self._refresh_maps() for n in self.nodes[column]}
        if items:
            rect = functools.reduce(QRectF.united, (it.sceneBoundingRect() for it in items))
            view = self.view
            view.viewport().repaint(view.mapFromScene(rect).boundingRect().adjusted(-2, -2, 2, 2))

    def _set_maps(self, column: int, u: np.ndarray) -> None:
        """u (NODE_MAP_RES², units) colour positions -> each node's image."""
        for node, image in zip(self.nodes[column], map_images(u, NODE_MAP_RES)):
            node.set_image(image)

    def _update_edges(self, snap):
        """New edge values; a large network redraws at most DENSE_EDGE_LAYERS dense layers'
        edge images per frame (~2 ms each), those left unchanged longest first: the
        others keep their picture a frame or two longer, so no frame draws them all."""
        pairs = snap.params if self.edge_mode == "weight" else snap.grads
        fresh = len(self._edge_ages) != len(self.edge_items)      # a new scene: all at once
        limit = None if self.node_count <= SYNC_UNITS or fresh else DENSE_EDGE_LAYERS
        ages = self._edge_ages = [0] * len(self.edge_items) if fresh else self._edge_ages
        redrawn = 0
        for i in sorted(range(len(self.edge_items)), key=lambda i: -ages[i]):
            item, (_, _, w_index) = self.edge_items[i], self.edge_tables[i]
            dense = len(item.ends) > FEW_EDGES
            if limit is not None and dense and redrawn >= limit:
                ages[i] += 1
                continue
            ages[i] = 0
            # a large network's new edge images are drawn in turns of their own, one
            # layer each (~2-4 ms), not in the paint of the diagram's turn
            redrawn += bool(item.setValues(pairs[i][0].ravel()[w_index], defer=limit is not None)
                            and dense)
        self.highlight.override_edges()
        if any(item.raster_due for item in self.edge_items):
            self._edges_timer.start(0)

    def _rasterize_edges(self) -> None:
        """Draw one layer's deferred edge image (EdgesItem.rasterize); the next one in the
        next turn."""
        due = [item for item in self.edge_items if item.raster_due]
        if due:
            due[0].rasterize()
        if len(due) > 1:
            self._edges_timer.start(0)

    def _set_caption(self):
        what = self.tr("weight w") if self.edge_mode == "weight" else self.tr("gradient dL/dw")
        self.caption.setText(
            self.tr("Edges: {what} — <span style='color:{CLASS1}'>blue +</span>, "
            "<span style='color:{CLASS0}'>orange −</span>, width ∝ |value| per layer. "
            "<span style='color:{WRONG}'>Red frame</span>: saturated unit; grey ✕: dead unit. "
            "Hover an edge or a neuron.").format(what=what, CLASS1=colors.CLASS1, CLASS0=colors.CLASS0, WRONG=colors.WRONG))

    # --- hover -----------------------------------------------------------------------
    def _on_edge_hovered(self, layer: int, index: int):
        item = self.edge_items[layer]
        if index < 0:
            self._hovered_edge = None
            item.setToolTip("")
        else:
            self._hovered_edge = (layer, index)
            item.setToolTip(self.edge_tooltip(layer, index))

    def _on_node_hovered(self, node: NodeItem, entered: bool):
        if entered:
            self._hovered_node = node
            node.setToolTip(self.node_tooltip(node))
            self.sigNodeHovered.emit(self.node_map(node.column, node.unit))
        elif node is self._hovered_node:
            self._hovered_node = None
            self.sigNodeHovered.emit(None)

    def _fit(self):
        if not self._view_rect.isEmpty():
            self.view.fitInView(self._view_rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        self._fit()
        if self.highlight.info is not None:      # labels go where the new scale has room
            self.highlight.show(self.highlight.info)

    def showEvent(self, ev):
        super().showEvent(ev)
        self._fit()
