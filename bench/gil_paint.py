"""Does the GUI thread let the training thread run while it paints? Measured, not assumed.

    .venv/bin/python bench/gil_paint.py

Training and drawing share one interpreter lock (the GIL). On a machine with two
or more CPUs they could overlap wherever one of them runs without it. A second
thread counts in pure Python (as training's Python glue needs the lock) while the
main thread does one of these, each for ``--seconds``:

- sleeps (the lock released: the counter's full speed on a free CPU);
- runs NumPy on large arrays (NumPy releases the lock in its loops);
- paints with QPainter: one large scaled ``drawImage``, or a long polyline's
  ``drawPath``, called from Python as pyqtgraph's items call them.

Each call lasts ~30 ms or more, six switch intervals (``sys.getswitchinterval()``,
5 ms): a thread waiting for the lock takes it within one interval once the
holder runs Python again, so short calls would blur the answer. Printed: the
counter's speed in each case, as a share of its speed alone, and the median call.
Near 100 %: the main thread released the lock during the call; near 0 %: it held
it, and the counter ran only between calls. ``--rounds`` alternates the cases.
"""
from __future__ import annotations

import argparse
import os
import statistics
import threading
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QRectF            # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen   # noqa: E402


class Counter(threading.Thread):
    """Counts in pure Python until stopped; ``count`` read between cases."""

    def __init__(self):
        super().__init__(daemon=True)
        self.count, self.stop = 0, False

    def run(self):
        while not self.stop:
            self.count += 1


def cases():
    """name → a function that works for about one call's time, as the GUI thread would."""
    src = QImage(100, 100, QImage.Format.Format_ARGB32_Premultiplied)
    src.fill(0xff336699)
    dst = QImage(4000, 4000, QImage.Format.Format_ARGB32_Premultiplied)
    path = QPainterPath()
    x = np.linspace(0, 4000, 100_000)
    y = 2000 + 1900 * np.sin(x / 7)
    path.moveTo(x[0], y[0])
    for a, b in zip(x.tolist(), y.tolist()):
        path.lineTo(a, b)
    big = np.random.default_rng(0).random(5_000_000)
    out = np.empty_like(big)

    def draw_image():
        p = QPainter(dst)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(QRectF(0, 0, 4000, 4000), src)
        p.end()

    def draw_path():
        p = QPainter(dst)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(200, 0, 0), 1))
        p.drawPath(path)
        p.end()

    return {"sleep": lambda: time.sleep(0.05),
            "numpy exp (5M)": lambda: np.exp(big, out=out),
            "QPainter.drawImage": draw_image,
            "QPainter.drawPath": draw_path}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=1.0, help="per case and round")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    app = QGuiApplication.instance() or QGuiApplication([])   # noqa: F841 (fonts, images)
    work = cases()
    counter = Counter()
    counter.start()
    speeds: dict[str, list[float]] = {name: [] for name in ("alone", *work)}
    call_ms: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(args.rounds):
        for name in speeds:
            c0, t0 = counter.count, time.perf_counter()
            while time.perf_counter() - t0 < args.seconds:
                if name == "alone":
                    time.sleep(args.seconds)          # the lock free, the counter alone
                else:
                    t = time.perf_counter()
                    work[name]()
                    call_ms[name].append((time.perf_counter() - t) * 1000)
            speeds[name].append((counter.count - c0) / (time.perf_counter() - t0))
    counter.stop = True
    alone = statistics.median(speeds["alone"])
    print(f"{os.cpu_count()} CPUs; a pure-Python counter in a second thread, median of "
          f"{args.rounds} rounds of {args.seconds:g} s per case\n")
    print("| the main thread | one call, ms | counter speed, % of alone |")
    print("|---|---:|---:|")
    for name in work:
        print(f"| {name} | {statistics.median(call_ms[name]):.0f} | "
              f"{statistics.median(speeds[name]) / alone:.0%} |")


if __name__ == "__main__":
    main()
