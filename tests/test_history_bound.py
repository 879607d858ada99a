"""A very long run's per-epoch history stays bounded: at History.max_rows rows the
older rows are thinned to every other one, the newest stay row by row, no span of
the run is left out, and kept states still cut the history at their epoch."""
from __future__ import annotations

import numpy as np

from backprop_lab.model import TrainConfig, Trainer, make_data
from backprop_lab.model.history import History
from backprop_lab.model.timeline import Timeline


def filled(epochs: int, max_rows: int) -> History:
    h = History(2, capacity=8, max_rows=max_rows)
    for e in range(1, epochs + 1):
        h.append(e, 1.0 / e, 0.5, np.nan, np.nan)[:] = e
    return h


def test_a_long_history_holds_at_most_max_rows_and_spans_every_epoch():
    max_rows, epochs = 64, 5000
    h = filled(epochs, max_rows)
    v = h.view()
    assert len(v) <= max_rows
    assert v.epoch[0] == 1 and v.epoch[-1] == epochs           # first and newest kept
    assert np.all(np.diff(v.epoch) > 0)
    # the newest quarter row by row, and no gap anywhere wider than a small fraction
    newest = v.epoch[-(max_rows // 4):]
    assert np.array_equal(newest, np.arange(epochs - max_rows // 4 + 1, epochs + 1))
    assert np.diff(v.epoch).max() <= 2.5 * epochs / (max_rows // 2)     # ~2 measured
    # rows are real epochs: every column agrees with the epoch it records
    assert np.allclose(v.loss, 1.0 / v.epoch) and np.allclose(v.grad_norms[:, 0], v.epoch)


def test_thinning_leaves_a_view_handed_out_before_unchanged():
    h = filled(63, 64)
    before = h.view()
    copy = before.epoch.copy()
    h.append(64, 0.1, 0.5, np.nan, np.nan)
    h.append(65, 0.1, 0.5, np.nan, np.nan)          # thins
    h.append(66, 0.1, 0.5, np.nan, np.nan)
    assert len(h.view()) < 65
    assert np.array_equal(before.epoch, copy)


def test_the_default_bound_keeps_a_hundred_million_epochs_in_tens_of_megabytes():
    from backprop_lab.model import history
    row_bytes = 8 * (len(history.COLUMNS) + len(history.EXTRA_COLUMNS) + 3)   # 2-4-4-1: 3 layers
    assert history.MAX_ROWS * row_bytes <= 45e6
    # the older rows spread over their epochs: 100 M epochs in MAX_ROWS // 2 of them
    assert 1e8 / (history.MAX_ROWS // 2) < 400


def test_going_back_cuts_a_thinned_history_at_the_kept_epoch():
    cfg = TrainConfig(stop_at_100=False, max_epochs=10_000)
    tr = Trainer(cfg, *make_data(cfg))
    tr.history = History(len(tr.network.layers), capacity=8, max_rows=64)
    timeline = Timeline(max_states=1024)
    for _ in range(300):
        tr.run(1)
        timeline.record(tr)
    v = tr.history.view()
    assert len(v) <= 64 and v.epoch[-1] == 300
    back = 290
    timeline.restore(tr, back)
    assert tr.epoch == back and tr.history.view().epoch[-1] == back
    assert tr.history.n == tr.history.rows_upto(back)
