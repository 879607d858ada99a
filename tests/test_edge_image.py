"""A dense layer's edge image is the same picture as the plain rasterising it replaced:
each shown edge one pixel per sample along the longer side (two rows for a wide pen),
thin edges first, so a stronger one is drawn over a weaker one where they cross."""
import math

import numpy as np
import pytest
from PySide6.QtGui import QImage

from backprop_lab.gui.views import diagram_items as di


def plain_edge_image(item, scale: float) -> QImage:
    """The rasterising as first written: (row, column) pairs, one new array per step."""
    r = min(scale, di.RASTER_SCALE) if scale > 0 else di.RASTER_SCALE
    rect = item._rect
    w, h = max(1, math.ceil(rect.width() * r)), max(1, math.ceil(rect.height() * r))
    pixels = np.zeros((h, w), np.uint32)
    shown = np.arange(len(item.ends))
    if len(shown) > di.DENSE_DRAWN:
        shown = np.argpartition(-np.abs(item.values), di.DENSE_DRAWN)[:di.DENSE_DRAWN]
    shown = shown[np.argsort(item.pen_index[shown] % di.WIDTH_BANDS, kind="stable")]
    e = (item.ends[shown] - [rect.left(), rect.top(), rect.left(), rect.top()]) * [
        w / rect.width(), h / rect.height(), w / rect.width(), h / rect.height()]
    t = np.linspace(0.0, 1.0, max(w, h) + 1, dtype=np.float32)
    e = e.astype(np.float32)
    cols = np.clip((e[:, :1] + t * (e[:, 2:3] - e[:, :1])).astype(np.intp), 0, w - 1)
    rows = e[:, 1:2] + t * (e[:, 3:4] - e[:, 1:2])
    keys = item.pen_index[shown]
    color = di._pen_colors(len(item.ends) > di.FEW_EDGES)[keys].view(np.uint32)[:, 0]
    wide = di._WIDTHS[keys % di.WIDTH_BANDS] * r / max(scale, 1e-9) >= 1.5
    for dy, which in ((0, slice(None)), (1, wide)):
        pixels[np.clip((rows[which] + dy).astype(np.intp), 0, h - 1), cols[which]] = color[which][:, None]
    return QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied).copy()


@pytest.mark.parametrize("seed", range(12))
def test_the_edge_image_is_the_plain_rasterising_pixel_for_pixel(qapp, seed):
    rng = np.random.default_rng(seed)
    n_in, n_out = (int(n) for n in rng.integers(5, 33, 2))    # past FEW_EDGES and DENSE_DRAWN
    left, right = rng.uniform(-50, 50), rng.uniform(80, 250)
    y_in = np.linspace(0, rng.uniform(100, 600), n_in)
    y_out = np.linspace(rng.uniform(-50, 50), rng.uniform(100, 600), n_out)
    item = di.EdgesItem()
    item.setData(np.full(n_in * n_out, left), np.repeat(y_in, n_out),
                 np.full(n_in * n_out, right), np.tile(y_out, n_in))
    item.setValues(rng.standard_normal(n_in * n_out) * rng.uniform(0.1, 3.0))
    pens = di._pens(faint=len(item.ends) > di.FEW_EDGES)
    for scale in (0.25, 0.6, 1.0, 2.5):                      # up to and past RASTER_SCALE
        image = item._edge_image(pens, scale)
        assert image == plain_edge_image(item, scale)
        assert image.size().width() > 1 and image.size().height() > 1
