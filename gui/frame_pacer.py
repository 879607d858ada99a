"""FramePacer: when the window draws, and which views a frame redraws.

    pacer = FramePacer(session, draw, playing, speed, parent=window)
    session.sigSnapshot.connect(pacer.offer)     # newest snapshot in; stale ones dropped
    pacer.epochs_per_second()                    # the rate shown on the toolbar

The window keeps only the newest snapshot that has not been drawn yet and redraws
from it at most ``FRAME_MS`` apart, so a fast worker never floods the GUI. While
a frame is drawn the training thread stands aside (``session.frame_started`` /
``frame_finished``); the frame's measured cost stretches the gap between frames so
that, while training, drawing takes at most about ``GUI_SHARE`` of the time.
"""
from __future__ import annotations

import collections
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

FRAME_MS = 16            # ≤ ~60 redraws per second
FAST_FRAME_MS = 30       # ~33 per second while training faster than 30 epochs/s: the eye
                         # sees no difference, training gets the time (bench/gui_throughput.py)
SPLIT_ABOVE_MS = 25      # see _draw
GUI_SHARE = 0.4          # while training, the share of time the window may spend drawing

# While training fast, frame k redraws the views of FRAME_PLAN[k % 4] (those not shown
# are skipped): the map and both curves every other frame (~16 per second), the diagram
# and the bottom tab every fourth (~8 per second). Cost of set_snapshot + paint, bench
# at max speed: map ≈ 5 ms, diagram 4.5, weights 2, loss 2.5, accuracy 2.3.
_TAB = ("weightsView", "gradNormPlot", "groundTruthView", "activationView")
FRAME_PLAN = (("decisionMap", "lossPlot"), ("networkView", "accuracyPlot"),
              ("decisionMap", "lossPlot"), ("accuracyPlot", *_TAB))


class FramePacer(QObject):
    """Paces the window's frames; ``draw(snap, names)`` redraws the views ``names``
    (None: every view) from ``snap``.

    ``playing()`` is the window's own Play state and ``speed()`` the toolbar's
    epochs per second (0 = max). ``pending`` is the newest snapshot not drawn yet,
    ``drawn`` the one drawn last, ``cost_ms`` the smoothed time a frame takes to
    draw and paint."""

    def __init__(self, session, draw: Callable, playing: Callable[[], bool],
                 speed: Callable[[], float], parent=None):
        super().__init__(parent)
        self.session, self._draw_views = session, draw
        self._playing, self._speed = playing, speed
        self.pending = None
        self.drawn = None
        self.frames_drawn = 0
        self.cost_ms = 0.0
        self._last_draw = 0.0
        self._frame_index = 0          # into FRAME_PLAN
        self._rate_samples = collections.deque(maxlen=120)   # (time, epoch)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._draw)

    def offer(self, snap):
        """Keep only the newest snapshot; draw it when the frame pacing allows."""
        self.pending = snap
        self._rate_samples.append((time.perf_counter(), snap.epoch))
        if not self._timer.isActive():
            wait = self._frame_gap_ms() - (time.perf_counter() - self._last_draw) * 1000
            self._timer.start(max(0, int(wait)))

    def stop(self):
        self._timer.stop()

    def _frame_gap_ms(self) -> float:
        """Time between frame starts: FRAME_MS, or longer when frames are costly.

        Drawing and training share one interpreter lock, so while training the
        window spends at most about GUI_SHARE of the time drawing."""
        if not self._playing():
            return FRAME_MS
        speed = self._speed()
        base = FAST_FRAME_MS if speed == 0 or speed > 1000 / FAST_FRAME_MS else FRAME_MS
        return max(base, self.cost_ms / GUI_SHARE)

    def epochs_per_second(self) -> float:
        samples, now = self._rate_samples, time.perf_counter()
        while len(samples) > 2 and now - samples[0][0] > 1.0:
            samples.popleft()
        if not self._playing() or len(samples) < 2:
            return 0.0
        (t0, e0), (t1, e1) = samples[0], samples[-1]
        return max(e1 - e0, 0) / (t1 - t0) if t1 > t0 else 0.0

    def _draw(self):
        snap, self.pending = self.pending, None
        if snap is None:
            return
        self.session.snapshot_drawn()
        now = time.perf_counter()
        # While frames follow each other closely in training, a frame redraws the
        # views of one FRAME_PLAN entry in turn, so no frame blocks the event loop
        # for long; at slow speeds (frames far apart), paused or stepping, all of
        # them — else at 1 epoch/s the map would show new points only every 4 s.
        # A window whose frames cost more than SPLIT_ABOVE_MS (a large network) splits
        # from the first frame of a run on: a whole frame would hold the event loop.
        recent = (now - self._last_draw) * 1000 < 2 * self._frame_gap_ms()
        split = (self._playing() and (recent or self.cost_ms > SPLIT_ABOVE_MS)
                 and (self.drawn is None or snap.epoch - self.drawn.epoch > 1))
        self._last_draw = now
        self.session.frame_started()
        self._frame_index = (self._frame_index + 1) % len(FRAME_PLAN)
        self._draw_views(snap, FRAME_PLAN[self._frame_index] if split else None)
        self.drawn = snap
        self.frames_drawn += 1
        # Paint now rather than later from the event loop, so the frame's cost is
        # known and training stands aside for exactly as long: the first pass
        # turns scene changes into viewport updates, the second paints them.
        app = QApplication.instance()
        app.sendPostedEvents()
        app.sendPostedEvents()
        self._frame_done()

    def _frame_done(self):
        self.session.frame_finished()
        # Wall time: training stands aside for all of it (frame_started).
        cost = (time.perf_counter() - self._last_draw) * 1000
        self.cost_ms = 0.7 * self.cost_ms + 0.3 * cost
