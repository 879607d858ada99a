"""GUI throughput: epochs/s with the window open vs the bare engine, frames/s, event-loop latency.

    .venv/bin/python bench/gui_throughput.py [--seconds 5]

Runs the default problem (xor-easy, 2-4-4-1, sigmoid, MSE, SGD; stopping at
100 % switched off so it keeps going) in one process: the bare engine, then the
MainWindow (offscreen unless QT_QPA_PLATFORM says otherwise) playing at max
speed, then the bare engine again. The bare engine trains through the entry
point the window's worker uses, ``Trainer.run(k)`` in short chunks; its rate is
the mean of the runs before and after the window, so a machine that speeds up
or slows down meanwhile (other programs, a shared host) skews the share less.
While the window plays, a 5 ms timer on the GUI thread records how late it
fires. Prints a Markdown table with the targets.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# As the app's launcher does (gui/launcher.py), for the window and the bare engine alike;
# OPENBLAS_NUM_THREADS=0 in the environment measures OpenBLAS's default instead.
if os.environ.setdefault("OPENBLAS_NUM_THREADS", "1") == "0":
    del os.environ["OPENBLAS_NUM_THREADS"]
# A throwaway settings folder: the user's remembered layout must not change the
# measurement, nor the bench the user's layout.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="backprop-lab-bench-")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from backprop_lab.model import TrainConfig, Trainer, make_data  # noqa: E402

PROBE_MS = 5


CHUNK = 50     # epochs per Trainer.run call, about what the worker runs per call (~2 ms)


def headless_rate(cfg: TrainConfig, seconds: float) -> float:
    """Epochs per second of Trainer.run(CHUNK) in a loop, nothing else running."""
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(200)                       # warm-up: allocations, caches
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        tr.run(CHUNK)
        n += CHUNK
    return n / (time.perf_counter() - t0)


def gui_run(app, cfg: TrainConfig, seconds: float) -> dict:
    from backprop_lab.gui.main_window import MainWindow

    w = MainWindow(cfg)
    w.resize(1560, 960)
    w.show()
    t_end = time.perf_counter() + 1.0          # let it open and draw the first frame
    while time.perf_counter() < t_end:
        app.processEvents()

    lateness: list[float] = []
    last = [0.0]

    def probe():
        now = time.perf_counter()
        if last[0]:
            lateness.append((now - last[0]) * 1000 - PROBE_MS)
        last[0] = now

    timer = QTimer(interval=PROBE_MS, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(probe)

    result = {}

    def start():
        result["epoch0"] = w.snapshot.epoch
        result["frames0"] = w.pacer.frames_drawn
        result["t0"] = time.perf_counter()
        timer.start()

    def stop():
        timer.stop()
        result["t1"] = time.perf_counter()
        result["epoch1"] = w.snapshot.epoch
        result["frames1"] = w.pacer.frames_drawn
        w.setWindowModified(False)             # trained epochs are unsaved: no "Save?" box
        w.close()
        app.quit()

    w.toolbar.sigPlay.emit()
    QTimer.singleShot(300, start)              # measure once playing has settled
    QTimer.singleShot(300 + int(seconds * 1000), stop)
    app.exec()
    dt = result["t1"] - result["t0"]
    late = np.array(lateness) if lateness else np.zeros(1)
    return {"epochs_per_s": (result["epoch1"] - result["epoch0"]) / dt,
            "frames_per_s": (result["frames1"] - result["frames0"]) / dt,
            "latency_max_ms": float(late.max()),
            "latency_p99_ms": float(np.percentile(late, 99)),
            "probes": len(lateness)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="length of the GUI run")
    args = ap.parse_args(argv)
    cfg = TrainConfig(stop_at_100=False, max_epochs=100_000_000)
    app = QApplication.instance() or QApplication(sys.argv[:1])

    half = min(args.seconds, 3.0) / 2
    before = headless_rate(cfg, half)
    g = gui_run(app, cfg, args.seconds)
    after = headless_rate(cfg, half)
    base = (before + after) / 2
    share = g["epochs_per_s"] / base
    rows = [
        (f"headless Trainer.run({CHUNK}) (epochs/s; before {before:,.0f}, after {after:,.0f})",
         f"{base:,.0f}", "", ""),
        ("window at max speed (epochs/s)", f"{g['epochs_per_s']:,.0f}",
         "≥ 50 % of headless", "ok" if share >= 0.5 else "MISSED"),
        ("  share of headless", f"{100 * share:.0f} %", "", ""),
        ("frames drawn per second", f"{g['frames_per_s']:.1f}", "≥ 30",
         "ok" if g["frames_per_s"] >= 30 else "MISSED"),
        (f"event-loop latency p99 ({g['probes']} probes, ms)", f"{g['latency_p99_ms']:.1f}", "≤ 50",
         "ok" if g["latency_p99_ms"] <= 50 else "MISSED"),
        ("event-loop latency worst (ms)", f"{g['latency_max_ms']:.1f}", "", ""),
    ]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"GUI throughput, {args.seconds:g} s at max speed, platform "
          f"{app.platformName()}, xor-easy 2-4-4-1 sigmoid/MSE/SGD; OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}; {os.cpu_count()} CPUs, "
          f"load average {load} (other work on the machine skews every figure)\n")
    print("| measure | value | target | |")
    print("|---|---:|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
