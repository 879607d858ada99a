"""The colours every view shares, so a class, a sign and a map mean the same everywhere.

Orange is class 0, negative weights and low outputs; blue is class 1, positive
weights and high outputs; an off-white sits in the middle (p = 0.5, w = 0),
as in TensorFlow Playground, whose users already read maps this way.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

CLASS0 = "#f59322"        # orange: class 0, negative
CLASS1 = "#0877bd"        # blue: class 1, positive
MIDDLE = "#e8eaeb"        # the colour of p = 0.5 and of w = 0
WRONG = "#d62728"         # ring around a misclassified point
OUTLINE = "#303030"       # edge of training points, so they stand out on the map
BACKGROUND = "#ffffff"    # plots and the diagram (follow_palette: the theme's)
FOREGROUND = "#404040"    # axes, ticks and titles
CLASS_COLORS = (CLASS0, CLASS1)

# One qualitative palette for "one curve per layer" plots (Okabe-Ito, colour-blind safe).
SERIES = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#f0e442")
TRAIN_COLOR = "#1f77b4"
TEST_COLOR = "#d95f02"

# Diverging map over [0, 1]: 0 → CLASS0, 0.5 → MIDDLE, 1 → CLASS1 (weights, edges).
CMAP = pg.ColorMap(pos=[0.0, 0.5, 1.0], color=[CLASS0, MIDDLE, CLASS1], name="backprop-diverging")
# The same hues, paler, for maps that have points drawn on them (decision map, neuron
# maps): a point of class 1 must stand out on the region the network calls class 1.
MAP_FADE = 0.35     # share of white mixed into the ends


def _faded(color: str) -> tuple[int, int, int]:
    c = pg.mkColor(color)
    return tuple(round(v + MAP_FADE * (255 - v)) for v in (c.red(), c.green(), c.blue()))


MAP_CMAP = pg.ColorMap(pos=[0.0, 0.5, 1.0], color=[_faded(CLASS0), MIDDLE, _faded(CLASS1)],
                       name="backprop-map")
LUT = MAP_CMAP.getLookupTable(0.0, 1.0, 256, alpha=False)   # (256, 3) uint8, for neuron maps


# Light and dark: what the views and the few styled widgets draw with, chosen from the
# application's palette by follow_palette() (the launcher calls it before the window is
# built). The map's own colours (class hues, the off-white middle) stay: they are data.
THEMES = {
    "light": {"background": "#ffffff", "foreground": "#404040", "dim": "#606060", "faint": "#a0a0a0",
              "ok": "#1a7f37", "bad": "#c62828", "error": "#b00020",
              "note_bg": "#eef4fb", "note_border": "#9bbbe0",
              "alert_bg": "#fde2e1", "alert_border": "#d9534f", "alert_text": "#7a1f1c",
              "panel_bg": "#fbfbf8", "panel_border": "#d0d0d0",
              "row_current": "#fff3b0", "row_done": "#f4f6f7", "row_bad": "#f8d0d0"},
    "dark": {"background": "#1e1f22", "foreground": "#d4d4d4", "dim": "#a8a8a8", "faint": "#6c6c6c",
             "ok": "#3fb950", "bad": "#ff7b72", "error": "#ff8a80",
             "note_bg": "#1d2a3a", "note_border": "#3d6a9e",
             "alert_bg": "#3d1c1c", "alert_border": "#d9534f", "alert_text": "#ffb4ab",
             "panel_bg": "#26282c", "panel_border": "#4a4d52",
             "row_current": "#3b3517", "row_done": "#2c2f33", "row_bad": "#4a2020"},
}
THEME = "light"


def theme(key: str) -> str:
    """The current theme's colour for ``key`` ("dim", "ok", "alert_bg", ...)."""
    return THEMES[THEME][key]


def is_dark(palette) -> bool:
    """A palette whose window is darker than its text is a dark one."""
    from PySide6.QtGui import QPalette
    return (palette.color(QPalette.ColorRole.Window).lightness()
            < palette.color(QPalette.ColorRole.WindowText).lightness())


def follow_palette(app=None) -> str:
    """Choose light or dark from the application's palette and set BACKGROUND and
    FOREGROUND for the views made from now on; return the theme's name."""
    global THEME, BACKGROUND, FOREGROUND
    from PySide6.QtWidgets import QApplication
    app = app or QApplication.instance()
    # the palette, not only the style hints' colour scheme: it is what the widgets
    # around the plots are drawn with (a dark desktop theme gives a dark palette)
    THEME = "dark" if is_dark(app.palette()) else "light"
    BACKGROUND, FOREGROUND = theme("background"), theme("foreground")
    return THEME


def series_color(i: int) -> str:
    return SERIES[i % len(SERIES)]


def to_unit(a: np.ndarray, activation: str | None, axis: int | None = None) -> np.ndarray:
    """Map neuron outputs a (any shape) onto the colour scale [0, 1], 0.5 = middle.

    Bounded activations keep their natural range so maps are comparable over
    time (sigmoid 0..1, tanh −1..1); unbounded ones (relu, leaky_relu, none, raw
    input features) are scaled by their own max |a| — over ``axis`` when given,
    so each column of a (points, units) array gets its own scale — keeping 0 at
    the middle.
    """
    a = np.asarray(a, dtype=float)
    if activation in ("sigmoid", "softmax"):     # probabilities: 0..1 as they are
        return a
    if activation == "tanh":
        return 0.5 * (a + 1.0)
    if not a.size:
        return a.copy()
    # scaled by the largest finite |a| (NaN and ±inf, as a diverging run gives, show
    # as the middle and the ends), without NumPy's warnings on stderr
    m = np.max(np.where(np.isfinite(a), np.abs(a), 0.0), axis=axis, keepdims=axis is not None)
    m = np.where(m > 0, m, np.inf)                       # a flat map shows as the middle
    with np.errstate(invalid="ignore"):                 # inf / inf: NaN, drawn as the middle
        return 0.5 + a / (2.0 * m)


def to_rgba_u8(u: np.ndarray) -> np.ndarray:
    """Colour-scale positions u (...) in [0, 1] -> (..., 4) uint8 RGBA, through MAP_CMAP."""
    u = np.asarray(u, dtype=float)
    idx = np.clip(np.where(u == u, u, 0.5) * 255.0 + 0.5, 0, 255).astype(np.intp)   # NaN -> middle
    out = np.empty(idx.shape + (4,), np.uint8)
    out[..., :3] = LUT[idx]
    out[..., 3] = 255
    return out


def style_plot(plot: pg.PlotItem) -> None:
    """Dark axes for the light background every view uses; plain numbers on the
    axes (no "×0.001" SI scaling, which hides the size of a loss)."""
    for name in ("left", "bottom", "right", "top"):
        ax = plot.getAxis(name)
        ax.setPen(FOREGROUND)
        ax.setTextPen(FOREGROUND)
        ax.enableAutoSIPrefix(False)
        # painted once into a pixmap and blitted while the ticks hold still: the views
        # repaint the plot under their axes at every frame (see gui/frame_pacer.py)
        ax.setCacheMode(ax.CacheMode.DeviceCoordinateCache)


def set_title(plot: pg.PlotItem, text: str, size: str = "10pt") -> None:
    plot.setTitle(text, color=FOREGROUND, size=size)
    # Painted once into a pixmap and blitted until its text changes, like the axes: the
    # title's text reaches a few pixels into the plot below it, so every frame that
    # redrew the plot laid the title's text out and drew it again (tests/test_item_caches.py)
    plot.titleLabel.item.setCacheMode(plot.titleLabel.item.CacheMode.DeviceCoordinateCache)
