"""A vectorised marching-squares contour, for the 0.5 decision boundary.

pyqtgraph's own ``functions.isocurve`` walks the grid in Python and takes
about 10 ms on a 100 × 100 map: too slow to redraw at display rate. The
segments below come from a handful of whole-array NumPy operations instead
(well under a millisecond); drawing them unjoined, as pairs, looks the same.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtGui


def contour_segments(data: np.ndarray, level: float) -> np.ndarray:
    """Segments of the ``level`` contour of a row-major image.

    data (ny, nx), sampled at integer points (x = column, y = row).
    Returns (m, 2, 2): segment k runs from (x, y) = out[k, 0] to out[k, 1].
    Non-finite samples break the contour rather than bend it.
    """
    d = np.asarray(data, dtype=float) - level
    ny, nx = d.shape
    if nx < 2 or ny < 2:
        return np.empty((0, 2, 2))
    above = d > 0
    # which edges the contour crosses: horizontal (r, c)–(r, c+1), vertical (r, c)–(r+1, c)
    h_cut = above[:, :-1] != above[:, 1:]
    v_cut = above[:-1] != above[1:]
    if not np.isfinite(d).all():            # (the map's picture is finite: one test, not six)
        ok = np.isfinite(d)
        h_cut &= ok[:, :-1] & ok[:, 1:]
        v_cut &= ok[:-1] & ok[1:]
    # the four edges of cell (r, c), in the order bottom, right, top, left
    cuts = (h_cut[:-1], v_cut[:, 1:], h_cut[1:], v_cut[:, :-1])
    count = (cuts[0].view(np.int8) + cuts[1].view(np.int8)) + (cuts[2].view(np.int8) + cuts[3].view(np.int8))
    # only the few cells the contour passes through get any arithmetic
    cells = np.flatnonzero(count)
    r, c = np.divmod(cells, nx - 1)
    cut = np.stack([k[r, c] for k in cuts])               # (4, k)
    d00, d01, d10, d11 = d[r, c], d[r, c + 1], d[r + 1, c], d[r + 1, c + 1]
    P = np.empty((4, len(cells), 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        P[0, :, 0], P[0, :, 1] = c + d00 / (d00 - d01), r
        P[1, :, 0], P[1, :, 1] = c + 1, r + d01 / (d01 - d11)
        P[2, :, 0], P[2, :, 1] = c + d10 / (d10 - d11), r + 1
        P[3, :, 0], P[3, :, 1] = c, r + d00 / (d00 - d10)
    n = count.ravel()[cells]

    two = np.flatnonzero(n == 2)
    cell, edge = np.nonzero(cut[:, two].T)                # row-major: a cell's two edges in turn
    seg2 = P[edge, two[cell]].reshape(-1, 2, 2)

    # saddle cells cut all four edges; the centre value decides which corners join
    four = np.flatnonzero(n == 4)
    if not len(four):
        return seg2
    centre = (d00[four] + d01[four] + d10[four] + d11[four]) > 0
    joined = centre == (d00[four] > 0)                    # bottom-left joins top-right
    seg4a = np.stack([P[0, four], P[np.where(joined, 1, 3), four]], axis=1)
    seg4b = np.stack([P[2, four], P[np.where(joined, 3, 1), four]], axis=1)
    return np.concatenate([seg2, seg4a, seg4b])


class FastIsocurveItem(pg.IsocurveItem):
    """An IsocurveItem for row-major images whose path comes from ``contour_segments``.

    Parent it to the ImageItem and it lines up with the pixel centres:
    ``iso.setParentItem(img); iso.setPos(0.5, 0.5)``.
    """

    def __init__(self, data=None, level=0.5, pen="k"):
        super().__init__(data, level, pen, axisOrder="row-major")
        self.segments = np.empty((0, 2, 2))

    def generatePath(self):
        if self.data is None:
            self.path = None
            return
        self.segments = contour_segments(self.data, self.level)
        if not len(self.segments):
            self.path = QtGui.QPainterPath()
            return
        xy = self.segments.reshape(-1, 2)
        self.path = pg.arrayToQPath(xy[:, 0], xy[:, 1], connect="pairs", finiteCheck=False)
