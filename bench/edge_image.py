"""Cost of a dense layer's edge image in the network diagram: this tree vs another.

    .venv/bin/python bench/edge_image.py --old /tmp/base     # /tmp/base: a checkout

``EdgesItem._edge_image`` (gui/views/diagram_items.py) draws a layer of more than
FEW_EDGES edges into a small image, redrawn whenever an edge's pen changes (at
max speed, most frames for a large network). For layers of the largest network's
shapes, the median ms of one image, this tree's and ``--old``'s alternating in one
process, on the same layers and values.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication   # noqa: E402

from backprop_lab.gui.views import diagram_items as new   # noqa: E402

SHAPES = ((7, 32), (32, 32), (16, 32), (32, 8))   # all features → 32 units, 32 → 32, …
ROUNDS = 200


def load_old(tree: Path):
    spec = importlib.util.spec_from_file_location("old_diagram_items", tree / "gui/views/diagram_items.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def layer(module, n_in: int, n_out: int, values: np.ndarray):
    """A layer's edges as the diagram lays them out: 140 × 400 scene units."""
    item = module.EdgesItem()
    y_in, y_out = np.linspace(0, 400, n_in), np.linspace(0, 400, n_out)
    item.setData(np.zeros(n_in * n_out), np.repeat(y_in, n_out),
                 np.full(n_in * n_out, 140.0), np.tile(y_out, n_in))
    item.setValues(values)
    return item


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="another checkout (a folder with gui/)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])   # noqa: F841 (QImage needs it)
    old = load_old(args.old)
    print("| layer | scale | new, ms | old, ms | new / old |\n|---|---:|---:|---:|---:|")
    for n_in, n_out in SHAPES:
        for scale in (0.6, 1.0):
            values = np.random.default_rng(n_in * 100 + n_out).standard_normal(n_in * n_out)
            items = [(layer(new, n_in, n_out, values), new), (layer(old, n_in, n_out, values), old)]
            times = {new: [], old: []}
            for i in range(ROUNDS):
                for item, module in (items if i % 2 else items[::-1]):
                    pens = module._pens(faint=True)
                    t = time.perf_counter()
                    item._edge_image(pens, scale)
                    times[module].append(time.perf_counter() - t)
            a, b = (1000 * statistics.median(times[m]) for m in (new, old))
            print(f"| {n_in} × {n_out} | {scale} | {a:.2f} | {b:.2f} | {a / b:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
