"""Long runs: memory and time of a million epochs, and of the window playing for a while.

    .venv/bin/python bench/long_run.py [--epochs 1000000] [--window-seconds 60]

1. Headless: ``Trainer.step()`` for ``--epochs`` epochs on the default problem
   (xor-easy, 2-4-4-1, sigmoid, MSE, SGD; stopping at 100 % switched off).
   Reports the resident memory (VmRSS from /proc/self/status) before and after,
   the peak (VmHWM), what the history should cost (8 bytes × (5 + layers) per
   epoch, plus the spare capacity of its doubling arrays) and the time; then
   how long the curves take to draw that history (decimated, gui/views/decimate.py).
2. The window (offscreen unless QT_QPA_PLATFORM says otherwise) playing at max
   speed for ``--window-seconds`` (0 skips it): epochs, RSS before and after,
   the longest event-loop wait (a 5 ms timer's lateness).

Prints a Markdown table; the numbers in README "### Long runs" come from it.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from backprop_lab.model import TrainConfig, Trainer, make_data  # noqa: E402

MB = 2**20
PROBE_MS = 5


def rss_bytes(field: str = "VmRSS") -> int:
    """Resident memory of this process (or VmHWM: its peak), in bytes."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def history_bytes(epochs: int, n_layers: int) -> tuple[int, int]:
    """(bytes the rows need, bytes the arrays hold): 8 × (5 + layers) per epoch;
    the arrays double from 1024 rows, so they hold the next power of two."""
    per_epoch = 8 * (5 + n_layers)
    capacity = 1024
    while capacity < epochs:
        capacity *= 2
    return per_epoch * epochs, per_epoch * capacity


def headless(cfg: TrainConfig, epochs: int) -> dict:
    tr = Trainer(cfg, *make_data(cfg))
    before = rss_bytes()
    t0 = time.perf_counter()
    report_every = max(epochs // 10, 1)
    for i in range(1, epochs + 1):
        tr.step()
        if i % report_every == 0:
            print(f"  {i:>9,} epochs  {time.perf_counter() - t0:7.1f} s  "
                  f"RSS {rss_bytes() / MB:7.1f} MB", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - t0
    after = rss_bytes()
    need, held = history_bytes(tr.epoch, len(tr.network.layers))
    return {"trainer": tr, "epochs": tr.epoch, "seconds": seconds, "rss_before": before,
            "rss_after": after, "rss_peak": rss_bytes("VmHWM"), "history_need": need,
            "history_held": held}


def draw_cost(snap, repeats: int = 5) -> dict:
    """Milliseconds for the loss, accuracy and grad-norm views to take a snapshot."""
    from PySide6.QtWidgets import QApplication

    from backprop_lab.gui.views.curves import AccuracyCurves, LossCurves
    from backprop_lab.gui.views.weights import GradNormView

    app = QApplication.instance() or QApplication([])
    out = {}
    for cls in (LossCurves, AccuracyCurves, GradNormView):
        times = []
        for _ in range(repeats):
            # a fresh view each time: a view skips redrawing the history it drew last
            view = cls()
            view.resize(400, 300)
            view.show()
            app.processEvents()
            t0 = time.perf_counter()
            view.set_snapshot(snap)
            view.repaint()
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1000)
            view.close()
        out[cls.__name__] = sorted(times)[len(times) // 2]
    return out


def window_run(cfg: TrainConfig, seconds: float) -> dict:
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from backprop_lab.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    # The window remembers its layout and last config in QSettings: keep the
    # user's own out of this run.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="backprop-lab-bench-"))
    w = MainWindow(cfg)
    w.show()
    t_end = time.perf_counter() + 1.0
    while time.perf_counter() < t_end:
        app.processEvents()
    before = rss_bytes()
    worst, last = [0.0], [time.perf_counter()]

    def probe():
        now = time.perf_counter()
        worst[0] = max(worst[0], now - last[0] - PROBE_MS / 1000)
        last[0] = now
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(probe)
    timer.start(PROBE_MS)
    w._play()
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        app.processEvents()
        time.sleep(0.001)
    w._pause()
    timer.stop()
    for _ in range(50):
        app.processEvents()
        time.sleep(0.01)
    epochs = w.snapshot.epoch
    after = rss_bytes()
    w.setWindowModified(False)         # no "Save changes?" box waiting for a click
    w.close()
    return {"seconds": seconds, "epochs": epochs, "rss_before": before, "rss_after": after,
            "worst_wait_ms": worst[0] * 1000, "frames": w.pacer.frames_drawn}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=1_000_000)
    ap.add_argument("--window-seconds", type=float, default=60.0)
    args = ap.parse_args(argv)
    cfg = TrainConfig(stop_at_100=False, max_epochs=max(args.epochs, 100_000_000))

    print(f"headless: {args.epochs:,} epochs of {cfg.dataset} {(2, *cfg.hidden, 1)} ...", file=sys.stderr)
    h = headless(cfg, args.epochs)
    draw = draw_cost(h["trainer"].snapshot())
    print()
    print("| run | epochs | time | epochs/s | RSS before | RSS after | growth | notes |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    grow = (h["rss_after"] - h["rss_before"]) / MB
    print(f"| headless Trainer | {h['epochs']:,} | {h['seconds']:.0f} s | {h['epochs'] / h['seconds']:,.0f} "
          f"| {h['rss_before'] / MB:.0f} MB | {h['rss_after'] / MB:.0f} MB | {grow:+.0f} MB "
          f"| history rows {h['history_need'] / MB:.0f} MB, arrays held {h['history_held'] / MB:.0f} MB; "
          f"peak RSS {h['rss_peak'] / MB:.0f} MB |")
    if args.window_seconds > 0:
        del h
        wr = window_run(cfg, args.window_seconds)
        grow = (wr["rss_after"] - wr["rss_before"]) / MB
        print(f"| window, max speed | {wr['epochs']:,} | {wr['seconds']:.0f} s "
              f"| {wr['epochs'] / wr['seconds']:,.0f} | {wr['rss_before'] / MB:.0f} MB "
              f"| {wr['rss_after'] / MB:.0f} MB | {grow:+.0f} MB "
              f"| {wr['frames']:,} frames; longest event-loop wait {wr['worst_wait_ms']:.0f} ms |")
    print()
    print(f"Drawing the {args.epochs:,}-epoch history (median of 5, set_snapshot + paint): "
          + ", ".join(f"{k} {v:.0f} ms" for k, v in draw.items()))
    load = os.getloadavg()
    print(f"\nload average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores; "
          f"`.venv/bin/python bench/long_run.py --epochs {args.epochs} "
          f"--window-seconds {args.window_seconds:g}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
