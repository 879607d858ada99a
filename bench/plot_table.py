"""Draw the charts of a sweep table that was saved earlier (the same drawing as `sweep --plot`).

    .venv/bin/python bench/plot_table.py bench/results/lab_convention_sweep_2026-12-07.md out.png

The table (.md as printed, .csv or .json as --out writes them) must be of the lab
preset (its rows are matched to the preset's configs by data set and axis values).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sweep_floor import _num, match_configs, read_table                 # noqa: E402

from backprop_lab.gui.plots_offscreen import ensure_app                # noqa: E402
from backprop_lab.gui.sweep_chart import save_chart                     # noqa: E402
from backprop_lab.model.sweep import PRESETS, SweepResult, SweepRow     # noqa: E402


def main(table: str, out: str) -> int:
    preset = PRESETS["lab"]
    records = read_table(table)
    rows = []
    for rec, cfg in zip(records, match_configs(records, preset)):
        n = {k: _num(rec[k]) for k in ("trials", "converged", "stop_mean", "stop_median", "stop_min",
                                        "stop_max", "failures", "diverged")}
        rows.append(SweepRow(cfg, tuple((a, getattr(cfg, a)) for a in preset.axes), int(n["trials"]),
                             int(n["converged"]), n["stop_mean"], n["stop_median"], n["stop_min"],
                             n["stop_max"], int(n["failures"]), int(n["diverged"]), float("nan"),
                             float("nan"), float("nan")))
    ensure_app()
    print(save_chart(SweepResult(tuple(rows), preset.axes, rows[0].trials, False, 0.0), out))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
