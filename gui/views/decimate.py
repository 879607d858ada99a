"""Thinning long per-epoch series for drawing, without hiding spikes.

A history can hold a million epochs; a plot a few thousand pixels wide gains
nothing from more than a few thousand points. Min/max decimation keeps each
bucket's lowest and highest value (so a loss spike or a collapse stays
visible); the newest epochs, the ones being watched, are always drawn whole.
"""
from __future__ import annotations

import numpy as np

MAX_POINTS = 4000


def decimate(x: np.ndarray, y: np.ndarray, max_points: int = MAX_POINTS):
    """x (n,), y (n,) -> (x', y') with at most ~max_points points, in x order.

    Returns the inputs unchanged when they are short enough. Otherwise the
    newest max_points // 4 points are kept as they are and the older ones are cut
    into buckets covering all of them, each contributing its min and its max (at
    their own x); the first and the final point are always kept.
    NaNs inside a bucket are passed over (a bucket of only NaNs gives NaN).
    """
    if len(x) <= max_points:
        return x, y
    return decimate_columns(x, np.asarray(y)[:, None], max_points)[0]


def decimate_columns(x: np.ndarray, Y: np.ndarray, max_points: int = MAX_POINTS):
    """decimate() for every column of Y (n, k) at once -> [(x', y')] per column.

    Works on the (n, k) array as stored (a history's grad_norms), so no column
    of a million rows is copied out first. The newest ``max_points // 4`` rows
    are kept whole (the epochs being watched); the older ones are cut into
    buckets that cover every row, the last bucket possibly shorter, so no span of
    the history is ever left out.
    """
    n = len(x)
    if n <= max_points:
        return [(x, Y[:, j]) for j in range(Y.shape[1])]
    tail = max(1, max_points // 4)
    head = n - tail
    buckets = max(1, (max_points - tail) // 2)
    size = -(-head // buckets)                    # ceil: the buckets reach the tail
    buckets = -(-head // size)
    m = buckets * size
    B = np.asarray(Y[:head], dtype=float)
    if m > head:                                  # pad the last bucket with its own last row
        B = np.concatenate([B, np.repeat(B[-1:], m - head, axis=0)])
    B = B.reshape(buckets, size, -1)
    if np.isnan(B.min()):       # some NaN: let it never win (nanargmin fails on all-NaN rows)
        nan = np.isnan(B)
        lo = np.argmin(np.where(nan, np.inf, B), axis=1)
        hi = np.argmax(np.where(nan, -np.inf, B), axis=1)
    else:                       # the usual case, without copying a million values twice
        lo = B.argmin(axis=1)
        hi = B.argmax(axis=1)
    base = np.arange(buckets) * size
    recent = np.arange(head, n)
    out = []
    for j in range(Y.shape[1]):
        # each bucket's two rows in order, buckets in order: already sorted, so duplicates
        # (a flat bucket, the padded last one) sit side by side; no sort (np.unique) needed
        first, last = np.minimum(lo[:, j], hi[:, j]), np.maximum(lo[:, j], hi[:, j])
        pair = np.stack([first, last], axis=1) + base[:, None]
        kept = np.minimum(np.concatenate([[0], pair.ravel()]), head - 1)
        kept = kept[np.concatenate([[True], kept[1:] != kept[:-1]])]
        idx = np.concatenate([kept, recent])
        out.append((np.asarray(x)[idx], np.asarray(Y[idx, j])))
    return out
