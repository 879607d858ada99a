"""WeightsReadout: hover a cell of a weights heatmap to read that weight.

The cell under the cursor gets a frame and a tooltip with the diagram's edge
text (backprop_lab.gui.views.weight_text): layer, from → to, w, dL/dw and the
last Δw. The tooltip follows new snapshots while the cursor stays on the cell.

WeightsView owns one: ``self.readout = WeightsReadout(self)`` in __init__ and
``self.readout.set_snapshot(snap)`` in set_snapshot.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QCursor, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QToolTip

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.hover_area import HoverArea
from backprop_lab.gui.views.network_diagram import unit_names
from backprop_lab.gui.views.weight_text import cell_names, weight_text


class WeightsReadout(QObject):
    """Cell frame and tooltip of a WeightsView (see the module doc).

    Attributes: ``cell`` ((layer, r, c) hovered, or None), ``text`` (the tooltip's text, "" when none).
    """

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.snapshot = None
        self.cell: tuple[int, int, int] | None = None
        self.text = ""
        self._names = None
        self._names_key = None
        self._scene_pos: QPointF | None = None
        self.frame = self._make_frame()
        self._frame_plot = None                # the PlotItem holding the frame
        view.widget.scene().sigMouseMoved.connect(self._moved)
        self.hover_area = HoverArea(view.widget.ci, self.clear)   # the mouse left: hidden

    @staticmethod
    def _make_frame() -> QGraphicsRectItem:
        frame = QGraphicsRectItem(QRectF(-0.5, -0.5, 1, 1))
        pen = QPen(QColor(colors.FOREGROUND), 2)
        pen.setCosmetic(True)                  # 2 px whatever the cell size
        frame.setPen(pen)
        frame.setZValue(20)
        frame.setVisible(False)
        return frame

    def set_snapshot(self, snap) -> None:
        """The weights drawn now; a shown tooltip follows them."""
        self.snapshot = snap
        if self.cell is not None and self._scene_pos is not None:
            self._moved(self._scene_pos)

    def cell_at(self, scene_pos) -> tuple[int, int, int] | None:
        """(layer, r, c) of the heatmap cell at ``scene_pos``, or None off every cell."""
        for k, (plot, img) in enumerate(zip(self.view.plots, self.view.images)):
            vb = plot.getViewBox()
            if img.image is None or not vb.sceneBoundingRect().contains(scene_pos):
                continue
            p = vb.mapSceneToView(scene_pos)
            r, c = round(p.y()), round(p.x())
            rows, cols = img.image.shape[:2]
            if 0 <= r < rows and 0 <= c < cols:
                return k, r, c
        return None

    def _moved(self, scene_pos) -> None:
        snap = self.snapshot
        cell = self.cell_at(scene_pos) if snap is not None else None
        if cell is None or cell[0] >= len(snap.layers):
            self.clear()
            return
        self._scene_pos = QPointF(scene_pos)
        k, r, c = cell
        text = self.text_for(k, r, c)
        if cell != self.cell:
            self._frame_on(self.view.plots[k])
            self.frame.setPos(c, r)
            self.frame.setVisible(True)
        if (cell, text) != (self.cell, self.text):
            self.cell, self.text = cell, text
            self.view.images[k].setToolTip(text)
            QToolTip.showText(QCursor.pos(), text, self.view.widget)

    def _frame_on(self, plot) -> None:
        """Move the cell frame into ``plot`` (a PlotItem ignores an item it already holds)."""
        if not shiboken6.isValid(self.frame):          # deleted with a plot of an older shape
            self.frame, self._frame_plot = self._make_frame(), None
        if plot is self._frame_plot:
            return
        old = self._frame_plot
        if old is not None and shiboken6.isValid(old):
            old.removeItem(self.frame)
        plot.addItem(self.frame, ignoreBounds=True)
        self._frame_plot = plot

    def text_for(self, k: int, r: int, c: int) -> str:
        """The tooltip text of cell W[r, c] of weight layer k in the newest snapshot."""
        snap = self.snapshot
        key = (snap.spec.sizes, tuple(snap.spec.features))
        if key != self._names_key:
            self._names, self._names_key = unit_names(snap.spec.features, snap.layers), key
        src, dst = cell_names(self._names, snap.layers[k], k, r, c)
        return weight_text(snap, k, r, c, src, dst)

    def clear(self) -> None:
        """No cell hovered: frame and tooltip gone."""
        if self.cell is not None:
            QToolTip.hideText()
            for img in self.view.images:
                img.setToolTip("")
        self.cell, self.text, self._scene_pos = None, "", None
        if shiboken6.isValid(self.frame):
            self.frame.setVisible(False)
