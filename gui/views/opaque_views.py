"""Plots paint every pixel of their viewport themselves: Qt need not fill it first.

A QGraphicsView with an opaque background brush covers its whole viewport at each
paint. Unless told so (``WA_OpaquePaintEvent``), Qt first fills the viewport with
the window's background, one more pass over every pixel of the region redrawn. The
map, loss and accuracy plots are redrawn ~30 times a second at max speed: marked,
they left training 3-6 % more epochs and the window drew ~1 frame a second more
(two interleaved in-process comparisons; ``bench/gui_throughput.py`` for the figures)::

    mark_opaque(window)      # after the window's views are built
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsView, QWidget


def mark_opaque(root: QWidget) -> int:
    """Mark the viewport of every QGraphicsView under ``root`` whose background brush
    is opaque (a transparent one shows what lies beneath: those stay as they are).
    Returns how many were marked."""
    marked = 0
    views = root.findChildren(QGraphicsView)
    for view in ([root] if isinstance(root, QGraphicsView) else []) + views:
        if view.backgroundBrush().isOpaque():
            view.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
            marked += 1
    return marked
