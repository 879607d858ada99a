"""HoverArea: an invisible item over a pyqtgraph area that says when the mouse leaves it.

    HoverArea(plot.getViewBox(), readout.hide)

pyqtgraph's scene sends its own hover events (with an exit when the mouse moves
off an item or out of the widget); this item takes them for a readout, so no
event filter runs Python for every event the widget gets. It draws nothing and
takes no clicks: zoom, pan and the map's clicks go to the items beneath.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem


class HoverArea(QGraphicsRectItem):
    """Covers ``area`` (a ViewBox or GraphicsLayout, followed when it is resized) and calls
    ``on_exit()`` when the mouse leaves it."""

    def __init__(self, area, on_exit):
        super().__init__(area.rect(), area)
        self._on_exit = on_exit
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        area.geometryChanged.connect(lambda: self.setRect(area.rect()))

    def hoverEvent(self, ev):
        if ev.isExit():
            self._on_exit()
