"""LiveDecimation: the same points as cutting the whole history afresh into its
power-of-two buckets, at the cost of the rows added since the last frame."""
from __future__ import annotations

import numpy as np

from backprop_lab.gui.views.decimate_live import LiveDecimation


def reference(x, Y, max_points):
    """Every bucket worked out from scratch, as LiveDecimation defines them."""
    n, k = Y.shape
    if n <= max_points:
        return [(x, Y[:, j]) for j in range(k)]
    tail = max(1, max_points // 4)
    head = n - tail
    most = max(1, (max_points - tail) // 2)
    size = 1
    while -(-head // size) > most:
        size *= 2
    out = []
    for j in range(k):
        kept = [0]
        for start in range(0, head, size):
            v = Y[start: min(start + size, head), j]
            if np.isnan(v).all():
                lo = hi = 0
            else:
                lo, hi = int(np.nanargmin(v)), int(np.nanargmax(v))
            for i in sorted((start + lo, start + hi)):
                if i != kept[-1]:
                    kept.append(i)
        idx = np.array(kept + list(range(head, n)))
        out.append((x[idx], Y[idx, j]))
    return out


def test_growing_history_matches_cutting_it_afresh_at_every_frame():
    rng = np.random.default_rng(3)
    n_max, k, max_points = 30_000, 3, 400
    Y = rng.normal(size=(n_max, k))
    Y[rng.random(size=Y.shape) < 0.05] = np.nan        # NaNs never win a bucket
    Y[5000:5600] = np.nan                              # ... nor does an all-NaN stretch
    Y[12_345, 1] = 1e6                                 # a spike stays visible
    x = np.arange(1, n_max + 1)
    live = LiveDecimation(max_points)
    n = 0
    while n < n_max:
        n = min(n_max, n + int(rng.integers(1, 1500)))
        got = live(x[:n], Y[:n])                       # views of one array, as a history gives
        want = reference(x[:n], Y[:n], max_points)
        for (gx, gy), (wx, wy) in zip(got, want):
            assert np.array_equal(gx, wx) and np.array_equal(gy, wy, equal_nan=True), n
        assert all(len(gx) <= max_points + 2 for gx, _ in got)
    assert 1e6 in got[1][1]
    assert got[0][0][0] == 1 and np.array_equal(got[0][0][-(max_points // 4):], x[-(max_points // 4):])


def test_new_arrays_start_afresh():
    """A history thinned or truncated hands out new arrays with other rows: nothing
    worked out for the old ones is used for them."""
    rng = np.random.default_rng(4)
    live = LiveDecimation(200)
    a = rng.random(10_000)
    live(np.arange(10_000), a)
    b = rng.random(10_000)                             # same length, other values
    (gx, gy), = live(np.arange(10_000), b)
    (wx, wy), = reference(np.arange(10_000), b[:, None], 200)
    assert np.array_equal(gx, wx) and np.array_equal(gy, wy)


def test_short_histories_are_drawn_whole():
    live = LiveDecimation(100)
    (x, y), = live(np.arange(50), np.arange(50.0))
    assert len(x) == 50


def test_a_shorter_view_of_the_same_arrays_shows_nothing_after_its_end():
    """Scrubbing the timeline back shows a cut history: a view of the same arrays."""
    rng = np.random.default_rng(6)
    Y = rng.random((20_000, 2))
    x = np.arange(1, 20_001)
    live = LiveDecimation(300)
    live(x, Y)
    for n in (8000, 301, 15_000):
        for (gx, gy), j in zip(live(x[:n], Y[:n]), range(2)):
            assert gx[-1] == n and (gx <= n).all() and len(gx) <= 302
            assert np.array_equal(gy, Y[gx - 1, j])              # real rows, in order
            assert np.array_equal(gx[-75:], x[n - 75: n])        # the newest drawn whole
            assert Y[:n - 75, j].max() in gy and Y[:n - 75, j].min() in gy
