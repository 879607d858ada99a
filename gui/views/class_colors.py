"""Colours for K classes and for a continuous (regression) output.

Classes 0 and 1 keep the two-class orange and blue (colors.CLASS0/CLASS1); the
others come from the Okabe-Ito palette, chosen to stay apart for the common
colour-vision deficiencies. A K-class map is one colour table: for each class
LEVELS shades from pale (the network is unsure) to the class's map colour (it
is sure), then one block for the boundary lines, so the fast LutImageItem path
draws it from a single float per pixel: class k at confidence t is k + t.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from backprop_lab.gui.views import colors

CLASS_PALETTE = (colors.CLASS0, colors.CLASS1, "#009e73", "#cc79a7", "#e6c700", "#56b4e9",
                 "#d55e00", "#7f7f7f")
LEVELS = 32                 # shades per class in the map's table
PALEST, STRONGEST = 0.06, 0.42   # share of the class colour at the lowest and highest confidence
BOUNDARY = "#6e6e6e"           # the lines between classes: darker than every shade


def class_color(k: int) -> str:
    return CLASS_PALETTE[k % len(CLASS_PALETTE)]


def _rgb(color) -> np.ndarray:
    c = pg.mkColor(color)
    return np.array([c.red(), c.green(), c.blue()], float)


def class_lut(K: int) -> np.ndarray:
    """((K + 1) · LEVELS, 3) uint8: K blocks of pale-to-strong shades, then the boundary."""
    white = np.array([255.0, 255.0, 255.0])
    share = PALEST + (STRONGEST - PALEST) * np.linspace(0.0, 1.0, LEVELS)[:, None]
    blocks = [white + share * (_rgb(class_color(k)) - white) for k in range(K)]
    blocks.append(np.repeat(_rgb(BOUNDARY)[None, :], LEVELS, axis=0))
    return np.clip(np.round(np.concatenate(blocks)), 0, 255).astype(np.uint8)


def class_map_values(p: np.ndarray, res: int) -> np.ndarray:
    """(res, res) floats for ``class_lut``: argmax class k plus its confidence scaled to [0, 1)
    (1/K → 0, 1 → just below 1), and K + 0.5 on the pixels where the class changes
    (the decision boundaries). p (res², K) class probabilities, rows = y."""
    K = p.shape[1]
    cls = np.argmax(p, axis=1).reshape(res, res)
    conf = p.max(axis=1).reshape(res, res)
    t = np.clip((conf - 1.0 / K) / (1.0 - 1.0 / K), 0.0, 1.0)
    values = cls + (np.floor(t * (LEVELS - 1)) + 0.5) / LEVELS
    edge = np.zeros((res, res), bool)
    edge[:, 1:] |= cls[:, 1:] != cls[:, :-1]
    edge[1:, :] |= cls[1:, :] != cls[:-1, :]
    values[edge] = K + 0.5
    return values


def class_brushes(K: int) -> np.ndarray:
    return np.array([pg.mkBrush(class_color(k)) for k in range(K)], dtype=object)


def class_pens(K: int) -> np.ndarray:
    return np.array([pg.mkPen(class_color(k), width=2) for k in range(K)], dtype=object)


def target_scale(y) -> float:
    """Half-width m of the symmetric colour scale [−m, m] for targets y: the largest |y|
    (at least 1e-6, so a flat set still has a scale)."""
    y = np.asarray(y, float)
    y = y[np.isfinite(y)]
    return max(float(np.abs(y).max()) if y.size else 1.0, 1e-6)


def value_brushes(values, m: float) -> list:
    """A brush per value on the diverging scale, −m → orange, 0 → the middle, m → blue: the
    full colours (the map under the points is the paler MAP_CMAP), so a point stands out."""
    u = np.clip(0.5 + np.asarray(values, float) / (2 * m), 0.0, 1.0)
    rgba = colors.CMAP.map(u, mode="byte")
    return [pg.mkBrush(*c) for c in rgba]


def point_styles(snap, values, truth: bool, pens: bool = False) -> np.ndarray:
    """Brushes (or pens, for outlined test points) for points of a K-class or regression
    snapshot: by label (``truth``) or predicted class, or by target / prediction value."""
    v = np.asarray(values, float)
    if snap.config.task == "regression":
        brushes = value_brushes(v[:, 0], target_scale(snap.y[:, 0]))
        return np.array([pg.mkPen(b.color(), width=2) for b in brushes] if pens else brushes, dtype=object)
    K = max(snap.spec.outputs, 2)
    cls = (np.clip(np.rint(v[:, 0]), 0, K - 1) if truth else np.argmax(v, axis=1)).astype(np.intp)
    return (class_pens(K) if pens else class_brushes(K))[cls]
