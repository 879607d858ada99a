"""What one mouse move costs on each hover readout, beside the redraw it avoids.

    .venv/bin/python bench/hover_readouts.py [--repeats 200]

For the textbook network (2-4-4-1) and the largest the controls allow (7 features,
6 × 32 units), offscreen: the map readout (one forward pass of one point, its box
and the diagram's activation labels) against a redraw of the whole map
(DecisionMapView.set_snapshot); the loss readout on a 1 000-epoch and a
1 000 000-epoch history. Medians of interleaved runs, in milliseconds, as a
Markdown table (the ratio is the full redraw over the readout).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")     # as the app's launcher sets it
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="backprop-lab-bench-")

from PySide6.QtWidgets import QApplication  # noqa: E402

from backprop_lab.gui.views.curves import LossCurves  # noqa: E402
from backprop_lab.gui.views.decision_map import DecisionMapView  # noqa: E402
from backprop_lab.gui.views.diagram_hover import HoverActivations  # noqa: E402
from backprop_lab.gui.views.network_diagram import NetworkDiagram  # noqa: E402
from backprop_lab.model import TrainConfig, Trainer, make_data  # noqa: E402
from backprop_lab.model.history import HistoryView  # noqa: E402

NETWORKS = {
    "2-4-4-1": TrainConfig(dataset="circle"),
    "7 features, 6 × 32": TrainConfig(dataset="circle", hidden=(32,) * 6, activation="tanh",
                                      features=("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")),
}


def trained_snapshot(cfg: TrainConfig):
    tr = Trainer(cfg.replace(stop_at_100=False), *make_data(cfg))
    tr.run(5)
    return tr.snapshot()


def history(n: int) -> HistoryView:
    rng = np.random.default_rng(0)
    col = lambda: np.exp(-np.arange(n) / n) + 0.01 * rng.random(n)   # noqa: E731
    return HistoryView(np.arange(1, n + 1), col(), col(), col(), col(), rng.random((n, 3)))


def median_ms(fns: dict, repeats: int) -> dict:
    """Each callable run ``repeats`` times, interleaved; the median time of each, in ms."""
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: 1000 * float(np.median(t)) for name, t in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    print("| what | per mouse move (ms) | full redraw (ms) | ratio |")
    print("|---|---:|---:|---:|")
    for name, cfg in NETWORKS.items():
        snap = trained_snapshot(cfg)
        view, diagram = DecisionMapView(), NetworkDiagram()
        for w in (view, diagram):
            w.resize(500, 450)
            w.show()
        view.set_snapshot(snap)
        diagram.set_snapshot(snap)
        marks = HoverActivations(diagram)
        view.readout.sigHoverActivations.connect(marks.show_outputs)
        app.processEvents()
        rng = np.random.default_rng(1)
        move = lambda: view.readout.show_at(*rng.uniform(-1, 1, 2))   # noqa: E731
        ms = median_ms({"move": move, "redraw": lambda: view.set_snapshot(snap)}, args.repeats)
        print(f"| map readout + diagram rings and labels, {name} ({len(marks.labels)} labels) "
              f"| {ms['move']:.2f} | {ms['redraw']:.2f} | {ms['redraw'] / ms['move']:.0f}× |")
        view.readout.hide()
        for w in (view, diagram):
            w.close()
    for n in (1_000, 1_000_000):
        curves = LossCurves()
        curves.resize(500, 350)
        curves.show()
        snap = SimpleNamespace(history=history(n))
        curves.set_snapshot(snap)
        app.processEvents()
        rng = np.random.default_rng(2)
        move = lambda: curves.readout.show_at(rng.uniform(1, n), 0.5)   # noqa: E731
        ms = median_ms({"move": move, "redraw": lambda: curves.set_snapshot(snap)}, args.repeats)
        print(f"| loss readout, {n:,} epochs | {ms['move']:.2f} | {ms['redraw']:.2f} "
              f"| {ms['redraw'] / ms['move']:.0f}× |")
        curves.close()


if __name__ == "__main__":
    main()
