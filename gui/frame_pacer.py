"""FramePacer: when the window draws, which views a frame redraws, and in how many turns.

    pacer = FramePacer(session, draw, playing, speed, views=window.views, parent=window)
    session.sigSnapshot.connect(pacer.offer)     # newest snapshot in; stale ones dropped
    pacer.epochs_per_second()                    # the rate shown on the toolbar
    pacer.view_cost_ms, pacer.view_frames        # per view: smoothed cost, frames drawn

The window keeps only the newest snapshot that has not been drawn yet and redraws
from it at most ``FRAME_MS`` apart, so a fast worker never floods the GUI.

A frame is drawn in *turns*: each turn redraws views (set_snapshot, then paints
them at once) until about ``TURN_MS`` of measured cost, then hands the event loop
back (a zero timer) so that clicks and keys wait at most one turn, not a whole
frame; the next turn follows at once. From the moment a frame is due until it is
drawn the training thread stands aside (``session.frame_due``, ``frame_started``,
``frame_finished``), so the two threads never fight over the interpreter lock
mid-frame, and the frame's timer does not wait for the lock to begin.

Which views: every visible one at every frame up to ``FAST_SPEED`` epochs/s, paused
or stepping (each epoch drawn at slow speeds). Faster, the decision map and both
curves (``EVERY_FRAME``) are in every frame and the other visible views take
turns, the least recently drawn first, as many as the frame's budget allows
(at least one every other frame: forcing one into every frame stretched every
frame, and so the gap between them, by its cost). The frame's measured cost stretches the gap between frames so
that drawing takes at most ``GUI_SHARE`` of the time at max speed, ``SLOW_SHARE``
below it (training then needs far less than the rest), or GUI_SHARE again while
training falls behind the speed asked for. A max-speed run that trains in a process
of its own (``session.trains_elsewhere()``) loses nothing to drawing: its frames
take up to SLOW_SHARE, and the other views get that larger budget, as long as no
view of every frame fills a turn on its own (a long stretch without input).
"""
from __future__ import annotations

import collections
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

FRAME_MS = 16            # ≤ ~60 redraws per second
FAST_FRAME_MS = 30       # ~33 per second at max speed: the eye sees no difference,
                         # training gets the time (bench/gui_throughput.py)
FAST_SPEED = 1000        # above this many epochs/s (or at max): EVERY_FRAME + turns of the rest
TURN_MS = 8              # a turn draws views until about this much measured cost
GUI_SHARE = 0.4          # at max speed, the share of time the window may spend drawing
SLOW_SHARE = 0.8         # ... and up to FAST_SPEED (training needs at most speed × epoch time)
LONG_VIEW_MS = 6.0       # a view of every frame that cost TURN_MS keeps max-speed frames to
                         # GUI_SHARE, training elsewhere or not, until it costs less than this
                         # (the largest network's map: event-loop p99 26 ms at SLOW_SHARE, 18
                         # at GUI_SHARE in one run of bench/window_ab.py --switch train-process
                         # --largest)
FILL = 0.8               # the other views fill a max-speed frame's plan up to this part of
                         # GUI_SHARE × FAST_FRAME_MS: room for the spread of frame costs, so that
                         # their mean does not stretch the gap past FAST_FRAME_MS
REST_EVERY = 3           # at max speed a frame makes room for one of the other views at least
                         # this often (each redraws at ~5 frames/s; the map and curves at ~30)
TOOLBAR_EVERY = 2        # ... and draws the toolbar's numbers and the timeline this often:
                         # ~15 new numbers a second are as many as anyone can read
GUESS_MS = 4.0           # cost assumed for a view not drawn yet
TOOLBAR = "toolbar"      # the pseudo-view drawn last in every frame: toolbar and timeline
EVERY_FRAME = ("decisionMap", "lossPlot", "accuracyPlot")


class FramePacer(QObject):
    """Paces the window's frames; ``draw(snap, names)`` redraws the views ``names``
    (and the toolbar when TOOLBAR is among them) from ``snap``.

    ``playing()`` is the window's own Play state, ``speed()`` the toolbar's epochs
    per second (0 = max), ``views`` the window's dict name → view (its order is the
    drawing order). ``pending`` is the newest snapshot not fully drawn yet,
    ``drawn`` the one drawn last, ``cost_ms`` the smoothed wall time of a frame (its
    turns and the event loop's work between them), ``view_cost_ms[name]`` the smoothed cost
    of one view's set_snapshot + paint, ``view_frames[name]`` the frames that drew
    it, ``fast_cost_ms`` the same as ``cost_ms`` for max-speed frames only (they pace
    the max-speed gap: the full frames before Play cost several times more),
    ``longest_turn_ms`` the longest turn so far (reset it to measure afresh)."""

    def __init__(self, session, draw: Callable, playing: Callable[[], bool],
                 speed: Callable[[], float], views: dict | None = None, parent=None):
        super().__init__(parent)
        self.session, self._draw_views = session, draw
        self._playing, self._speed = playing, speed
        self._views = views if views is not None else {}
        self._pending = None           # newest snapshot offered, frame not begun
        self._frame = None             # (snapshot, names left) of the frame being drawn
        self.drawn = None
        self._toolbar_shows = None     # the snapshot the toolbar was drawn from last
        self.frames_drawn = 0
        self.cost_ms = 0.0
        self.fast_cost_ms = None       # the same, of max-speed frames only (None: none drawn yet)
        self._frame_fast = False       # plan() made the frame being drawn a max-speed one
        self._dear_view = False        # a view of every frame fills a turn (_fast_share)
        self.view_cost_ms: dict[str, float] = {}
        self.view_frames: collections.Counter = collections.Counter()
        self.longest_turn_ms = 0.0
        self._last_draw = 0.0
        self._last_frame_of: dict[str, int] = {}
        self._slot_frame = -REST_EVERY  # the frame whose plan last gave the over-budget slot
        self._rate_samples = collections.deque(maxlen=120)   # (time, epoch)
        # precise: training stands aside from the moment the frame is due (frame_due)
        self._timer = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._begin_frame)
        self._turn_timer = QTimer(self, singleShot=True, interval=0)
        self._turn_timer.timeout.connect(self._turn)

    @property
    def pending(self):
        """The newest snapshot that is not drawn in every view yet (None: all drawn)."""
        if self._pending is not None:
            return self._pending
        return self._frame[0] if self._frame is not None else None

    def offer(self, snap):
        """Keep only the newest snapshot; draw it when the frame pacing allows."""
        self._pending = snap
        self._rate_samples.append((time.perf_counter(), snap.epoch))
        self._schedule()

    def _schedule(self):
        if self._timer.isActive() or self._frame is not None or self._pending is None:
            return
        now = time.perf_counter()
        wait = max(0, int(self._frame_gap_ms() - (now - self._last_draw) * 1000))
        # training stands aside then, not when the timer has fired (~0.3-0.6 ms later here):
        # told that later, it ran into half the frames, and both threads fought over the
        # interpreter lock at their start (a frame ~1 ms longer; tests/test_frame_handoff.py)
        self.session.frame_due(now + wait / 1000)
        self._timer.start(wait)

    def stop(self):
        self._timer.stop()
        self._turn_timer.stop()
        self._frame = None
        self.session.frame_finished()      # drawn or due: training goes on

    def _fast(self) -> bool:
        speed = self._speed()
        return self._playing() and (speed == 0 or speed > FAST_SPEED)

    def _fast_share(self) -> float:
        """The share of time max-speed frames may take: GUI_SHARE, or SLOW_SHARE while the
        run trains in a process of its own (the window's drawing then costs it nothing),
        unless a view of every frame fills a turn on its own (TURN_MS): clicks and keys
        wait for it, so frames stay as rare as before."""
        if not self.session.trains_elsewhere():
            return GUI_SHARE
        dearest = max((self._cost(n) for n in EVERY_FRAME
                       if n in self._views and self._views[n].isVisible()), default=0.0)
        # from TURN_MS on, until it costs less than LONG_VIEW_MS again: a cost near one
        # bound does not switch the share back and forth from frame to frame
        if dearest >= TURN_MS:
            self._dear_view = True
        elif dearest < LONG_VIEW_MS:
            self._dear_view = False
        return GUI_SHARE if self._dear_view else SLOW_SHARE

    def _frame_gap_ms(self) -> float:
        """Time between frame starts: FRAME_MS, or longer when frames are costly.

        Drawing and training share one interpreter lock, so while training the
        window spends at most about GUI_SHARE (max speed) or SLOW_SHARE of the time
        drawing; SLOW_SHARE at max speed too while the run trains in a process of its own."""
        if not self._playing():
            return FRAME_MS
        if self._fast():
            cost = self.fast_cost_ms
            if cost is None:           # first max-speed frame: what its views cost in the last ones
                cost = sum(self._cost(n) for n in EVERY_FRAME if n in self._views
                           and self._views[n].isVisible()) + self._cost(TOOLBAR) / TOOLBAR_EVERY
            return max(FAST_FRAME_MS, cost / self._fast_share())
        # below max speed training needs little, unless it falls behind the speed asked
        # for (a large network, a busy machine): then it gets what max speed leaves it
        rate, samples = self.epochs_per_second(), self._rate_samples
        behind = (rate < 0.9 * self._speed() and len(samples) > 1
                  and samples[-1][0] - samples[0][0] > 0.5)
        return max(FRAME_MS, self.cost_ms / (GUI_SHARE if behind else SLOW_SHARE))

    def epochs_per_second(self) -> float:
        samples, now = self._rate_samples, time.perf_counter()
        while len(samples) > 2 and now - samples[0][0] > 1.0:
            samples.popleft()
        if not self._playing() or len(samples) < 2:
            return 0.0
        (t0, e0), (t1, e1) = samples[0], samples[-1]
        return max(e1 - e0, 0) / (t1 - t0) if t1 > t0 else 0.0

    def _cost(self, name: str) -> float:
        return self.view_cost_ms.get(name, GUESS_MS)

    def plan(self, snap) -> list[str]:
        """The views a frame of ``snap`` redraws, in drawing order, TOOLBAR last (at max
        speed in every TOOLBAR_EVERY-th frame only)."""
        visible = [name for name, view in self._views.items() if view.isVisible()]
        skipped = self.drawn is not None and snap.epoch - self.drawn.epoch > 1
        self._frame_fast = self._fast() and skipped
        if not self._frame_fast:
            return [*visible, TOOLBAR]
        every = [n for n in visible if n in EVERY_FRAME]
        rest = sorted((n for n in visible if n not in EVERY_FRAME),
                      key=lambda n: self._last_frame_of.get(n, -1))
        budget = FILL * self._fast_share() * FAST_FRAME_MS - sum(map(self._cost, (*every, TOOLBAR)))
        # every REST_EVERY frames the least recently drawn view comes in, even over
        # budget; the others while the budget lasts (so a cheap view that fits every
        # frame cannot keep a dearer one out for ever)
        due = bool(rest) and self.frames_drawn - self._slot_frame >= REST_EVERY
        if due:
            self._slot_frame = self.frames_drawn
        chosen = set(every)
        for n in rest:
            if (n == rest[0] and due) or self._cost(n) <= budget:
                chosen.add(n)
                budget -= self._cost(n)
        toolbar = self.frames_drawn - self._last_frame_of.get(TOOLBAR, -TOOLBAR_EVERY) >= TOOLBAR_EVERY
        return [n for n in visible if n in chosen] + ([TOOLBAR] if toolbar else [])

    def catch_up_toolbar(self):
        """Draw the toolbar from the snapshot drawn last, if a max-speed frame left it out
        (call it when training stops: no later frame would bring it up to date)."""
        if self.drawn is not None and self._toolbar_shows is not self.drawn and self._frame is None:
            self._draw_views(self.drawn, (TOOLBAR,))
            self._toolbar_shows = self.drawn

    def _begin_frame(self):
        if self._frame is not None:
            return                     # a frame is still being drawn
        if self._pending is None:      # nothing new: training need not wait for it
            self.session.frame_finished()
            return
        snap, self._pending = self._pending, None
        self.session.snapshot_drawn()
        self._last_draw = time.perf_counter()
        self._frame = (snap, collections.deque(self.plan(snap)))
        self.session.frame_started()
        self._turn()

    def _turn(self):
        """Draw views of the current frame for about TURN_MS, then yield to the event loop."""
        if self._frame is None:
            return
        snap, left = self._frame
        app = QApplication.instance()
        spent = 0.0
        while left and (spent == 0.0 or spent + self._cost(left[0]) <= TURN_MS):
            name = left.popleft()
            t0 = time.perf_counter()
            self._draw_views(snap, (name,))
            # Paint now rather than later from the event loop, so the view's cost is
            # known: the first pass turns scene changes into viewport updates, the
            # second paints them.
            app.sendPostedEvents()
            app.sendPostedEvents()
            cost = (time.perf_counter() - t0) * 1000
            old = self.view_cost_ms.get(name)
            self.view_cost_ms[name] = cost if old is None else 0.7 * old + 0.3 * cost
            self.view_frames[name] += 1
            self._last_frame_of[name] = self.frames_drawn
            if name == TOOLBAR:
                self._toolbar_shows = snap
            spent += cost
        self.longest_turn_ms = max(self.longest_turn_ms, spent)
        if left:
            self._turn_timer.start()
            return
        self._frame = None
        self.drawn = snap
        self.frames_drawn += 1
        if not self._fast():
            self.catch_up_toolbar()     # stopped while a max-speed frame without it was drawn
        # wall time from the frame's start, the event loop's turns between its own
        # included: training stands aside for all of it (frame_started)
        frame_ms = (time.perf_counter() - self._last_draw) * 1000
        self.cost_ms = 0.7 * self.cost_ms + 0.3 * frame_ms
        if self._frame_fast:           # (a window's full frames, e.g. at Play, cost far more)
            old = self.fast_cost_ms
            self.fast_cost_ms = frame_ms if old is None else 0.7 * old + 0.3 * frame_ms
        self.session.frame_finished()
        self._schedule()
