"""PlaceholderView: stands in for a plot widget of gui/views/ that is not there yet.

It has every method and signal the window calls on the real views, shows the
view's name and the epoch it was last given, and goes away when the views land.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel


class PlaceholderView(QLabel):
    sigAddPoint = Signal(float, float, int)
    sigDeletePoint = Signal(float, float)

    def __init__(self, name: str, cls: str, parent=None):
        super().__init__(f"{cls}\n(not built yet)", parent)
        self.setObjectName(name)
        self._cls = cls
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(120, 80)
        self.setStyleSheet("color: #888; border: 1px dashed #bbb;")

    def set_snapshot(self, snap):
        self.setText(f"{self._cls}\n(not built yet)\nepoch {snap.epoch}")

    def set_add_class(self, label: int):
        pass

    def set_edge_mode(self, mode: str):
        pass

    def set_log_scale(self, on: bool):
        pass

    def set_activation(self, name: str, leaky_slope: float):
        pass
