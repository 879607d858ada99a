"""How a Trainer or a Snapshot shows itself in Jupyter: the classification map as a
PNG and the loss and accuracy curves as SVG, made with NumPy and the standard
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

from backprop_lab.model import datasets

MAP_PIXELS = 200
FALLBACK_RANGE = (-1.2, 1.2, -1.2, 1.2)
# class 0 orange, class 1 blue (the window's colours); the map fades to white at p = 0.5
CLASS0, CLASS1, MIDDLE = np.array([242, 142, 43]), np.array([31, 119, 180]), np.array([247, 247, 247])
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


def map_rgb(snap, pixels: int = MAP_PIXELS) -> np.ndarray:
    """(pixels, pixels, 3) uint8: the output p over the plane (orange p = 0 … blue p = 1),
    training points as filled dots, test points as rings, row 0 at the top."""
    x0, x1, y0, y1 = plane_extent(snap)
    xs = x0 + (np.arange(pixels) + 0.5) * (x1 - x0) / pixels
    ys = y1 - (np.arange(pixels) + 0.5) * (y1 - y0) / pixels
    grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    with np.errstate(all="ignore"):
        p = snap.predict(grid)
    p = p[:, 0] if p.shape[1] == 1 else p.argmax(axis=1) / max(p.shape[1] - 1, 1)
    p = np.nan_to_num(np.clip(p, 0, 1), nan=0.5).reshape(pixels, pixels, 1)
    light = 0.35                                         # the map pale, the points strong
    far = np.where(p < 0.5, CLASS0, CLASS1)
    t = np.abs(p - 0.5) * 2 * light
    img = (MIDDLE * (1 - t) + far * t).astype(np.uint8)
    yy, xx = np.mgrid[-3:4, -3:4]
    disc, ring = xx ** 2 + yy ** 2 <= 9, (xx ** 2 + yy ** 2 <= 9) & (xx ** 2 + yy ** 2 >= 4)
    for X, y, shape in ((snap.X, snap.y, disc), (snap.X_test, snap.y_test, ring)):
        for (px, py), label in zip(np.asarray(X), np.asarray(y)[:, 0] if len(y) else []):
            c = int((px - x0) / (x1 - x0) * pixels)
            r = int((y1 - py) / (y1 - y0) * pixels)
            colour = CLASS1 if label > 0.5 else CLASS0
            for dy, dx in zip(*np.nonzero(shape)):
                rr, cc = r + dy - 3, c + dx - 3
                if 0 <= rr < pixels and 0 <= cc < pixels:
                    img[rr, cc] = colour
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


def snapshot_html(snap) -> str:
    """The map, the loss and accuracy curves and the newest numbers, as one HTML block."""
    h = snap.history
    epochs = np.asarray(h.epoch, dtype=float)
    test = len(snap.X_test) > 0
    loss = curve_svg("loss", [("train", epochs, np.asarray(h.loss), "#1f77b4")]
                     + ([("test", epochs, np.asarray(h.test_loss), "#ff7f0e")] if test else []), log=True)
    acc = curve_svg("accuracy (%)", [("train", epochs, 100 * np.asarray(h.accuracy), "#1f77b4")]
                    + ([("test", epochs, 100 * np.asarray(h.test_accuracy), "#ff7f0e")] if test else []))
    last = snap.last
    cfg = snap.config
    caption = (f"epoch {snap.epoch:,} · {'-'.join(map(str, snap.spec.sizes))} {cfg.activation} · "
               f"{cfg.optimizer} lr {cfg.lr:g} · loss {last['loss']:.4g} · "
               f"accuracy {100 * last['accuracy']:.1f} % · {snap.status}")
    png = base64.b64encode(map_png(snap)).decode("ascii")
    return (f'<div style="display:flex;gap:8px;align-items:flex-start;flex-wrap:wrap">'
            f'<img src="data:image/png;base64,{png}" width="{MAP_PIXELS}" height="{MAP_PIXELS}" '
            f'alt="classification map"/>{loss}{acc}</div>'
            f'<div style="font:12px monospace">{html.escape(caption)}</div>')
