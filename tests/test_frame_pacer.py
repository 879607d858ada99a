"""The frame pacer: which views a frame redraws at each speed, frames drawn in turns
that hand the event loop back, and views that skip a redraw when nothing changed."""
from __future__ import annotations

import time
from types import SimpleNamespace

from PySide6.QtCore import QEventLoop, QTimer

from backprop_lab.gui.frame_pacer import (EVERY_FRAME, REST_EVERY, TOOLBAR, TOOLBAR_EVERY, TURN_MS,
                                          FramePacer)

NAMES = ("decisionMap", "networkView", "lossPlot", "accuracyPlot", "weightsView", "gradNormPlot")


class FakeView:
    def __init__(self, visible=True):
        self.visible = visible

    def isVisible(self):
        return self.visible


class FakeSession:
    def __init__(self):
        self.started = self.finished = self.drawn = 0

    def frame_due(self, at):
        self.due = at

    def frame_started(self):
        self.started += 1

    def frame_finished(self):
        self.finished += 1

    def snapshot_drawn(self):
        self.drawn += 1

    def trains_elsewhere(self):
        return self.elsewhere

    elsewhere = False


def pacer_for(speed, playing=True, hidden=("gradNormPlot",), draw=lambda snap, names: None):
    views = {n: FakeView(n not in hidden) for n in NAMES}
    return FramePacer(FakeSession(), draw, lambda: playing, lambda: speed, views=views)


def test_below_max_speed_paused_or_stepping_a_frame_redraws_every_visible_view(qtbot):
    for speed, playing in ((1000, True), (10, True), (0, False)):
        pacer = pacer_for(speed, playing)
        pacer.drawn = SimpleNamespace(epoch=10)
        plan = pacer.plan(SimpleNamespace(epoch=400))
        assert plan == [n for n in NAMES if n != "gradNormPlot"] + [TOOLBAR], (speed, playing)


def test_at_max_speed_map_and_curves_are_in_every_frame_and_the_rest_take_turns(qtbot):
    def rest_per_frame(cost_ms, frames=6, **own_cost):
        pacer = pacer_for(0)
        pacer.view_cost_ms = {n: cost_ms for n in NAMES} | {TOOLBAR: 1.0} | own_cost
        pacer.drawn = SimpleNamespace(epoch=10)
        rest = []
        for frame in range(frames):
            plan = pacer.plan(SimpleNamespace(epoch=100 * (frame + 1)))
            assert set(EVERY_FRAME) <= set(plan)
            # the toolbar's numbers every TOOLBAR_EVERY frames, last
            assert (TOOLBAR in plan) == (frame % TOOLBAR_EVERY == 0) and TOOLBAR not in plan[:-1]
            assert "gradNormPlot" not in plan                 # hidden: never drawn
            rest.append([n for n in plan if n not in EVERY_FRAME and n != TOOLBAR])
            for n in plan:                                    # as _turn records them
                pacer._last_frame_of[n] = pacer.frames_drawn
            pacer.frames_drawn += 1
        return rest

    # the map and curves fill the frame's budget: the rest, in turn, every REST_EVERY frames
    assert REST_EVERY == 3
    assert rest_per_frame(5.0) == [["networkView"], [], [], ["weightsView"], [], []]
    # room for one more a frame (FILL × GUI_SHARE × FAST_FRAME_MS = 9.6 ms): one in every frame
    assert rest_per_frame(2.0) == [["networkView"], ["weightsView"]] * 3
    # room for both
    assert rest_per_frame(1.2) == [["networkView", "weightsView"]] * 6
    # a cheap view that fits every frame does not keep a dear one out: the least
    # recently drawn comes in at least every REST_EVERY frames
    rest = rest_per_frame(2.0, frames=8, networkView=1.0, weightsView=8.0)
    assert ["networkView"] in rest and ["weightsView"] in rest, rest
    dear = [i for i, f in enumerate(rest) if "weightsView" in f]
    assert dear[0] <= REST_EVERY and all(b - a <= REST_EVERY for a, b in zip(dear, dear[1:])), rest
    # each epoch drawn when it comes one at a time, even at max speed
    pacer = pacer_for(0)
    pacer.drawn = SimpleNamespace(epoch=10)
    assert len(pacer.plan(SimpleNamespace(epoch=11))) == len(NAMES)


def test_the_toolbar_a_max_speed_frame_left_out_is_drawn_when_training_stops(qtbot):
    drawn, playing = [], [True]

    def draw(snap, names):
        drawn.append((snap.epoch, names[0]))
        if snap.epoch == 400:
            playing[0] = False                                # training stops mid-frame
    views = {n: FakeView(n not in ("gradNormPlot",)) for n in NAMES}
    pacer = FramePacer(FakeSession(), draw, lambda: playing[0], lambda: 0, views=views)
    pacer.view_cost_ms = {n: 1.0 for n in (*NAMES, TOOLBAR)}

    def frame(epoch):
        pacer.offer(SimpleNamespace(epoch=epoch))
        qtbot.waitUntil(lambda: pacer.drawn is not None and pacer.drawn.epoch == epoch, timeout=2000)
    frame(100)
    frame(200)                                                # a max-speed frame without it
    assert (100, TOOLBAR) in drawn and (200, TOOLBAR) not in drawn
    pacer.catch_up_toolbar()                                  # (the window: when training stops)
    pacer.catch_up_toolbar()
    assert drawn[-1] == (200, TOOLBAR) and drawn.count((200, TOOLBAR)) == 1
    frame(300)
    frame(400)                                                # planned without it, then stopped
    assert drawn[-1] == (400, TOOLBAR)


def busy(ms):
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        pass


def test_a_frame_is_drawn_in_turns_that_hand_the_event_loop_back(qtbot):
    events = []

    def draw(snap, names):
        if not events:                # the frame's first view: something else to do comes in
            QTimer.singleShot(0, lambda: events.append("event loop"))
        events.append(names[0])
        busy(TURN_MS * 0.75)          # about one view a turn

    pacer = pacer_for(100, draw=draw)
    session = pacer.session
    snap = SimpleNamespace(epoch=1)
    loop = QEventLoop()
    pacer.offer(snap)
    QTimer.singleShot(1000, loop.quit)
    loop.exec()
    views = [n for n in NAMES if n != "gradNormPlot"] + [TOOLBAR]
    assert [e for e in events if e != "event loop"] == views     # every view, in order, once
    assert 0 < events.index("event loop") < len(events) - 1      # the loop ran mid-frame
    assert session.started == session.finished == 1 and session.drawn == 1
    assert pacer.pending is None and pacer.drawn is snap and pacer.frames_drawn == 1
    assert set(pacer.view_cost_ms) == set(views)
    assert all(pacer.view_frames[n] == 1 for n in views)


def test_the_snapshot_counts_as_pending_until_its_last_view_is_drawn(qtbot):
    seen = []
    pacer = pacer_for(100, draw=lambda snap, names: (seen.append(pacer.pending), busy(TURN_MS)))
    snap = SimpleNamespace(epoch=1)
    pacer.offer(snap)
    qtbot.waitUntil(lambda: pacer.frames_drawn == 1, timeout=2000)
    assert all(p is snap for p in seen) and pacer.pending is None


def test_views_skip_a_redraw_when_nothing_they_show_changed(qtbot):
    from backprop_lab.gui.views.curves import LossCurves
    from backprop_lab.gui.views.decision_map import DecisionMapView
    from backprop_lab.gui.views.weights import WeightsView
    from backprop_lab.model import TrainConfig, Trainer, make_data
    cfg = TrainConfig()
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(5)
    views = [DecisionMapView(), LossCurves(), WeightsView()]
    for v in views:
        qtbot.addWidget(v)
    parts = (lambda v: v.image_item.image, lambda v: v.train_curve.xData,
             lambda v: v.images[0].image)
    first = tr.snapshot()
    for v in views:
        v.set_snapshot(first)
    drawn = [part(v) for v, part in zip(views, parts)]
    for v in views:
        v.set_snapshot(tr.snapshot())          # a new snapshot of the same state
    assert all(part(v) is d for v, part, d in zip(views, parts, drawn))
    tr.run(1)
    for v in views:
        v.set_snapshot(tr.snapshot())          # one epoch on: every one redraws
    assert all(part(v) is not d for v, part, d in zip(views, parts, drawn))


def test_max_speed_frames_are_paced_by_their_own_cost_not_the_full_frames_before_play(qtbot):
    """The full frames drawn before Play cost several times a max-speed one: pacing the first
    max-speed frames by them drew ~6 frames a second for the first second of a run."""
    from backprop_lab.gui.frame_pacer import FAST_FRAME_MS, GUI_SHARE

    def draw(snap, names):
        busy(2.0 * len(names))
    pacer = pacer_for(0, draw=draw)
    pacer.cost_ms = 80.0                                     # the window's frames so far
    pacer.view_cost_ms = {n: 3.0 for n in NAMES} | {TOOLBAR: 2.0}
    expected = (3.0 * len(EVERY_FRAME) + 2.0 / TOOLBAR_EVERY) / GUI_SHARE
    assert abs(pacer._frame_gap_ms() - max(FAST_FRAME_MS, expected)) < 1e-9
    pacer.drawn = SimpleNamespace(epoch=1)
    pacer.offer(SimpleNamespace(epoch=400))                  # a max-speed frame
    qtbot.waitUntil(lambda: pacer.frames_drawn == 1, timeout=2000)
    assert pacer.fast_cost_ms is not None and pacer.fast_cost_ms < 40
    assert pacer._frame_gap_ms() == max(FAST_FRAME_MS, pacer.fast_cost_ms / GUI_SHARE)



def test_a_run_in_a_process_of_its_own_gets_frames_of_every_view_at_max_speed():
    """Training in its own process loses nothing to drawing: max-speed frames may take
    SLOW_SHARE of the time, and the views outside EVERY_FRAME come in every frame, unless
    a view of every frame is dear enough to fill a turn on its own."""
    from backprop_lab.gui.frame_pacer import FAST_FRAME_MS, GUI_SHARE, LONG_VIEW_MS, SLOW_SHARE

    pacer = pacer_for(0)
    pacer.view_cost_ms = {n: 4.0 for n in NAMES} | {n: 3.0 for n in EVERY_FRAME} | {TOOLBAR: 1.0}
    pacer.fast_cost_ms = 20.0
    pacer.drawn = SimpleNamespace(epoch=10)
    shared = pacer.plan(SimpleNamespace(epoch=500))
    assert pacer._frame_gap_ms() == 20.0 / GUI_SHARE
    pacer.session.elsewhere = True
    assert pacer._frame_gap_ms() == max(FAST_FRAME_MS, 20.0 / SLOW_SHARE)
    pacer.frames_drawn += 1
    alone = pacer.plan(SimpleNamespace(epoch=900))
    assert set(shared) - set(EVERY_FRAME) - {TOOLBAR} == {"networkView"}   # the over-budget slot
    assert {"networkView", "weightsView"} <= set(alone)                    # both fit now
    # a view of every frame that fills a turn on its own: frames stay as rare as before,
    # until it costs less than LONG_VIEW_MS
    pacer.view_cost_ms["decisionMap"] = TURN_MS
    assert pacer._frame_gap_ms() == 20.0 / GUI_SHARE
    pacer.view_cost_ms["decisionMap"] = LONG_VIEW_MS
    assert pacer._frame_gap_ms() == 20.0 / GUI_SHARE
    pacer.view_cost_ms["decisionMap"] = LONG_VIEW_MS - 0.5
    assert pacer._frame_gap_ms() == max(FAST_FRAME_MS, 20.0 / SLOW_SHARE)
