"""How fast could the lab's study run at best? A floor from its arithmetic alone.

    .venv/bin/python bench/sweep_floor.py               # the table in bench/results/ (~80 s)
    .venv/bin/python bench/sweep_floor.py results.csv   # one `backprop-lab sweep --preset lab
                                                        # --out` wrote (.csv, .md or .json)

A finished sweep's table fixes every trial's epochs (converged × stop_mean +
failures × budget per row; exact per trial in the .json), and one full-batch
epoch of a 2-h-h-1 network on n points is a fixed amount of arithmetic,
counted from the layer shapes model/network.py and model/batched.py use:

    multiply-adds  z = Wb.T @ [a; 1], dWb = [a; 1] @ delta.T, and delta_prev =
                   W @ delta below the output (bias rows included); flops = 2 × MACs
    exp values     units × n per sigmoid layer (the output layer is always one)

Timed on one thread (OPENBLAS_NUM_THREADS=1), best of --rounds passes spread
over the run (this VM has slow spells lasting seconds): float64 GEMM on large
squares (the practical peak) and on the study's own batched shapes, np.exp per
value. floor = (flops / GEMM rate + exp values × exp time) / cores.

What it proves: even with everything else in an epoch free (element-wise maths,
optimizer, Python) and every core busy, this computation (the same trials for
the same epochs, in float64) cannot finish faster than the floor at the
practical peak with NumPy's exp; the matrix products alone at that peak are a
floor whatever the exp costs. float32 figures are for information only.
"""
from __future__ import annotations

import os

if __name__ == "__main__":            # before NumPy loads; importing (tests) changes nothing
    os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = "1"

import argparse
import csv
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np                                  # noqa: E402

from backprop_lab.model.network import Network, NetworkSpec      # noqa: E402
from backprop_lab.model.sweep import PRESETS                     # noqa: E402
from backprop_lab.model.trainer import make_data                 # noqa: E402

DEFAULT_TABLE = Path(__file__).resolve().parent / "results" / "lab_sweep_2026-11-30.md"


# --- counting ----------------------------------------------------------------------------
def epoch_counts(cfg, n: int) -> tuple[int, int]:
    """(multiply-adds of the matrix products, exp evaluations) of one full-batch
    epoch of one trial of cfg (dense layers) on n points."""
    macs = exps = 0
    for l, layer in enumerate(Network(NetworkSpec.from_config(cfg)).layers):
        assert layer.kind == "dense", "counts are for dense layers"
        macs += layer.width * layer.rows * n            # z (w, n) = Wb.T (w, rows) @ [a; 1] (rows, n)
        macs += layer.rows * n * layer.width            # dWb (rows, w) = [a; 1] (rows, n) @ delta.T (n, w)
        if l:
            macs += layer.fan_in * layer.width * n      # delta_prev (f, n) = W (f, w) @ delta (w, n)
        if layer.act.name == "sigmoid":
            exps += layer.width * n                     # a = 1 / (1 + e^-z)
    return macs, exps


def read_table(path) -> list[dict]:
    """The rows of a sweep table (.md as printed, .csv or .json as --out writes them)."""
    text = Path(path).read_text(encoding="utf-8")
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return json.loads(text)["rows"]
    if suffix == ".csv":
        return list(csv.DictReader(text.splitlines()))
    lines = [l.strip().strip("|") for l in text.splitlines() if l.strip().startswith("|")]
    cells = [[c.strip() for c in l.split("|")] for l in lines]
    header, body = cells[0], [c for c in cells[1:] if not set("".join(c)) <= set("-:")]
    return [dict(zip(header, c)) for c in body]


def _num(value) -> float | None:
    return None if value in (None, "", "-") else float(value)


def trial_epochs(row: dict, budget: int) -> int:
    """Epochs run by the row's trials: exact from per-trial outcomes (.json), else
    converged × stop_mean + failures × budget. Diverged trials stopped early at an
    epoch the table does not give; they count 0 here, which keeps the floor a floor."""
    if row.get("trial_outcomes"):
        return sum(int(o["epochs"]) for o in row["trial_outcomes"])
    stopped = round(int(_num(row["converged"])) * (_num(row["stop_mean"]) or 0.0))
    return stopped + (int(_num(row["failures"])) - int(_num(row.get("diverged")) or 0)) * budget


def _key_text(value) -> str:
    """An axis value as text that a table cell of any format matches: 0.1, "50-50", relu."""
    if isinstance(value, (tuple, list)):
        return "-".join(map(str, value))
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)


def match_configs(rows, preset, budget=None) -> list:
    """The preset's config of each table row, found by data set and axis values."""
    configs = preset.configs(**({"max_epochs": budget} if budget else {}))
    by_key = {(c.dataset, *(_key_text(getattr(c, a)) for a in preset.axes)): c for c in configs}
    out = []
    for row in rows:
        key = (row["dataset"], *(_key_text(row[a]) for a in preset.axes))
        if key not in by_key:
            raise SystemExit(f"row {key} is not in preset {preset.name!r}")
        out.append(by_key[key])
    return out


# --- timing --------------------------------------------------------------------------------
def best_seconds(fn, repeats: int = 3, min_time: float = 0.02) -> float:
    """Seconds per fn() call: the minimum over ``repeats`` samples of >= min_time each."""
    def sample(loops):
        t = time.perf_counter()
        for _ in range(loops):
            fn()
        return time.perf_counter() - t

    fn()
    loops = 1
    while (first := sample(loops)) < min_time:
        loops *= 2
    return min([first] + [sample(loops) for _ in range(repeats - 1)]) / loops


def best_of_rounds(fns: dict, rounds: int) -> dict:
    """Min seconds per call of each fn over ``rounds`` passes through all of them.
    Slow spells of this VM last seconds (np.exp at 10 ns a value instead of 5 for a
    while), longer than one best_seconds; spread over the run, a spell spoils one pass."""
    best = dict.fromkeys(fns, math.inf)
    for _ in range(rounds):
        for key, fn in fns.items():
            best[key] = min(best[key], best_seconds(fn))
    return best


def peak_timers(dtype) -> dict:
    """{("gemm", N): np.matmul of N×N squares, ("exp", n): np.exp of n values in [-4, 4]}."""
    rng, fns = np.random.default_rng(0), {}
    for N in (1000, 2000):
        a, b, c = (rng.random((N, N)).astype(dtype) for _ in range(3))
        fns[("gemm", N)] = lambda a=a, b=b, c=c: np.matmul(a, b, out=c)
    for n in (10_000, 100_000, 1_000_000):
        z = rng.uniform(-4, 4, n).astype(dtype)      # the sigmoid's working range
        fns[("exp", n)] = lambda z=z, out=np.empty_like(z): np.exp(z, out=out)
    return fns


def study_timers(cfg, n: int, T: int, dtype) -> tuple:
    """(matmuls, exps): callables doing one epoch's matrix products and sigmoid exps for
    T trials of cfg on n points, on arrays laid out as model/batched.py lays them out
    (same shapes, strides and broadcast input)."""
    layers = Network(NetworkSpec.from_config(cfg)).layers
    rng = np.random.default_rng(0)
    theta = rng.uniform(-0.5, 0.5, (T, sum(l.n_params for l in layers))).astype(dtype)
    grad = np.zeros_like(theta)
    offs = np.cumsum([0] + [l.n_params for l in layers])
    W = [theta[:, o: o + l.n_params].reshape((T,) + l.block_shape()) for o, l in zip(offs, layers)]
    dW = [grad[:, o: o + l.n_params].reshape((T,) + l.block_shape()) for o, l in zip(offs, layers)]
    xs = [rng.uniform(-1, 1, (layers[0].rows, n)).astype(dtype)]      # shared by every trial
    xs += [rng.uniform(0, 1, (T, l.width + 1, n)).astype(dtype) for l in layers[:-1]]
    zs = [x[:, : l.width] for x, l in zip(xs[1:], layers)] + [np.empty((T, 1, n), dtype)]
    deltas = [rng.uniform(-1, 1, (T, l.width, n)).astype(dtype) for l in layers]
    sig = [(rng.uniform(-4, 4, z.shape).astype(dtype), z)
           for z, l in zip(zs, layers) if l.act.name == "sigmoid"]

    def matmuls():
        for l in range(len(layers)):
            np.matmul(W[l].transpose(0, 2, 1), xs[l], out=zs[l])       # z = Wb.T @ [a; 1]
        for l in range(len(layers) - 1, -1, -1):
            np.matmul(xs[l], deltas[l].transpose(0, 2, 1), out=dW[l])  # dWb = [a; 1] @ delta.T
            if l:
                np.matmul(W[l][:, : layers[l].fan_in], deltas[l], out=deltas[l - 1])

    def exps():
        for src, z in sig:
            np.exp(src, out=z)                                         # e^-z of the sigmoid
    return matmuls, exps


# --- report --------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("table", nargs="?", default=str(DEFAULT_TABLE), help="a sweep table (.md, .csv, .json)")
    ap.add_argument("--preset", default="lab", choices=list(PRESETS))
    ap.add_argument("--epochs", type=int, help="the sweep's budget if not the preset's (--epochs of the sweep)")
    ap.add_argument("--cores", type=int, default=2, help="CPUs the study may use (default 2)")
    ap.add_argument("--target", type=float, default=60.0, help="target wall seconds (default 60)")
    ap.add_argument("--rounds", type=int, default=5, help="timing passes, best kept (default 5)")
    args = ap.parse_args()

    preset = PRESETS[args.preset]
    rows = read_table(args.table)
    dtypes = (np.float64, np.float32)
    counted = []                   # (row, cfg, n, trial-epochs, MACs/epoch, exps/epoch, shape key)
    fns = {}
    for row, cfg in zip(rows, match_configs(rows, preset, args.epochs)):
        n = len(make_data(cfg)[0])
        T = math.ceil(int(_num(row["trials"])) / args.cores)     # trials per matmul, as run_sweep
        key = (cfg.hidden, cfg.activation, n, T)
        counted.append((row, cfg, n, trial_epochs(row, cfg.max_epochs), *epoch_counts(cfg, n), key))
        for dt in dtypes:
            if (dt, key, "gemm") not in fns:
                fns[(dt, key, "gemm")], fns[(dt, key, "exp")] = study_timers(
                    cfg.replace(dtype=np.dtype(dt).name), n, T, dt)
    for dt in dtypes:
        fns.update({(dt, *k): fn for k, fn in peak_timers(dt).items()})
    wall, cpu = time.perf_counter(), time.process_time()
    best = best_of_rounds(fns, args.rounds)
    cpu_share = (time.process_time() - cpu) / (time.perf_counter() - wall)

    axes = list(preset.axes)
    print(f"sweep table: {args.table}\n")
    print("| dataset | " + " | ".join(axes) + " | n | trial-epochs | MACs/epoch | exp/epoch "
          "| flops | exp values | GFLOP/s here | exp ns here |")
    print("|---|" + "---|" * len(axes) + "---:|" * 8)
    total = dict(epochs=0, flops=0, exps=0)
    study = {dt: np.zeros(2) for dt in dtypes}      # (matmul, exp) CPU seconds at study shapes
    for row, cfg, n, e, macs, exps, key in counted:
        T = key[-1]
        total["epochs"] += e
        total["flops"] += 2 * macs * e
        total["exps"] += exps * e
        for dt in dtypes:
            study[dt] += e * np.array([best[(dt, key, "gemm")], best[(dt, key, "exp")]]) / T
        g64, x64 = best[(np.float64, key, "gemm")] / T, best[(np.float64, key, "exp")] / T
        print(f"| {cfg.dataset} | " + " | ".join(str(row[a]) for a in axes) +
              f" | {n} | {e:,} | {macs:,} | {exps:,} | {2 * macs * e:.3g} | {exps * e:.3g} "
              f"| {2 * macs / g64 / 1e9:.1f} | {x64 / exps * 1e9 if exps else 0:.2f} |")
    print(f"| **total** | " + " | " * len(axes) + f" | {total['epochs']:,} | | "
          f"| {total['flops']:.3g} | {total['exps']:.3g} | | |\n")

    cpu_name = open("/proc/cpuinfo").read().split("model name")[1].split("\n")[0].strip(": \t")
    print(f"machine: {cpu_name}, {os.cpu_count()} CPUs; NumPy {np.__version__}, OPENBLAS_NUM_THREADS=1 "
          f"(CPU/wall while timing {cpu_share:.2f}: <= 1, one thread); best of {args.rounds} passes; study "
          f"shapes batched {sorted({k[-1] for *_, k in counted})} trials per matmul\n")
    print(f"| floor of the whole study | GEMM rate | exp | CPU s: GEMM + exp | on {args.cores} cores "
          f"| vs {args.target:g} s |")
    print("|---|---:|---:|---:|---:|---:|")
    for dt in dtypes:
        rate = max(2 * N ** 3 / best[(dt, "gemm", N)] for N in (1000, 2000))
        exp_s = min([best[(dt, "exp", n)] / n for n in (10_000, 100_000, 1_000_000)]   # the fastest
                    + [best[(dt, key, "exp")] / key[-1] / exps                       # np.exp seen
                       for *_, exps, key in counted if exps])
        gemm_peak, exp_peak = total["flops"] / rate, total["exps"] * exp_s
        gemm_here, exp_here = study[dt]
        note = "" if dt is np.float64 else " (info)"
        for label, r, x, g, ex, bold in (
                ("practical peak", rate, exp_s, gemm_peak, exp_peak, "**"),
                ("study shapes", total["flops"] / gemm_here, exp_here / total["exps"], gemm_here, exp_here, "")):
            floor = (g + ex) / args.cores
            print(f"| {dt.__name__}, {label}{note} | {r / 1e9:.1f} GFLOP/s | {x * 1e9:.2f} ns "
                  f"| {g:,.0f} + {ex:,.0f} | {bold}{floor:,.0f} s{bold} | {floor / args.target:.1f}× |")
        if dt is np.float64:       # whatever exp costs: a floor for any float64 sigmoid
            floor = gemm_peak / args.cores
            print(f"| float64, matrix products alone, practical peak | {rate / 1e9:.1f} GFLOP/s | - "
                  f"| {gemm_peak:,.0f} + 0 | **{floor:,.0f} s** | {floor / args.target:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
