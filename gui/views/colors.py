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
BACKGROUND = "w"
FOREGROUND = "#404040"    # axes, ticks and titles
CLASS_COLORS = (CLASS0, CLASS1)

# One qualitative palette for "one curve per layer" plots (Okabe-Ito, colour-blind safe).
SERIES = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#f0e442")
TRAIN_COLOR = "#1f77b4"
TEST_COLOR = "#d95f02"

# Diverging map over [0, 1]: 0 → CLASS0, 0.5 → MIDDLE, 1 → CLASS1.
CMAP = pg.ColorMap(pos=[0.0, 0.5, 1.0], color=[CLASS0, MIDDLE, CLASS1], name="backprop-diverging")
LUT = CMAP.getLookupTable(0.0, 1.0, 256, alpha=False)       # (256, 3) uint8


def series_color(i: int) -> str:
    return SERIES[i % len(SERIES)]


def to_unit(a: np.ndarray, activation: str | None) -> np.ndarray:
    """Map a neuron's outputs a (any shape) onto the colour scale [0, 1], 0.5 = middle.

    Bounded activations keep their natural range so maps are comparable over
    time (sigmoid 0..1, tanh −1..1); unbounded ones (relu, leaky_relu, none, raw
    input features) are scaled by their own max |a|, so 0 is always the middle.
    """
    a = np.asarray(a, dtype=float)
    if activation == "sigmoid":
        return a
    if activation == "tanh":
        return 0.5 * (a + 1.0)
    m = np.nanmax(np.abs(a)) if a.size else 0.0
    if not np.isfinite(m) or m == 0.0:
        return np.full_like(a, 0.5)
    return 0.5 + a / (2.0 * m)


def to_rgba_u8(u: np.ndarray) -> np.ndarray:
    """Colour-scale positions u (...) in [0, 1] -> (..., 4) uint8 RGBA, through LUT."""
    idx = np.clip(np.nan_to_num(u, nan=0.5) * 255.0 + 0.5, 0, 255).astype(np.intp)
    out = np.empty(idx.shape + (4,), np.uint8)
    out[..., :3] = LUT[idx]
    out[..., 3] = 255
    return out


def style_plot(plot: pg.PlotItem) -> None:
    """Dark axes and titles for the light background every view uses."""
    for name in ("left", "bottom", "right", "top"):
        ax = plot.getAxis(name)
        ax.setPen(FOREGROUND)
        ax.setTextPen(FOREGROUND)
    plot.titleLabel.opts["color"] = FOREGROUND
