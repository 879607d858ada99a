"""Thinning long per-epoch series for drawing, without hiding spikes.

A history can hold a million epochs; a plot a few thousand pixels wide gains
nothing from more than a few thousand points. Min/max decimation keeps each
bucket's lowest and highest value (so a loss spike or a collapse stays
visible) and always keeps the last point, which is the epoch on screen.
"""
from __future__ import annotations

import numpy as np

MAX_POINTS = 4000


def decimate(x: np.ndarray, y: np.ndarray, max_points: int = MAX_POINTS):
    """x (n,), y (n,) -> (x', y') with at most ~max_points points, in x order.

    Returns the inputs unchanged when they are short enough. Otherwise the
    series is cut into max_points // 2 buckets and each contributes its min and
    its max (at their own x); the final point is always (x[-1], y[-1]).
    NaNs inside a bucket are passed over (a bucket of only NaNs gives NaN).
    """
    n = len(x)
    if n <= max_points:
        return x, y
    buckets = max(1, (max_points - 1) // 2)
    size = n // buckets
    m = buckets * size
    Y = np.asarray(y[:m], dtype=float).reshape(buckets, size)
    # NaN-aware arg-min/max without nanargmin's all-NaN error: NaN never wins
    lo = np.argmin(np.where(np.isnan(Y), np.inf, Y), axis=1)
    hi = np.argmax(np.where(np.isnan(Y), -np.inf, Y), axis=1)
    base = np.arange(buckets) * size
    idx = np.sort(np.concatenate([base + lo, base + hi]))
    idx = np.concatenate([idx, [n - 1]])
    idx = idx[np.concatenate([[True], np.diff(idx) > 0])]   # a flat bucket gives one point
    return np.asarray(x)[idx], np.asarray(y)[idx]
