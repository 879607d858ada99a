"""What makes a frame cheaper must not change what it shows: cached bounding
rectangles follow the points and the pane's size, and an axis is not redrawn when its
ticks did not change."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from backprop_lab.gui.views.curves import LossCurves
from backprop_lab.gui.views.decision_map import DecisionMapView
from view_snapshots import snapshot
from shown_views import shown


def fresh_rect(item):
    return pg.ScatterPlotItem.boundingRect(item)      # pyqtgraph's own, computed now


def test_the_maps_point_layers_keep_the_bounding_rect_pyqtgraph_would_compute(qtbot):
    view = shown(qtbot, DecisionMapView(), (500, 420))
    snap = snapshot(200, hidden=(4,), activation="tanh", lr=0.5)
    view.set_snapshot(snap)
    item = view.train_item
    first = item.boundingRect()
    assert first == fresh_rect(item) and first.width() > 0
    # new points far out: the rect grows with them
    view.set_snapshot(snapshot(200, extra_point=(3.0, -2.5, 1), hidden=(4,), activation="tanh", lr=0.5))
    assert item.boundingRect() == fresh_rect(item) and item.boundingRect().right() > first.right()
    # a smaller pane: a point's radius is more of the plane, and the rect's margin with it
    before = item.boundingRect()
    view.resize(250, 210)
    qtbot.wait(50)
    after = item.boundingRect()
    assert after == fresh_rect(item) and after.width() > before.width()


def test_the_loss_axis_is_not_redrawn_when_only_the_epochs_grow(qtbot):
    plot = shown(qtbot, LossCurves(), (400, 300))
    axis = plot.plot.getAxis("left")
    resets = []
    set_ticks = axis.setTicks
    axis.setTicks = lambda ticks: (resets.append(ticks), set_ticks(ticks))
    for epochs in (100, 1000, 5000):                 # the epoch axis changes range each time
        plot.set_snapshot(snapshot(epochs))
    assert resets == []
    plot.set_log_scale(True)                          # ticks at the decades: set once
    assert len(resets) == 1 and resets[0][0]
    plot.set_snapshot(snapshot(20000))
    assert len(resets) == 1 or resets[-1] != resets[-2]
    plot.set_log_scale(False)
    assert resets[-1] is None
    assert np.isfinite(plot.train_curve.getData()[1]).all()


def test_the_rate_on_the_toolbar_keeps_three_digits():
    from backprop_lab.gui.toolbar import three_digits
    assert [three_digits(r) for r in (12873.2, 1234.0, 987.4, 55.5, 0.0)] == [12900, 1230, 987, 55.5, 0.0]
    assert three_digits(float("nan")) != three_digits(float("nan"))     # NaN passes through


def scatter_picture(item_class, qtbot, **data):
    from PySide6.QtGui import QColor
    widget = shown(qtbot, pg.PlotWidget(background="w"), (300, 300))
    item = item_class(size=17, symbol="o", pen=pg.mkPen("r", width=2), brush=None)
    widget.addItem(item)
    widget.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    item.setData(**data)
    widget.addItem(pg.ScatterPlotItem())               # (same scene contents either way)
    image = widget.grab().toImage()
    assert image.pixelColor(0, 0) == QColor("white")
    return image, item


def test_rings_drawn_through_one_atlas_lookup_look_the_same(qtbot):
    from backprop_lab.gui.views.decision_map import RingScatter
    pos = np.random.default_rng(5).random((300, 2))
    ours, item = scatter_picture(RingScatter, qtbot, pos=pos)
    theirs, _ = scatter_picture(pg.ScatterPlotItem, qtbot, pos=pos)
    assert ours == theirs
    assert (item.data["sourceRect"]["w"] > 0).all()
    # spots with a style of their own: pyqtgraph's own path, the same picture again
    brushes = [pg.mkBrush("b" if i % 2 else "g") for i in range(len(pos))]
    ours, _ = scatter_picture(RingScatter, qtbot, pos=pos, brush=brushes)
    theirs, _ = scatter_picture(pg.ScatterPlotItem, qtbot, pos=pos, brush=brushes)
    assert ours == theirs


def test_a_fast_growing_epoch_axis_takes_a_new_range_every_few_frames_not_every_frame(qtbot):
    """A new x range costs both curve plots ~6 ms: at max speed (~300 epochs a frame) the
    nice bounds alone changed it at almost every frame early in a run."""
    from backprop_lab.gui.views.curves import LOOKAHEAD_FRAMES, nice_bound
    from backprop_lab.model import TrainConfig, Trainer, make_data
    cfg = TrainConfig(stop_at_100=False)
    fast, slow = (shown(qtbot, LossCurves(), (400, 300)) for _ in range(2))
    tr = Trainer(cfg, *make_data(cfg))
    ranges = []
    for _ in range(30):
        tr.run(300)
        fast.set_snapshot(tr.snapshot())
        hi = fast._range[0][1]
        assert tr.epoch <= hi <= nice_bound(min(tr.epoch + LOOKAHEAD_FRAMES * 300, 2 * tr.epoch))
        ranges.append(hi)
    changes = sum(a != b for a, b in zip(ranges, ranges[1:]))
    tight = sum(nice_bound(300 * f) != nice_bound(300 * (f + 1)) for f in range(1, 30))
    assert changes <= tight // 2, (changes, tight)
    for _ in range(30):                               # one epoch a frame: as tight as ever
        tr.run(1)
        slow.set_snapshot(tr.snapshot())
        assert slow._range[0][1] == nice_bound(tr.epoch)
    tr.run(2000)                                      # one jump (a Step N): tight too
    slow.set_snapshot(tr.snapshot())
    assert slow._range[0][1] == nice_bound(tr.epoch)
