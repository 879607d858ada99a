"""LiveDecimation: min/max decimation of a history that grows at its end, kept from
frame to frame, so that a frame costs the rows added since the last one.

    thin = LiveDecimation()                      # one per curve (or per plot of k curves)
    for x, y in thin(h.epoch, h.grad_norms):     # (n,), (n, k) -> [(x', y')] per column
        curve.setData(x, y)

``decimate_columns`` (backprop_lab.gui.views.decimate) cuts the whole history into
new buckets at every call: 55 ms a frame for the three gradient-norm curves of a
run of 500 000 epochs, 4 ms for each loss curve. Here the older rows are cut
into buckets of a power-of-two number of rows, aligned from row 0, so a full
bucket never changes: its lowest and highest rows are kept, and each call works
out only the buckets completed since the last one (and the one being filled).
When the buckets would be too many, neighbours merge in pairs (the lower of two
minima, the higher of two maxima), so ``max_points`` still bounds the points
drawn. As in ``decimate``, the newest ``max_points // 4`` rows are drawn whole,
the first row is always kept, NaNs never win a bucket, and rows are real epochs.

The kept buckets belong to the arrays they were read from: a history thinned,
truncated (rollback, resume) or grown into new arrays, or a new run, starts
them afresh (the history never rewrites rows of arrays it has handed out). A
shorter view of the same arrays (the timeline showing a kept state) uses the
buckets that end before its end.
"""
from __future__ import annotations

import weakref

import numpy as np

from backprop_lab.gui.views.decimate import MAX_POINTS


def _root(a: np.ndarray) -> np.ndarray:
    """The array that owns ``a``'s memory (a history column is a view of it)."""
    while isinstance(a.base, np.ndarray):
        a = a.base
    return a


def _extremes(block: np.ndarray, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """block (m, size, k) -> row indices (m, k) of each bucket's lowest and highest
    value (NaN never wins; an all-NaN bucket gives its first row)."""
    nan = np.isnan(block)
    if nan.any():
        lo = np.argmin(np.where(nan, np.inf, block), axis=1)
        hi = np.argmax(np.where(nan, -np.inf, block), axis=1)
    else:
        lo, hi = block.argmin(axis=1), block.argmax(axis=1)
    base = offset + (np.arange(block.shape[0]) * block.shape[1])[:, None]
    return base + lo, base + hi


class LiveDecimation:
    """Call it with (x (n,), Y (n, k) or y (n,)) at every frame; returns [(x', y')] per
    column of Y (a list of one for a 1-D y), at most ~max_points points each."""

    def __init__(self, max_points: int = MAX_POINTS):
        self.max_points = max_points
        self._forget(None)

    def _forget(self, root):
        self._source = None if root is None else weakref.ref(root)
        self._size = 1                      # rows per bucket: a power of two
        self._lo = self._hi = None          # (full buckets, k) row indices

    def __call__(self, x: np.ndarray, Y: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        Y = np.asarray(Y)
        Y2 = Y[:, None] if Y.ndim == 1 else Y
        n, k = Y2.shape
        if n <= self.max_points:
            return [(x, Y2[:, j]) for j in range(k)]
        tail = max(1, self.max_points // 4)
        head = n - tail
        most = max(1, (self.max_points - tail) // 2)     # buckets at most
        root = _root(Y)
        if self._source is None or self._source() is not root or self._lo.shape[1] != k:
            self._forget(root)
            self._lo = self._hi = np.zeros((0, k), np.intp)
        while -(-head // self._size) > most:
            self._merge(Y2)
        size = self._size
        full = head // size
        if len(self._lo) > full:        # a shorter view of the same arrays (a kept state on view)
            self._lo, self._hi = self._lo[:full], self._hi[:full]
        done = len(self._lo)
        if full > done:                                   # buckets completed since the last call
            block = np.asarray(Y2[done * size: full * size], dtype=float).reshape(full - done, size, k)
            lo, hi = _extremes(block, done * size)
            self._lo, self._hi = np.concatenate([self._lo, lo]), np.concatenate([self._hi, hi])
        lo, hi = self._lo, self._hi
        if head > full * size:                            # the bucket being filled
            block = np.asarray(Y2[full * size: head], dtype=float)[None]
            last_lo, last_hi = _extremes(block, full * size)
            lo, hi = np.concatenate([lo, last_lo]), np.concatenate([hi, last_hi])
        recent = np.arange(head, n)
        out = []
        for j in range(k):
            pair = np.stack([np.minimum(lo[:, j], hi[:, j]), np.maximum(lo[:, j], hi[:, j])], axis=1)
            kept = np.concatenate([[0], pair.ravel()])
            kept = kept[np.concatenate([[True], kept[1:] != kept[:-1]])]   # sorted: duplicates adjoin
            idx = np.concatenate([kept, recent])
            out.append((np.asarray(x)[idx], np.asarray(Y2[idx, j])))
        return out

    def _merge(self, Y2: np.ndarray):
        """Twice the rows per bucket: neighbours' extremes merged (an odd last one dropped,
        to be worked out again from its rows)."""
        pairs = len(self._lo) // 2
        cols = np.arange(self._lo.shape[1])
        merged = []
        for rows, worse in ((self._lo, np.inf), (self._hi, -np.inf)):
            a, b = rows[0: 2 * pairs: 2], rows[1: 2 * pairs: 2]
            va, vb = (np.asarray(Y2[r, cols], dtype=float) for r in (a, b))
            va, vb = np.where(np.isnan(va), worse, va), np.where(np.isnan(vb), worse, vb)
            first = va <= vb if worse > 0 else va >= vb       # ties: the earlier row
            merged.append(np.where(first, a, b))
        self._lo, self._hi = merged
        self._size *= 2
