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
    if len(x) <= max_points:
        return x, y
    return decimate_columns(x, np.asarray(y)[:, None], max_points)[0]


def decimate_columns(x: np.ndarray, Y: np.ndarray, max_points: int = MAX_POINTS):
    """decimate() for every column of Y (n, k) at once -> [(x', y')] per column.

    Works on the (n, k) array as stored (a history's grad_norms), so no column
    of a million rows is copied out first.
    """
    n = len(x)
    if n <= max_points:
        return [(x, Y[:, j]) for j in range(Y.shape[1])]
    buckets = max(1, (max_points - 1) // 2)
    size = n // buckets
    m = buckets * size
    B = np.asarray(Y[:m], dtype=float).reshape(buckets, size, -1)
    if np.isnan(B.min()):       # some NaN: let it never win (nanargmin fails on all-NaN rows)
        nan = np.isnan(B)
        lo = np.argmin(np.where(nan, np.inf, B), axis=1)
        hi = np.argmax(np.where(nan, -np.inf, B), axis=1)
    else:                       # the usual case, without copying a million values twice
        lo = B.argmin(axis=1)
        hi = B.argmax(axis=1)
    base = (np.arange(buckets) * size)[:, None]
    out = []
    for j in range(Y.shape[1]):
        idx = np.sort(np.concatenate([base[:, 0] + lo[:, j], base[:, 0] + hi[:, j], [n - 1]]))
        idx = idx[np.concatenate([[True], np.diff(idx) > 0])]   # a flat bucket gives one point
        out.append((np.asarray(x)[idx], np.asarray(Y[idx, j])))
    return out
