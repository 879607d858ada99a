"""A switch of the window's drawing, on and off in alternating slices of one window's run.

    .venv/bin/python bench/window_ab.py --switch diagram-cache --largest
    .venv/bin/python bench/window_ab.py --switch title-cache --slices 20
    .venv/bin/python bench/window_ab.py --switch train-process [--hidden 32,32]

``bench/gui_throughput.py`` runs each tree in its own process, and this machine's
speed moves between processes by more than a small change saves. Here one window
plays at max speed and the switch flips between slices (``--slices`` of
``--seconds``, after a settling half second each), so both settings share the
machine's moods. Per setting: the event loop's lateness (a 20 ms timer, as in
gui_throughput), frames/s, the diagram's frames/s, epochs/s, and the GUI thread's
CPU ms per frame (``time.thread_time``, frames and the work between them).

Switches (the first two set a Qt cache mode at run time, on every item they cover):

- ``title-cache``: the plots' titles (``colors.set_title``);
- ``diagram-cache``: the network diagram's nodes, node columns and edge layers
  (``diagram_items.CACHED``);
- ``train-process``: max-speed epochs in a process of their own
  (``TrainingWorker.use_process``, gui/worker_process.py), or in the worker's thread.
  The epochs/s column is then the figure to read: the GUI thread's CPU per frame
  counts the thread's own work only;
- ``one-blas-thread``: NumPy's BLAS on one thread in the window's process
  (``worker_process.one_blas_thread``), or on one per CPU.
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gui_throughput as g   # noqa: E402  (config, run_until, PROBE_MS, offscreen set-up)


def switch(window, name: str):
    """``set(on)`` for switch ``name``."""
    if name == "train-process":        # max-speed runs in a process of their own, or in the thread
        def set_process(on: bool):
            window.session.worker.use_process = on
        return set_process
    if name == "one-blas-thread":      # NumPy's BLAS on one thread (the session's), or one per CPU
        from threadpoolctl import threadpool_limits

        def set_blas(on: bool):
            threadpool_limits(limits=1 if on else os.cpu_count(), user_api="blas")
        return set_blas
    from PySide6.QtWidgets import QGraphicsItem
    from backprop_lab.gui.views.diagram_items import EdgesItem, NodeColumnItem, NodeItem
    modes = {True: QGraphicsItem.CacheMode.DeviceCoordinateCache, False: QGraphicsItem.CacheMode.NoCache}

    def items():
        if name == "title-cache":
            return [view.plot.titleLabel.item for view in window.views.values()
                    if hasattr(getattr(view, "plot", None), "titleLabel")]
        return [it for it in window.views["networkView"].scene.items()
                if isinstance(it, (NodeItem, NodeColumnItem, EdgesItem))]

    def set_on(on: bool):
        for item in items():
            item.setCacheMode(modes[on])
    return set_on


def middle_config(hidden: str):
    from backprop_lab.model import TrainConfig
    return TrainConfig(hidden=tuple(int(n) for n in hidden.split(",")), activation="relu",
                       dataset="circle", n_points=200, stop_at_100=False, max_epochs=100_000_000)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--switch", choices=("title-cache", "diagram-cache", "train-process", "one-blas-thread"), required=True)
    ap.add_argument("--largest", action="store_true", help="the largest network (else the default)")
    ap.add_argument("--hidden", help="units per hidden layer, e.g. 32,32: ReLU layers on a circle "
                                     "of 200 points (a network between the default and the largest)")
    ap.add_argument("--slices", type=int, default=16, help="in all, alternating off / on")
    ap.add_argument("--seconds", type=float, default=2.0, help="per slice")
    args = ap.parse_args()
    g.child_setup(HERE.parent)
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication
    from backprop_lab.gui.main_window import MainWindow
    from backprop_lab.gui.toolbar import SPEEDS

    app = QApplication.instance() or QApplication(sys.argv[:1])
    w = MainWindow(middle_config(args.hidden) if args.hidden else g.config(args.largest))
    w.resize(1560, 960)
    w.show()
    g.run_until(app, 1.5)
    w.toolbar.speed_slider.setValue(SPEEDS.index(0))
    w.toolbar.sigPlay.emit()
    g.run_until(app, 3.0)
    set_on = switch(w, args.switch)
    late, current, last = collections.defaultdict(list), [None], [0.0]

    def probe():
        now = time.perf_counter()
        if last[0] and current[0] is not None:
            late[current[0]].append((now - last[0]) * 1000 - g.PROBE_MS)
        last[0] = now
    timer = QTimer(interval=g.PROBE_MS, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(probe)
    sums = {on: collections.Counter() for on in (False, True)}
    trainer, pacer = w.session.worker.trainer, w.pacer
    for i in range(args.slices):
        on = bool(i % 2)
        set_on(on)
        current[0] = None
        g.run_until(app, 0.5)
        current[0], last[0] = on, 0.0
        start = (time.perf_counter(), time.thread_time(), trainer.epoch, pacer.frames_drawn,
                 pacer.view_frames["networkView"])
        timer.start()
        g.run_until(app, args.seconds)
        timer.stop()
        s = sums[on]
        s["seconds"] += time.perf_counter() - start[0]
        s["cpu"] += time.thread_time() - start[1]
        s["epochs"] += trainer.epoch - start[2]
        s["frames"] += pacer.frames_drawn - start[3]
        s["diagram"] += pacer.view_frames["networkView"] - start[4]
    w.toolbar.sigPause.emit()
    w.setWindowModified(False)
    w.close()
    network = f"hidden {args.hidden}" if args.hidden else "largest" if args.largest else "default"
    print(f"{args.switch}, {network} network at max speed, "
          f"{args.slices} slices of {args.seconds:g} s alternating\n")
    print("| setting | latency p99, ms | p95 | frames/s | diagram frames/s | epochs/s | GUI CPU ms per frame |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for on in (False, True):
        s, xs = sums[on], late[on]
        print(f"| {'on' if on else 'off'} | {np.percentile(xs, 99):.1f} | {np.percentile(xs, 95):.1f} | "
              f"{s['frames'] / s['seconds']:.1f} | {s['diagram'] / s['seconds']:.1f} | "
              f"{s['epochs'] / s['seconds']:,.1f} | {s['cpu'] * 1000 / max(s['frames'], 1):.2f} |")


if __name__ == "__main__":
    main()
