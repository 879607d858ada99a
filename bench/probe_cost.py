"""What a periodic timer on the GUI thread costs a training thread (the GIL changes hands).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/probe_cost.py [--rounds 8]

A thread runs Trainer.run(40) in a loop (the default problem) for 1 s while the
main thread's Qt event loop runs a timer every 0 (none), 5, 20 or 50 ms whose
slot does nothing; the settings alternate within each round. Prints the median
epochs/s of each and its ratio to no timer. Every wake-up of the GUI thread takes
the interpreter lock from training for a moment: this is why
bench/gui_throughput.py probes the event loop's latency every 20 ms, not 5.
"""
from __future__ import annotations

import argparse
import statistics
import threading
import time
from pathlib import Path

import gui_throughput as g

PERIODS_MS = (0, 5, 20, 50)


def trial(app, cfg, period_ms: int) -> float:
    from PySide6.QtCore import Qt, QTimer
    from backprop_lab.model import Trainer, make_data
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(5)
    stop, done = threading.Event(), [0]

    def train():
        while not stop.is_set():
            tr.run(40)
            done[0] += 40
    worker = threading.Thread(target=train)
    timer = None
    if period_ms:
        timer = QTimer(interval=period_ms, timerType=Qt.TimerType.PreciseTimer)
        timer.timeout.connect(lambda: None)
        timer.start()
    t0 = time.perf_counter()
    worker.start()
    g.run_until(app, 1.0)
    stop.set()
    worker.join()
    if timer is not None:
        timer.stop()
    return done[0] / (time.perf_counter() - t0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=8)
    args = ap.parse_args(argv)
    g.child_setup(Path(__file__).resolve().parent.parent)
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    cfg = g.config(False)
    rates: dict[int, list[float]] = {p: [] for p in PERIODS_MS}
    for _ in range(args.rounds):
        for p in PERIODS_MS:
            rates[p].append(trial(app, cfg, p))
    base = statistics.median(rates[0])
    print("| timer on the GUI thread | training epochs/s (median) | vs none |\n|---|---:|---:|")
    for p, r in rates.items():
        print(f"| {'none' if not p else f'every {p} ms'} | {statistics.median(r):,.0f} | {statistics.median(r) / base:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
