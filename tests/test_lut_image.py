"""LutImageItem: the same picture as pyqtgraph's ImageItem, built in Qt's fastest pixel format."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.images import LutImageItem


def pixels(item) -> np.ndarray:
    """The item's rendered picture as (h, w) uint32 ARGB, transparent pixels as 0."""
    item.render()
    q = item.qimage.convertToFormat(QImage.Format.Format_ARGB32)
    argb = np.frombuffer(q.constBits(), np.uint32, q.width() * q.height()).reshape(q.height(), q.width())
    return np.where(argb >> 24 == 0, 0, argb)


@pytest.mark.parametrize("cmap, levels", [(colors.MAP_CMAP, (0.0, 1.0)), (colors.CMAP, (-2.0, 2.0))])
@pytest.mark.parametrize("shape", [(100, 100), (4, 3), (1, 4)])
def test_colours_match_pyqtgraph_for_every_value_in_and_out_of_range(qtbot, cmap, levels, shape):
    lo, hi = levels
    image = np.random.default_rng(0).uniform(lo - 0.5, hi + 0.5, shape)
    image.flat[:3] = [lo, hi, np.nan]          # both ends of the scale, and a hole
    ours, theirs = LutImageItem(axisOrder="row-major"), pg.ImageItem(axisOrder="row-major")
    for item in (ours, theirs):
        item.setColorMap(cmap)
        item.setImage(image, levels=levels, autoLevels=False)
    drawn = pixels(ours)
    assert ours.qimage.format() == QImage.Format.Format_ARGB32_Premultiplied
    np.testing.assert_array_equal(drawn, pixels(theirs))
    assert drawn.flat[2] == 0                  # NaN is transparent, as pyqtgraph draws it
    np.testing.assert_array_equal(ours.image, image)
