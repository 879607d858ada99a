"""The small pieces under the views: contour, decimation, colour scale, plane extent."""
import numpy as np
import pytest

from backprop_lab.gui.views import colors
from backprop_lab.gui.views.decimate import decimate, decimate_columns
from backprop_lab.gui.views.isocurve import contour_segments
from backprop_lab.gui.views.plane import plane_grid, plane_range
from view_snapshots import snapshot


def test_contour_of_a_ramp_is_the_vertical_line_at_the_level():
    ramp = np.tile(np.arange(10.0), (6, 1))          # value = column index
    seg = contour_segments(ramp, 3.25)
    assert len(seg) == 5                             # one segment per row of cells
    np.testing.assert_allclose(seg[..., 0], 3.25)
    assert seg[..., 1].min() == 0 and seg[..., 1].max() == 5


def test_contour_points_interpolate_to_the_level_on_a_smooth_field():
    yy, xx = np.mgrid[0:40, 0:50] / 10.0
    field = np.sin(xx) * np.cos(yy)
    seg = contour_segments(field, 0.3).reshape(-1, 2)
    assert len(seg) > 10
    values = np.sin(seg[:, 0] / 10.0) * np.cos(seg[:, 1] / 10.0)
    np.testing.assert_allclose(values, 0.3, atol=0.01)


@pytest.mark.parametrize("level, cut_off", [(0.5, "low corners"), (0.4, "high corners")])
def test_saddle_cell_is_split_by_its_centre_value(level, cut_off):
    # corners 1 (bottom-left, top-right) and 0: the centre is 0.5
    seg = contour_segments(np.array([[1.0, 0.0], [0.0, 1.0]]), level)
    assert len(seg) == 2
    mids = seg.mean(axis=1)
    # each segment isolates one corner: its midpoint lies near that corner
    corners = {tuple(np.round(m)) for m in mids}
    if cut_off == "low corners":      # centre 0.5 is not above 0.5: the high corners are cut off
        assert corners == {(0.0, 0.0), (1.0, 1.0)}
    else:
        assert corners == {(1.0, 0.0), (0.0, 1.0)}


def test_contour_is_empty_when_nothing_crosses_and_breaks_at_nan():
    assert contour_segments(np.ones((5, 5)), 0.5).shape == (0, 2, 2)
    ramp = np.tile(np.arange(6.0), (5, 1))
    ramp[2, 2:4] = np.nan                             # the cells above and below row 2 lose the curve
    seg = contour_segments(ramp, 2.5)
    assert np.all(np.isfinite(seg))
    np.testing.assert_allclose(np.sort(seg[:, :, 1].mean(axis=1)), [0.5, 3.5])


def test_short_series_are_not_decimated():
    x = np.arange(10)
    y = np.random.default_rng(0).random(10)
    dx, dy = decimate(x, y, max_points=100)
    assert dx is x and dy is y


def test_decimation_bounds_points_keeps_the_last_one_and_every_spike():
    n = 1_000_003
    x = np.arange(1, n + 1)
    y = np.random.default_rng(1).random(n)
    y[123_457] = 50.0                                 # a spike
    y[876_543] = -50.0                                # a collapse
    dx, dy = decimate(x, y, max_points=4000)
    assert len(dx) <= 4001
    assert dx[-1] == n and dy[-1] == y[-1]
    assert np.all(np.diff(dx) > 0)
    assert dy.max() == 50.0 and dy.min() == -50.0
    np.testing.assert_array_equal(dy, y[dx - 1])      # every kept point is a real sample


def test_columns_are_decimated_like_single_series():
    rng = np.random.default_rng(2)
    x = np.arange(50_000)
    Y = rng.random((50_000, 3))
    for j, (dx, dy) in enumerate(decimate_columns(x, Y, max_points=500)):
        ex, ey = decimate(x, Y[:, j].copy(), max_points=500)
        np.testing.assert_array_equal(dx, ex)
        np.testing.assert_array_equal(dy, ey)


def test_decimation_passes_over_nan_unless_a_bucket_has_nothing_else():
    y = np.full(10_000, np.nan)
    y[5000:] = 1.0
    dx, dy = decimate(np.arange(10_000), y, max_points=100)
    assert np.isnan(dy[dx < 4900]).all()
    assert (dy[dx >= 5000] == 1.0).all()


def test_colour_scale_keeps_bounded_ranges_and_centres_unbounded_ones_at_zero():
    a = np.array([[0.0, 2.0], [-4.0, 1.0]])
    np.testing.assert_allclose(colors.to_unit(np.array([0.1, 0.9]), "sigmoid"), [0.1, 0.9])
    np.testing.assert_allclose(colors.to_unit(np.array([-1.0, 0.0, 1.0]), "tanh"), [0, 0.5, 1])
    u = colors.to_unit(a, "relu", axis=0)             # each column scaled by its own max |a|
    np.testing.assert_allclose(u, [[0.5, 1.0], [0.0, 0.75]])
    np.testing.assert_allclose(colors.to_unit(np.zeros(3), "none"), 0.5)


def test_colour_lookup_sends_ends_and_middle_to_the_class_and_middle_colours():
    rgba = colors.to_rgba_u8(np.array([0.0, 0.5, 1.0, np.nan]))
    mid = colors.to_rgba_u8(np.array([0.5]))[0]
    assert rgba[0, 0] > rgba[0, 2]                    # orange end: more red than blue
    assert rgba[2, 2] > rgba[2, 0]                    # blue end
    np.testing.assert_array_equal(rgba[3], mid)      # NaN shows as the middle
    assert (rgba[:, 3] == 255).all()


def test_plane_range_is_the_data_set_default_unless_points_lie_outside():
    snap = snapshot(1)
    assert plane_range(snap) == (-0.1, 1.1, -0.1, 1.1)
    far = snapshot(1, extra_point=(3.0, -2.0, 1.0))
    x0, x1, y0, y1 = plane_range(far)
    assert x0 <= -0.1 and x1 > 3.0 and y0 < -2.0 and y1 >= 1.1


def test_plane_grid_is_pixel_centres_row_major_with_rows_along_y():
    g = plane_grid((0.0, 1.0, 10.0, 12.0), 4, 2)
    assert g.shape == (8, 2)
    np.testing.assert_allclose(g[:4, 0], [0.125, 0.375, 0.625, 0.875])
    np.testing.assert_allclose(g[::4, 1], [10.5, 11.5])


@pytest.mark.parametrize("n", [4001, 5313, 7999, 8001, 123_457, 1_000_003])
def test_decimation_skips_no_span_and_keeps_the_newest_epochs_whole(n):
    """xor-easy converged at epoch 5 313 was drawn with a straight ramp over its last
    1 315 epochs: the buckets stopped at 2 × 1 999 rows and only the last point was kept."""
    x = np.arange(1, n + 1)
    y = np.random.default_rng(n).random(n)
    dx, dy = decimate(x, y, max_points=4000)
    assert len(dx) <= 4001
    assert dx[0] == 1 and dx[-1] == n
    assert np.diff(dx).max() <= max(2, 2 * n / 1500)        # no stretch of the history is skipped
    np.testing.assert_array_equal(dx[-1000:], x[-1000:])    # the newest 1 000 epochs at full detail
    np.testing.assert_array_equal(dy, y[dx - 1])
