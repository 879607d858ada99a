"""Graphics items of the network diagram: one neuron (NodeItem) and all edges (EdgesItem).

Edges are one item rather than one per connection: a 6 × 32-unit network has
over 5000 of them, and a handful of QPainterPaths (one per colour and width
band) draw and update far faster than thousands of items. Even so, stroking a
thousand long lines at screen resolution took 50–250 ms a frame (the cost is
in the pixels): a dense layer's edges are drawn into a small image, at most
RASTER_SCALE pixels per scene unit, redrawn only when a pen changes, and that
image is scaled onto the screen, so a frame costs the same at any window size.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from backprop_lab.gui.views import colors

WIDTH_BANDS = 8           # edge widths are drawn in this many steps
MIN_WIDTH, MAX_WIDTH = 0.5, 5.0   # edge pen width in screen pixels
HIT_PIXELS = 5.0          # how close (in pixels) the cursor must be to hover an edge
FEW_EDGES = 128           # up to this many (8 × 16 units), a layer's edges are drawn one by
                          # one, antialiased; a 16 × 16 layer that way took ~6 ms a paint
RASTER_SCALE = 0.6        # pixels per scene unit of a dense layer's edge image (a 140 × 400
                          # gap: 84 × 240 px)
DENSE_DRAWN = 256         # a dense layer draws its strongest this many edges (all stay hoverable)
_WIDTHS = MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * (np.arange(WIDTH_BANDS) + 0.5) / WIDTH_BANDS
_PENS: dict[bool, list[QPen]] = {}
MARK_COLORS = {"saturated": colors.WRONG, "dead": "#7f7f7f"}
# Nodes, node columns and edges are each painted once into a pixmap and blitted until
# they change (update()). A large network's diagram is repainted in parts (its node
# maps are refreshed over several event-loop turns), and each part painted afresh
# every edge layer and node column it touched (bench/window_ab.py --switch diagram-cache
# --largest; README, GUI throughput).
CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache


def _pens(faint: bool = False) -> list[QPen]:
    """Cosmetic pens (width in screen pixels): WIDTH_BANDS orange ones, then as many blue.
    ``faint`` pens fade the thin bands out, so a dense layer's strong edges can be seen."""
    if faint not in _PENS:
        pens = []
        for color in (colors.CLASS0, colors.CLASS1):
            for band, w in enumerate(_WIDTHS):
                c = QColor(color)
                if faint:
                    c.setAlpha(int(30 + 225 * (band / (WIDTH_BANDS - 1)) ** 2))
                pen = QPen(c, float(w))
                pen.setCosmetic(True)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pens.append(pen)
        _PENS[faint] = pens
    return _PENS[faint]


def _pen_bgra(faint: bool) -> np.ndarray:
    """(2 × WIDTH_BANDS, 4) premultiplied B, G, R, A bytes of each pen's colour."""
    out = []
    for pen in _pens(faint):
        c = pen.color()
        a = c.alpha() / 255
        out.append([round(c.blue() * a), round(c.green() * a), round(c.red() * a), c.alpha()])
    return np.array(out, np.uint8)


_PEN_BGRA: dict[bool, np.ndarray] = {}


def _pen_colors(faint: bool) -> np.ndarray:
    if faint not in _PEN_BGRA:
        _PEN_BGRA[faint] = _pen_bgra(faint)
    return _PEN_BGRA[faint]


def map_images(u: np.ndarray, res: int) -> list[QImage]:
    """u (res * res, units) colour-scale positions, point order as plane_grid
    (row 0 at the bottom) -> one res × res QImage per unit.

    The pixels are laid out as ARGB32_Premultiplied (opaque, so premultiplying
    changes nothing): the format QPainter draws without converting.
    """
    rgba = colors.to_rgba_u8(u).reshape(res, res, -1, 4)[::-1]       # QImage rows run downwards
    bgra = np.ascontiguousarray(rgba[..., [2, 1, 0, 3]].transpose(2, 0, 1, 3))
    fmt = QImage.Format.Format_ARGB32_Premultiplied
    return [QImage(tile.data, res, res, 4 * res, fmt).copy() for tile in bgra]


class NodeItem(QGraphicsObject):
    """A square neuron of side ``size`` centred at its position, showing its map.

    sigHovered(node, entered): the cursor entered (True) or left (False) the node.
    """
    sigHovered = Signal(object, bool)

    def __init__(self, column: int, unit: int, size: float, name: str):
        super().__init__()
        self.column, self.unit, self.size, self.name = column, unit, size, name
        self.image: QImage | None = None
        self.mark: str | None = None       # None, "saturated" or "dead" (backprop_lab.model.health)
        self.mark_share = 0.0              # share of training samples in that state
        self.column_item: NodeColumnItem | None = None   # draws the map and frame when set
        self._pen = QPen(QColor(colors.FOREGROUND), 1.0)
        self._pen.setCosmetic(True)
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self.setCacheMode(CACHED)

    def boundingRect(self) -> QRectF:
        s = self.size
        return QRectF(-s / 2, -s / 2, s, s)

    def set_image(self, image: QImage) -> None:
        self.image = image
        (self.column_item or self).update()

    def set_mark(self, mark: str | None, share: float = 0.0) -> None:
        """Flag a unit that no longer learns: "saturated" (a thick red frame) or
        "dead" (a grey cross), or None."""
        if (mark, share) != (self.mark, self.mark_share):
            self.mark, self.mark_share = mark, share
            self._no_contents_unless_marked()
            self.update()

    def _no_contents_unless_marked(self):
        # with a column item drawing the map, an unmarked node paints nothing: Qt then
        # skips its paint call (hundreds of Python calls a frame in a large network)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents,
                     self.column_item is not None and self.mark is None)

    def paint(self, p, *args):
        r = self.boundingRect()
        if self.column_item is None and self.image is not None:
            # Smoothly scaled but not antialiased at its edges (the frame covers them):
            # with both hints Qt takes a path ~3x slower for a small scaled image.
            aa = p.testRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            p.drawImage(r, self.image)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
        p.setBrush(Qt.BrushStyle.NoBrush)
        if self.mark is None:
            if self.column_item is None:
                p.setPen(self._pen)
                p.drawRect(r)
            return
        pen = QPen(QColor(MARK_COLORS[self.mark]), 3.0)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.drawRect(r)
        if self.mark == "dead":
            p.drawLine(r.topLeft(), r.bottomRight())
            p.drawLine(r.topRight(), r.bottomLeft())

    def hoverEnterEvent(self, ev):
        self.sigHovered.emit(self, True)

    def hoverLeaveEvent(self, ev):
        self.sigHovered.emit(self, False)


class NodeColumnItem(QGraphicsObject):
    """The maps and frames of one column of nodes in a single paint call (a node
    then paints only its mark, if any)."""

    def __init__(self, nodes: list[NodeItem]):
        super().__init__()
        self.nodes = nodes
        self._pen = QPen(QColor(colors.FOREGROUND), 1.0)
        self._pen.setCosmetic(True)
        self._rect = QRectF()
        for node in nodes:
            node.column_item = self
            node._no_contents_unless_marked()
            self._rect = self._rect.united(node.boundingRect().translated(node.pos()))
        self.setZValue(2)
        self.setCacheMode(CACHED)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, p, *args):
        # smoothly scaled, not antialiased at the edges (the frame covers them):
        # with both hints Qt takes a path ~3x slower for a small scaled image
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        rects = [node.boundingRect().translated(node.pos()) for node in self.nodes]
        for node, r in zip(self.nodes, rects):
            if node.image is not None:
                p.drawImage(r, node.image)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(self._pen)
        p.drawRects(rects)


class EdgesItem(QGraphicsObject):
    """Straight edges between nodes, coloured by sign and sized by magnitude.

    setData(x0, y0, x1, y1): segment ends in scene units, each (E,).
    setValues(v): (E,) signed values; colour = sign (blue +, orange −),
        width ∝ |v| / max |v| over the item (set one item per layer).
    sigHovered(index): the edge under the cursor changed (−1: none). The
        owner answers with setToolTip, so the tooltip always names that edge.
    """
    sigHovered = Signal(int)

    def __init__(self):
        super().__init__()
        self.ends = np.zeros((0, 4))            # (E, 4): x0, y0, x1, y1
        self.values = np.zeros(0)
        self.hovered = -1
        self.pen_index = np.zeros(0, np.intp)
        self._lines: list[QLineF] = []
        self._image: QImage | None = None       # a dense layer's edges, drawn small
        self._image_scale = 0.0                 # the view scale that image was drawn for
        self.raster_due = False                 # new values wait for rasterize() (setValues)
        self._rect = QRectF()
        self.setAcceptHoverEvents(True)
        self.setCacheMode(CACHED)

    def setData(self, x0, y0, x1, y1) -> None:
        self.prepareGeometryChange()
        self.ends = np.column_stack([x0, y0, x1, y1]).astype(float)
        self._lines = [QLineF(*e) for e in self.ends.tolist()]
        if len(self.ends):
            lo = self.ends.reshape(-1, 2).min(axis=0)
            hi = self.ends.reshape(-1, 2).max(axis=0)
            self._rect = QRectF(QPointF(*lo), QPointF(*hi)).adjusted(-2, -2, 2, 2)
        else:
            self._rect = QRectF()
        self.pen_index = np.full(len(self.ends), -1, np.intp)    # new lines: setValues redraws
        self.setValues(np.zeros(len(self.ends)))

    def setValues(self, values, defer: bool = False) -> bool:
        """New values; True when the picture changed (some edge's pen). ``defer``: a
        dense layer keeps showing its old image until ``rasterize()`` (the diagram calls
        it in an event-loop turn of its own), rather than drawing the new one in the
        paint that follows."""
        v = np.asarray(values, dtype=float)
        v = np.where(np.isfinite(v), v, 0.0)
        self.values = v
        m = np.abs(v).max() if len(v) else 0.0
        frac = np.abs(v) / m if m > 0 else np.zeros_like(v)
        band = np.minimum((frac * WIDTH_BANDS).astype(np.intp), WIDTH_BANDS - 1)
        pen_index = band + WIDTH_BANDS * (v > 0)          # into pens(): sign, then width band
        if np.array_equal(pen_index, self.pen_index):
            return False            # the same pens: the picture is unchanged, no repaint
        self.pen_index = pen_index
        if defer and self._image is not None and len(self.ends) > FEW_EDGES:
            self.raster_due = True
            return True
        self._image, self.raster_due = None, False
        self.update()
        return True

    def rasterize(self) -> None:
        """Draw a deferred new edge image now (setValues(defer=True)), to be shown at
        the next paint."""
        if self.raster_due:
            self._draw_image(self._scale())
            self.update()

    def _draw_image(self, scale: float) -> None:
        """A dense layer's image of its values now, for the view scale ``scale`` (none
        is due after it)."""
        self._image, self._image_scale = self._edge_image(_pens(faint=True), scale), scale
        self.raster_due = False

    @property
    def pen_widths(self) -> np.ndarray:
        """(E,) the drawn width of each edge, in screen pixels."""
        return _WIDTHS[self.pen_index % WIDTH_BANDS]

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, p, *args):
        if len(self.ends) <= FEW_EDGES:
            pens = _pens()
            # thin ones first, so a strong weight is never hidden under a weak one
            order = np.argsort(self.pen_index % WIDTH_BANDS, kind="stable")
            keys = self.pen_index.tolist()
            for i in order.tolist():
                p.setPen(pens[keys[i]])
                p.drawLine(self._lines[i])
        else:
            scale = self._scale()
            if self._image is None or self._image_scale != scale:
                self._draw_image(scale)
            p.drawImage(self._rect, self._image)
        if 0 <= self.hovered < len(self.ends):
            pen = QPen(QColor(colors.FOREGROUND), 2.5)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawLine(self._lines[self.hovered])

    def _edge_image(self, pens, scale: float) -> QImage:
        """The strongest DENSE_DRAWN edges drawn into an image of the item's rect at
        min(scale, RASTER_SCALE) pixels per scene unit, in NumPy: each edge is one
        pixel per image column (two where its pen is wide), thin ones first so a
        strong edge is never hidden; scaled up, the image looks like the pens."""
        r = min(scale, RASTER_SCALE) if scale > 0 else RASTER_SCALE
        rect = self._rect
        w, h = max(1, math.ceil(rect.width() * r)), max(1, math.ceil(rect.height() * r))
        pixels = np.zeros(h * w, np.uint32)      # one ARGB32 word a pixel: a quarter of the writes
        shown = np.arange(len(self.ends))
        if len(shown) > DENSE_DRAWN:     # the rest are the faintest: culled, not drawn
            shown = np.argpartition(-np.abs(self.values), DENSE_DRAWN)[:DENSE_DRAWN]
        shown = shown[np.argsort(self.pen_index[shown] % WIDTH_BANDS, kind="stable")]
        e = (self.ends[shown] - [rect.left(), rect.top(), rect.left(), rect.top()]) * [
            w / rect.width(), h / rect.height(), w / rect.width(), h / rect.height()]
        # one sample per pixel along the longer side: unbroken lines at every slope
        t = np.linspace(0.0, 1.0, max(w, h) + 1, dtype=np.float32)
        e = e.astype(np.float32)
        # x0 + t (x1 − x0) and y0 + t (y1 − y0), (E, S): in place, then whole pixels
        cols = t * (e[:, 2:3] - e[:, :1])
        cols += e[:, :1]
        cols = cols.astype(np.intp)
        np.clip(cols, 0, w - 1, out=cols)
        rows = t * (e[:, 3:4] - e[:, 1:2])
        rows += e[:, 1:2]
        keys = self.pen_index[shown]
        color = _pen_colors(len(self.ends) > FEW_EDGES)[keys].view(np.uint32)[:, 0]   # (E,) BGRA bytes
        wide = _WIDTHS[keys % WIDTH_BANDS] * r / max(scale, 1e-9) >= 1.5
        for dy, which in ((0, slice(None)), (1, wide)):          # wide pens: a second row
            at = (rows[which] + dy if dy else rows[which]).astype(np.intp)
            np.clip(at, 0, h - 1, out=at)
            at *= w                                              # pixel index: row × w + column
            at += cols[which]
            # in row-major order of (edge, sample): later (stronger) edges overwrite earlier
            # ones. A flat index and the in-place steps above take 0.63-0.80 of the time of
            # (row, column) pairs and new arrays (bench/edge_image.py), for the same pixels
            # (tests/test_edge_image.py)
            pixels[at] = np.broadcast_to(color[which][:, None], at.shape)
        return QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied).copy()

    def edge_at(self, x: float, y: float, tolerance: float) -> int:
        """Index of the edge nearest (x, y) within tolerance (scene units), or −1."""
        if not len(self.ends):
            return -1
        a, b = self.ends[:, :2], self.ends[:, 2:]
        ab = b - a
        t = np.clip(((np.array([x, y]) - a) * ab).sum(1) / np.maximum((ab * ab).sum(1), 1e-12), 0, 1)
        d = np.hypot(*(a + t[:, None] * ab - np.array([x, y])).T)
        i = int(np.argmin(d))
        return i if d[i] <= tolerance else -1

    def _scale(self) -> float:
        views = self.scene().views() if self.scene() else []
        return views[0].transform().m11() if views else 1.0

    def hoverMoveEvent(self, ev):
        i = self.edge_at(ev.pos().x(), ev.pos().y(), HIT_PIXELS / max(self._scale(), 1e-9))
        if i != self.hovered:
            self.hovered = i
            self.sigHovered.emit(i)
            self.update()

    def hoverLeaveEvent(self, ev):
        if self.hovered != -1:
            self.hovered = -1
            self.sigHovered.emit(-1)
            self.update()
