"""GUI throughput: epochs/s with the window open vs the bare engine, frames/s per view, latency.

    .venv/bin/python bench/gui_throughput.py                      # this tree, every speed, ~1 min
    .venv/bin/python bench/gui_throughput.py --old /tmp/old-tree  # and another checkout, interleaved
    .venv/bin/python bench/gui_throughput.py --speeds max --rounds 5 --largest

For each speed (epochs/s; ``max`` = as fast as possible) and round, one child
process per tree opens the MainWindow (offscreen unless QT_QPA_PLATFORM says
otherwise, 1560×960, throwaway settings) on the default problem (xor-easy,
2-4-4-1, sigmoid, MSE, SGD; stopping at 100 % off), plays at that speed and, for
``--seconds``, records:

- epochs/s of the window; at max speed also the bare engine's (``Trainer.run(50)``,
  the worker's entry point) and the share. The window plays in SLICES slices, paused
  between them while the bare engine runs (before, between and after): this machine's
  speed jumps by up to 2× for seconds at a time, and a share of one stretch over
  another was off by as much;
- frames/s of each visible view: frames in which the view was painted (an event
  filter counts Paint events on its viewports, once per snapshot drawn);
- event-loop latency: how late a 20 ms timer on the GUI thread fires (p99, worst; a 5 ms
  timer alone took ~10 % of the training thread's epochs: bench/probe_cost.py);
- at max speed, after that, each visible view's cost: the window's draw call is
  wrapped so that each view is drawn alone (its set_snapshot, then its paint) and
  timed in CPU time of the GUI thread (steadier than wall time on a shared machine);
  the table gives the whole and the part its set_snapshot took.

``--largest`` adds the largest network the controls allow (every input feature,
6 × 32 ReLU units, circle with 5 000 points) at max speed. ``--old`` runs another
checkout too (its ``gui`` and ``model`` are imported through a folder of
symlinks: bench/checkout_engine.py); the trees alternate within each
round, so a slow spell of the shared machine hits both alike. Prints Markdown
tables of medians over rounds.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checkout_engine import import_root

HERE = Path(__file__).resolve().parent
PROBE_MS = 20
CHUNK = 50        # epochs per Trainer.run call, about what the worker runs per call (~2 ms)
SPEEDS = {"1": 1, "10": 10, "30": 30, "100": 100, "300": 300, "1000": 1000, "max": 0}
SETTLE_S = 0.5
SLICES = 3        # at max speed: the window plays in this many slices, the bare engine runs
                  # before, between and after them (the machine's speed changes by 2× within seconds)


# --- child: one window, one speed --------------------------------------------------------------
def child_setup(tree: Path):
    """Import ``tree``'s backprop_lab (a folder of symlinks first on sys.path)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if os.environ.setdefault("OPENBLAS_NUM_THREADS", "1") == "0":   # as the app's launcher does
        del os.environ["OPENBLAS_NUM_THREADS"]
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="backprop-lab-bench-")
    root = import_root(tree, "backprop_lab", Path(tempfile.mkdtemp(prefix="backprop-lab-tree-")))
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.path.insert(0, str(root))
    import backprop_lab.gui as gui
    where = Path(gui.__file__).resolve()
    assert where.is_relative_to(tree.resolve() / "gui"), f"gui imported from {where}, not {tree}"


def config(largest: bool):
    from backprop_lab.model import TrainConfig, features
    if largest:
        from backprop_lab.gui.controls import MAX_LAYERS, MAX_UNITS
        return TrainConfig(dataset="circle", n_points=5000, features=tuple(features.FEATURES),
                           hidden=(MAX_UNITS,) * MAX_LAYERS, activation="relu", lr=0.01,
                           stop_at_100=False, max_epochs=100_000_000)
    return TrainConfig(stop_at_100=False, max_epochs=100_000_000)


def bare_engine(cfg):
    """A Trainer of ``cfg`` on its own, warmed up: the bare engine the window is compared with."""
    from backprop_lab.model import Trainer, make_data
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(min(CHUNK, 5))                 # warm-up: allocations, caches
    return tr


def headless_rate(tr, seconds: float) -> tuple[int, float]:
    """(epochs, seconds) of Trainer.run(CHUNK) in a loop, nothing else running."""
    chunk = CHUNK if tr.n_points < 1000 else 1
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        tr.run(chunk)
        n += chunk
    return n, time.perf_counter() - t0


def run_until(app, seconds: float):
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def paint_counter(w):
    """An event filter on every view's viewports: view name → frames in which it was painted
    (a frame = one snapshot handed to the window's draw call, whichever tree's pacer)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QGraphicsView

    frames = {name: 0 for name in w.views}
    current, counted = [None], {}
    draw = w.pacer._draw_views

    def counting_draw(snap, names=None):
        current[0] = snap
        return draw(snap, names)
    w.pacer._draw_views = counting_draw

    class Filter(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint:
                name = owner.get(obj)
                if name is not None and counted.get(name) is not current[0]:
                    counted[name] = current[0]
                    frames[name] += 1
            return False

    f, owner = Filter(w), {}
    for name, view in w.views.items():
        for gv in ([view] if isinstance(view, QGraphicsView) else []) + view.findChildren(QGraphicsView):
            owner[gv.viewport()] = name
            gv.viewport().installEventFilter(f)
    return frames, f


def view_costs(app, w, seconds: float) -> dict:
    """Each visible view drawn alone (set_snapshot, then paint): CPU ms of the GUI thread
    per draw (time.thread_time: other programs on the machine change it far less than
    the wall time; the training thread stands aside while a frame is drawn), median."""
    import numpy as np
    costs: dict[str, list[tuple[float, float]]] = {}
    draw = w.pacer._draw_views

    def timed_draw(snap, names=None):
        for name, view in w.views.items():
            if (names is None or name in names) and view.isVisible():
                t0 = time.thread_time()
                with np.errstate(all="ignore"):
                    view.set_snapshot(snap)
                t1 = time.thread_time()
                app.sendPostedEvents()
                app.sendPostedEvents()
                costs.setdefault(name, []).append(((t1 - t0) * 1000, (time.thread_time() - t1) * 1000))
        if names is None or "toolbar" in names:
            draw(snap, ("toolbar",))
    w.pacer._draw_views = timed_draw
    run_until(app, seconds)
    w.pacer._draw_views = draw
    return {name: [statistics.median(s + p for s, p in c[2:] or c),
                   statistics.median(s for s, _ in c[2:] or c), statistics.median(p for _, p in c[2:] or c)]
            for name, c in costs.items()}


def child(args) -> dict:
    child_setup(Path(args.tree))
    import numpy as np
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication
    from backprop_lab.gui.main_window import MainWindow
    from backprop_lab.gui.toolbar import SPEEDS as TOOLBAR_SPEEDS

    cfg = config(args.largest)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    speed = SPEEDS[args.speed]
    fast = speed == 0
    engine = bare_engine(cfg) if fast else None
    slices = SLICES if fast else 1
    bare = [headless_rate(engine, args.headless / (slices + 1))] if fast else []
    w = MainWindow(cfg)
    w.resize(1560, 960)
    w.show()
    w.toolbar.speed_slider.setValue(TOOLBAR_SPEEDS.index(speed))
    run_until(app, 1.0)                        # open and draw the first frames
    frames, _filter = paint_counter(w)
    lateness, last = [], [0.0]

    def probe():
        now = time.perf_counter()
        if last[0]:
            lateness.append((now - last[0]) * 1000 - PROBE_MS)
        last[0] = now
    timer = QTimer(interval=PROBE_MS, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(probe)
    epochs, dt, drawn = 0, 0.0, {n: 0 for n, v in w.views.items() if v.isVisible()}
    for _ in range(slices):                    # at max speed, the bare engine between slices
        w.toolbar.sigPlay.emit()
        run_until(app, SETTLE_S)
        e0, f0, t0 = w.snapshot.epoch, dict(frames), time.perf_counter()
        last[0] = 0.0
        timer.start()
        run_until(app, args.seconds / slices)
        timer.stop()
        dt += time.perf_counter() - t0
        epochs += w.snapshot.epoch - e0
        for n in drawn:
            drawn[n] += frames[n] - f0[n]
        if fast:
            w.toolbar.sigPause.emit()
            run_until(app, 0.05)
            bare.append(headless_rate(engine, args.headless / (slices + 1)))
    out = {"epochs_per_s": epochs / dt, "frames_per_s": {n: k / dt for n, k in drawn.items()},
           "latency_p99_ms": float(np.percentile(lateness, 99)) if lateness else None,
           "latency_max_ms": max(lateness, default=None), "probes": len(lateness)}
    if fast:
        out["headless"] = sum(n for n, _ in bare) / sum(t for _, t in bare)
        out["share"] = out["epochs_per_s"] / out["headless"]
        w.toolbar.sigPlay.emit()
        run_until(app, SETTLE_S)
        out["view_ms"] = view_costs(app, w, args.profile)
    w.toolbar.sigPause.emit()
    w.setWindowModified(False)                 # trained epochs are unsaved: no "Save?" box
    w.close()
    app.processEvents()
    return out


# --- parent: rounds of children, tables --------------------------------------------------------
def run_child(tree: Path, speed: str, args, largest=False) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--tree", str(tree),
           "--speed", speed, "--seconds", str(args.seconds), "--headless", str(args.headless),
           "--profile", str(args.profile)] + (["--largest"] if largest else [])
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode or not lines:
        raise SystemExit(f"child failed ({tree}, {speed}):\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def table(results: dict, trees: list[str]) -> list[str]:
    """results[(tree, case)] = [round dicts] → Markdown lines, one row per measure."""
    cases = list(dict.fromkeys(case for _, case in results))
    head = "| measure | " + " | ".join(f"{c}: {t}" for c in cases for t in trees) + " |"
    rows = [head, "|---|" + "---:|" * (len(cases) * len(trees))]

    def row(label, get, fmt):
        cells = []
        for c in cases:
            for t in trees:
                rs = results.get((t, c), [])
                v = med(get(r) for r in rs)
                cells.append("" if v != v else fmt.format(v))
        if any(cells):
            rows.append(f"| {label} | " + " | ".join(cells) + " |")

    row("window epochs/s", lambda r: r["epochs_per_s"], "{:,.0f}")
    row("headless epochs/s", lambda r: r.get("headless"), "{:,.0f}")
    row("share of headless (≥ 50 %)", lambda r: 100 * r["share"] if "share" in r else None, "{:.0f} %")
    views = list(dict.fromkeys(v for rs in results.values() for r in rs for v in r["frames_per_s"]))
    for v in views:
        row(f"{v} frames/s (≥ 30)", lambda r, v=v: r["frames_per_s"].get(v), "{:.1f}")
    row("latency p99, ms (≤ 20)", lambda r: r["latency_p99_ms"], "{:.1f}")
    row("latency worst, ms", lambda r: r["latency_max_ms"], "{:.1f}")
    for v in views:
        row(f"{v} CPU ms per draw", lambda r, v=v: cost(r, v, 0), "{:.2f}")
    for v in views:
        row(f"{v} … of which set_snapshot", lambda r, v=v: cost(r, v, 1), "{:.2f}")
    return rows


def cost(result: dict, view: str, part: int):
    """A view's CPU ms per draw: 0 all of it, 1 its set_snapshot (the rest is its paint)."""
    c = result.get("view_ms", {}).get(view)
    if c is None or isinstance(c, float):      # (a float: total only)
        return c if part == 0 else None
    return c[part]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speeds", default="10,100,1000,max", help="comma-separated: " + ",".join(SPEEDS))
    ap.add_argument("--seconds", type=float, default=3.0, help="measured seconds per window run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--old", help="another checkout (a folder with gui/ and model/) measured alike")
    ap.add_argument("--largest", action="store_true", help="also the largest network, at max speed")
    ap.add_argument("--headless", type=float, default=2.0,
                    help="seconds of bare engine in all, in slices around the window's")
    ap.add_argument("--profile", type=float, default=2.0, help="seconds of per-view costs at max speed")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--tree", default=str(HERE.parent), help=argparse.SUPPRESS)
    ap.add_argument("--speed", default="max", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args)))
        return 0
    trees = {"new": HERE.parent} | ({"old": Path(args.old)} if args.old else {})
    speeds = [s.strip() for s in args.speeds.split(",")]
    unknown = [s for s in speeds if s not in SPEEDS]
    if unknown:
        ap.error(f"--speeds: unknown {unknown}; choose from {','.join(SPEEDS)}")
    load0 = os.getloadavg()
    results: dict = {}
    for rnd in range(args.rounds):
        order = list(trees) if rnd % 2 == 0 else list(trees)[::-1]
        jobs = [(s, False) for s in speeds] + ([("max", True)] if args.largest else [])
        for speed, largest in jobs:
            for name in order:
                case = f"{'largest ' if largest else ''}{speed}"
                r = run_child(trees[name], speed, args, largest)
                results.setdefault((name, case), []).append(r)
                print(f"round {rnd + 1} {name:3s} {case:11s} {r['epochs_per_s']:9,.0f} epochs/s  "
                      f"p99 {r['latency_p99_ms'] or 0:5.1f} ms  frames/s "
                      + " ".join(f"{v}={f:.0f}" for v, f in r["frames_per_s"].items()), file=sys.stderr)
    load1 = os.getloadavg()
    print(f"GUI throughput, medians of {args.rounds} rounds of {args.seconds:g} s per speed, "
          f"{os.cpu_count()} CPUs, load average {load0[0]:.2f} before, {load1[0]:.2f} after "
          f"(other work on the machine skews every figure); trees: "
          + ", ".join(f"{k} = {v}" for k, v in trees.items()) + "\n")
    print("\n".join(table(results, list(trees))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
