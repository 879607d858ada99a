"""How a Trainer or a Snapshot shows itself in Jupyter: the map as a PNG (two classes,
K classes or regression, coloured as the window's) and the loss and accuracy (R² and
MAE) curves as SVG, made with NumPy and the standard
library only (no Qt, no display, nothing that touches an event loop the notebook
may run).

    tr = Trainer(cfg, X, y); tr.run(2000)
    tr                       # in a notebook: the map, the curves and the last numbers

``Snapshot._repr_html_`` / ``_repr_png_`` (and the Trainer's, through its newest
snapshot) call ``snapshot_html`` / ``map_png`` here.
"""
from __future__ import annotations

import base64
import html
import struct
import zlib

import numpy as np

from backprop_lab.model import datasets, tasks

MAP_PIXELS = 200
FALLBACK_RANGE = (-1.2, 1.2, -1.2, 1.2)
# class 0 orange, class 1 blue (the window's colours); the map fades to white at p = 0.5
CLASS0, CLASS1, MIDDLE = np.array([242, 142, 43]), np.array([31, 119, 180]), np.array([247, 247, 247])
# K classes: 0 and 1 as above, then the window's Okabe-Ito colours (gui/views/class_colors.py)
CLASS_PALETTE = np.array([CLASS0, CLASS1, [0, 158, 115], [204, 121, 167], [230, 199, 0], [86, 180, 233],
                          [213, 94, 0], [127, 127, 127]])
LIGHT = 0.35          # the map pale, the points strong
OUTLINE = np.array([48, 48, 48])     # the edge of a regression's dots
CURVE_W, CURVE_H = 260, 150


def png_bytes(rgb: np.ndarray) -> bytes:
    """A PNG file of ``rgb`` (h, w, 3) uint8: 8-bit truecolour, one zlib stream."""
    h, w, _ = rgb.shape
    rows = np.concatenate([np.zeros((h, 1), np.uint8), np.ascontiguousarray(rgb, np.uint8).reshape(h, 3 * w)],
                          axis=1)                       # filter byte 0 (none) before each row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows.tobytes(), 6)) + chunk(b"IEND", b""))


def plane_extent(snap) -> tuple[float, float, float, float]:
    """The data set's default window, grown to hold every point (as the window's map)."""
    x0, x1, y0, y1 = datasets.DEFAULT_RANGE.get(snap.config.dataset, FALLBACK_RANGE)
    pts = [p for p in (snap.X, snap.X_test) if p is not None and len(p)]
    if pts:
        P = np.concatenate(pts)
        lo, hi = np.nanmin(P, axis=0), np.nanmax(P, axis=0)
        pad = 0.05 * max(hi[0] - lo[0], hi[1] - lo[1], 1e-9)
        x0, x1 = min(x0, lo[0] - pad), max(x1, hi[0] + pad)
        y0, y1 = min(y0, lo[1] - pad), max(y1, hi[1] + pad)
    return float(x0), float(x1), float(y0), float(y1)


def _shades(p: np.ndarray, snap) -> tuple[np.ndarray, np.ndarray]:
    """(far colour, strength in [0, 1]) per row of outputs p (n, k), as the window's map:
    two classes p from orange (0) to blue (1); K classes the argmax class, stronger the
    surer; regression ŷ on the diverging scale ±max|y| (orange negative, blue positive)."""
    if tasks.is_regression(snap.config):
        u = np.nan_to_num(np.clip(p[:, 0] / _target_scale(snap), -1, 1))
        return np.where(u[:, None] < 0, CLASS0, CLASS1), np.abs(u)
    if p.shape[1] == 1:
        u = np.nan_to_num(np.clip(p[:, 0], 0, 1), nan=0.5)
        return np.where(u[:, None] < 0.5, CLASS0, CLASS1), np.abs(u - 0.5) * 2
    K = p.shape[1]
    k = np.nan_to_num(p).argmax(axis=1)
    sure = (np.nan_to_num(p.max(axis=1), nan=1 / K) - 1 / K) / (1 - 1 / K)
    return CLASS_PALETTE[k % len(CLASS_PALETTE)], np.clip(sure, 0, 1)


def _target_scale(snap) -> float:
    """max |y| over the points (the regression colour scale's end), 1 without points."""
    ys = [np.abs(y) for y in (snap.y, snap.y_test) if len(y)]
    m = float(max(y.max() for y in ys)) if ys else 0.0
    return m if m > 0 and np.isfinite(m) else 1.0


def _point_colours(snap, y) -> np.ndarray:
    """(n, 3) each point's colour: its class's, or its target's on the regression scale."""
    y = np.asarray(y, dtype=float).reshape(-1)
    if tasks.is_regression(snap.config):
        u = np.clip(y / _target_scale(snap), -1, 1)[:, None]
        return MIDDLE + np.abs(u) * (np.where(u < 0, CLASS0, CLASS1) - MIDDLE)
    if tasks.output_units(snap.config) == 1:
        return np.where(y[:, None] > 0.5, CLASS1, CLASS0)
    return CLASS_PALETTE[np.rint(y).astype(int) % len(CLASS_PALETTE)]


def map_rgb(snap, pixels: int = MAP_PIXELS) -> np.ndarray:
    """(pixels, pixels, 3) uint8: the output over the plane (two classes: orange p = 0 …
    blue p = 1; K classes: the argmax class, paler where unsure; regression: ŷ on a
    diverging scale), training points as filled dots, test points as rings, row 0 at the top."""
    x0, x1, y0, y1 = plane_extent(snap)
    xs = x0 + (np.arange(pixels) + 0.5) * (x1 - x0) / pixels
    ys = y1 - (np.arange(pixels) + 0.5) * (y1 - y0) / pixels
    grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    with np.errstate(all="ignore"):
        p = snap.predict(grid)
    far, strength = _shades(p, snap)
    regression = tasks.is_regression(snap.config)
    t = (strength * LIGHT)[:, None]
    img = (MIDDLE * (1 - t) + far * t).astype(np.uint8).reshape(pixels, pixels, 3)
    yy, xx = np.mgrid[-3:4, -3:4]
    disc, ring = xx ** 2 + yy ** 2 <= 9, (xx ** 2 + yy ** 2 <= 9) & (xx ** 2 + yy ** 2 >= 4)
    for X, y, shape in ((snap.X, snap.y, disc), (snap.X_test, snap.y_test, ring)):
        for (px, py), colour in zip(np.asarray(X), _point_colours(snap, y) if len(y) else []):
            c = int((px - x0) / (x1 - x0) * pixels)
            r = int((y1 - py) / (y1 - y0) * pixels)
            for dy, dx in zip(*np.nonzero(shape)):
                rr, cc = r + dy - 3, c + dx - 3
                if 0 <= rr < pixels and 0 <= cc < pixels:
                    # a regression's dots have a dark edge: a target near 0 is near white
                    edge = regression and shape is disc and (dy - 3) ** 2 + (dx - 3) ** 2 >= 5
                    img[rr, cc] = OUTLINE if edge else colour
    return img


def map_png(snap, pixels: int = MAP_PIXELS) -> bytes:
    return png_bytes(map_rgb(snap, pixels))


def curve_svg(title: str, series: list[tuple[str, np.ndarray, np.ndarray, str]], log: bool = False) -> str:
    """A small SVG plot: ``series`` of (name, epochs, values, colour) as polylines."""
    pad = 28
    finite = [(n, x, v, c) for n, x, v, c in series if len(x) and np.isfinite(v).any()]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{CURVE_W}" height="{CURVE_H}" '
           f'style="font:11px sans-serif;background:#fff">',
           f'<text x="{CURVE_W / 2}" y="12" text-anchor="middle">{html.escape(title)}</text>']
    if finite:
        xs = np.concatenate([x for _, x, _, _ in finite])
        vs = np.concatenate([v[np.isfinite(v)] for _, _, v, _ in finite])
        if log:
            vs = np.log10(np.maximum(vs, 1e-12))
        lo, hi = float(vs.min()), float(vs.max())
        hi = hi if hi > lo else lo + 1
        xmax = max(float(xs.max()), 1.0)
        for name, x, v, colour in finite:
            v = np.log10(np.maximum(v, 1e-12)) if log else v
            keep = np.isfinite(v)
            step = max(1, int(keep.sum()) // 400)            # at most ~400 points a curve
            px = pad + (x[keep][::step] / xmax) * (CURVE_W - pad - 8)
            py = CURVE_H - 18 - (v[keep][::step] - lo) / (hi - lo) * (CURVE_H - 40)
            pts = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(px, py))
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{pts}">'
                       f'<title>{html.escape(name)}</title></polyline>')
        top, bottom = (10 ** hi, 10 ** lo) if log else (hi, lo)
        out += [f'<text x="2" y="30">{top:.3g}</text>', f'<text x="2" y="{CURVE_H - 18}">{bottom:.3g}</text>',
                f'<text x="{CURVE_W - 8}" y="{CURVE_H - 4}" text-anchor="end">epoch {xmax:,.0f}</text>']
    out.append("</svg>")
    return "".join(out)


def _pair(title: str, epochs, train, test, scale: float = 1.0, log: bool = False) -> str:
    """curve_svg of a train column and, when given, its test column."""
    series = [("train", epochs, scale * np.asarray(train), "#1f77b4")]
    if test is not None:
        series.append(("test", epochs, scale * np.asarray(test), "#ff7f0e"))
    return curve_svg(title, series, log=log)


def snapshot_html(snap) -> str:
    """The map, the loss and accuracy curves (R² and MAE for regression) and the newest
    numbers, as one HTML block."""
    h = snap.history
    epochs = np.asarray(h.epoch, dtype=float)
    test = len(snap.X_test) > 0
    loss = _pair("loss", epochs, h.loss, h.test_loss if test else None, log=True)
    last = snap.last
    cfg = snap.config
    if tasks.is_regression(cfg):
        curves = _pair("R²", epochs, h.accuracy, h.test_accuracy if test else None)
        mae = getattr(h, "mae", None)
        if mae is not None:
            curves += _pair("MAE", epochs, mae, h.test_mae if test else None)
        scores = f"R² {last['accuracy']:.4g} · MAE {last.get('mae', np.nan):.4g}"
        alt = "regression map"
    else:
        curves = _pair("accuracy (%)", epochs, h.accuracy, h.test_accuracy if test else None, scale=100)
        scores = f"accuracy {100 * last['accuracy']:.1f} %"
        alt = "classification map"
    caption = (f"epoch {snap.epoch:,} · {'-'.join(map(str, snap.spec.sizes))} {cfg.activation} · "
               f"{cfg.optimizer} lr {cfg.lr:g} · loss {last['loss']:.4g} · {scores} · {snap.status}")
    png = base64.b64encode(map_png(snap)).decode("ascii")
    return (f'<div style="display:flex;gap:8px;align-items:flex-start;flex-wrap:wrap">'
            f'<img src="data:image/png;base64,{png}" width="{MAP_PIXELS}" height="{MAP_PIXELS}" '
            f'alt="{alt}"/>{loss}{curves}</div>'
            f'<div style="font:12px monospace">{html.escape(caption)}</div>')
