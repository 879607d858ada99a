"""The input plane the maps are drawn over: its extent and grids of points on it."""
from __future__ import annotations

import numpy as np

from backprop_lab.model import datasets

FALLBACK_RANGE = (-1.2, 1.2, -1.2, 1.2)
PAD = 0.1   # fraction of the span added around points that lie outside the default range


# The last answer of plane_range and what it was for. Snapshots share their
# point arrays (read-only, replaced on every edit, never changed in place), so
# the same arrays give the same range; with 50 000 points the scan is worth
# skipping on every frame of every view.
_last_range: list = [None, None, None, None]


def plane_range(snap) -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax): the data set's default window, grown to hold every
    training and test point (with a margin) when some lie outside it."""
    X, Xt, name, extent = _last_range
    if snap.X is X and snap.X_test is Xt and snap.config.dataset == name:
        return extent
    extent = _plane_range(snap)
    _last_range[:] = [snap.X, snap.X_test, snap.config.dataset, extent]
    return extent


def _plane_range(snap) -> tuple[float, float, float, float]:
    x0, x1, y0, y1 = datasets.DEFAULT_RANGE.get(snap.config.dataset, FALLBACK_RANGE)
    pts = [p for p in (snap.X, snap.X_test) if p is not None and len(p)]
    if not pts:
        return x0, x1, y0, y1
    P = np.concatenate(pts)
    lo, hi = np.nanmin(P, axis=0), np.nanmax(P, axis=0)
    if lo[0] >= x0 and hi[0] <= x1 and lo[1] >= y0 and hi[1] <= y1:
        return x0, x1, y0, y1
    x0, x1 = min(x0, lo[0]), max(x1, hi[0])
    y0, y1 = min(y0, lo[1]), max(y1, hi[1])
    dx, dy = PAD * (x1 - x0), PAD * (y1 - y0)
    return float(x0 - dx), float(x1 + dx), float(y0 - dy), float(y1 + dy)


def plane_grid(extent, nx: int, ny: int | None = None) -> np.ndarray:
    """Pixel-centre points of an nx × ny raster over extent, row-major with rows = y:
    returns (ny * nx, 2); point [r * nx + c] is the centre of pixel (row r, column c),
    row 0 at ymin. Reshape a per-point value to (ny, nx) to get an image."""
    ny = nx if ny is None else ny
    x0, x1, y0, y1 = extent
    xs = x0 + (np.arange(nx) + 0.5) * ((x1 - x0) / nx)
    ys = y0 + (np.arange(ny) + 0.5) * ((y1 - y0) / ny)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()])
