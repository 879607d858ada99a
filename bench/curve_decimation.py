"""Cost of thinning a long history for the curves, per frame: afresh vs kept across frames.

    .venv/bin/python bench/curve_decimation.py

For histories of n epochs (up to model.history.MAX_ROWS, where a history stops
growing) and 1 or 3 columns (a loss curve; the gradient norms of a 3-layer
network), the median ms of one frame's thinning, 400 epochs after the last:
``decimate_columns`` (every bucket worked out afresh, as the curves did before)
and ``LiveDecimation`` (gui/views/decimate_live.py: finished buckets kept). Both
run in the same process, alternately.
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from backprop_lab.gui.views.decimate import decimate_columns
from backprop_lab.gui.views.decimate_live import LiveDecimation
from backprop_lab.model.history import MAX_ROWS

STEP = 400          # epochs between two frames (~12 000 epochs/s at 30 frames/s)
FRAMES = 20


def frame_costs(n: int, k: int) -> tuple[float, float]:
    Y = np.random.default_rng(0).random((n + STEP * FRAMES, k))
    x = np.arange(1, len(Y) + 1)
    live = LiveDecimation()
    live(x[:n], Y[:n])                      # the frames before: buckets already kept
    afresh, kept = [], []
    for m in range(n + STEP, n + STEP * FRAMES + 1, STEP):
        t = time.perf_counter()
        decimate_columns(x[:m], Y[:m])
        afresh.append(time.perf_counter() - t)
        t = time.perf_counter()
        live(x[:m], Y[:m])
        kept.append(time.perf_counter() - t)
    return 1000 * statistics.median(afresh), 1000 * statistics.median(kept)


def main() -> int:
    print("| epochs | columns | afresh, ms a frame | kept, ms a frame |\n|---:|---:|---:|---:|")
    for n in (10_000, 100_000, MAX_ROWS - STEP * FRAMES):
        for k in (1, 3):
            a, b = frame_costs(n, k)
            print(f"| {n:,} | {k} | {a:.2f} | {b:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
