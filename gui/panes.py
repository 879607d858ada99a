"""A pane of the main window: a bold title line (with optional controls on its right) above a view."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


def titled(title: str, widget: QWidget, *extras: QWidget) -> QWidget:
    """A pane: a bold title line (with optional controls on the right) above a view."""
    pane = QWidget()
    vb = QVBoxLayout(pane)
    vb.setContentsMargins(2, 2, 2, 2)
    vb.setSpacing(2)
    head = QHBoxLayout()
    if title:                      # views with a plot title of their own get none here
        head.addWidget(QLabel(f"<b>{title}</b>"))
    head.addStretch(1)
    for e in extras:
        head.addWidget(e)
    if title or extras:
        vb.addLayout(head)
    vb.addWidget(widget, 1)
    return pane
