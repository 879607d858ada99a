"""The "Gradient check" and "Hidden space" tabs of the main window's bottom tab widget.

    install_analysis_tabs(window)   # adds both; the window draws them from snapshots

Both are registered in ``window.views`` like the window's own views, so the
window hands them the newest snapshot only while their tab is shown (and at
once when it is shown). The gradient check only keeps the snapshot: the check
itself runs on its button, on whatever state training is paused at.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QTimer

from backprop_lab.gui.gradcheck_panel import GradCheckPanel
from backprop_lab.gui.views.hidden_space import HiddenSpaceView

HIDDEN_SPACE_GAP_S = 0.2    # a redraw paints 30 antialiased curves (~40 ms): ≤ 5 per second


class ThrottledHiddenSpace(HiddenSpaceView):
    """A HiddenSpaceView that redraws at most every HIDDEN_SPACE_GAP_S while snapshots
    stream in (training); the newest one is always drawn, at the latest that much later."""

    def __init__(self, parent=None, gap_s: float = HIDDEN_SPACE_GAP_S):
        super().__init__(parent)
        self.gap_s = gap_s
        self.redraws = 0
        self._latest = None
        self._last = -float("inf")
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._draw_latest)

    def set_snapshot(self, snap):
        self._latest = snap
        if self._timer.isActive():
            return
        wait = self.gap_s - (time.perf_counter() - self._last)
        if wait <= 0:
            self._draw_latest()
        else:
            self._timer.start(max(1, round(wait * 1000)))

    def _draw_latest(self):
        self._last = time.perf_counter()
        self.redraws += 1
        super().set_snapshot(self._latest)


def install_analysis_tabs(window) -> tuple[GradCheckPanel, HiddenSpaceView]:
    gradcheck, hidden_space = GradCheckPanel(), ThrottledHiddenSpace()
    for view, title in ((gradcheck, QCoreApplication.translate("AnalysisTabs", "Gradient check")),
                        (hidden_space, QCoreApplication.translate("AnalysisTabs", "Hidden space"))):
        window.tabs.addTab(view, title)
        window.views[view.objectName()] = view    # drawn by the window while visible
    return gradcheck, hidden_space
