"""How long the lab's hyper-parameter study takes: batched + worker processes vs one by one.

    .venv/bin/python bench/sweep_speed.py                  # lab preset, 10 trials, 100 000 epochs
    .venv/bin/python bench/sweep_speed.py --epochs 20000   # a quicker study
    .venv/bin/python bench/sweep_speed.py --full           # also time one-by-one in full (hours)
    .venv/bin/python bench/sweep_speed.py --cli            # only `sweep --preset lab`, end to end

0. With ``--cli``: ``python -m backprop_lab.model.sweep_cli --preset lab`` in a
   new process, timed from before its start to its exit (interpreter, imports,
   worker start-up and the whole study), and nothing else.

1. Batched: ``run_sweep`` on the lab preset with ``--workers`` processes
   (default: all CPUs), wall time measured.
2. One by one: every trial with ``Trainer.run`` in turn, in this process.
   In full that takes hours, so by default it is *estimated*: each row's
   Trainer time per epoch is measured over ``--sample`` epochs, and multiplied
   by the exact number of epochs its trials run (known from step 1: the
   batched trials stop at the same epochs as Trainer runs; see
   model/batched.py). The estimate is checked against a full one-by-one run
   of the ``--check`` cheapest rows, and both figures are printed.

BLAS runs single-threaded here (as in the sweep's workers): on small matrices
threaded BLAS only adds overhead, and this keeps the one-by-one figure fair.
"""
from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # before NumPy loads
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop_lab.model.sweep import PRESETS, run_sweep          # noqa: E402
from backprop_lab.model.sweep_cli import markdown_table           # noqa: E402
from backprop_lab.model.trainer import Trainer, make_data         # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the pool's workers)."""
    return sum(r.ru_utime + r.ru_stime for r in
               (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def trainer_seconds_per_epoch(cfg, epochs: int) -> tuple[float, float]:
    """(wall, CPU) seconds per Trainer epoch of cfg (trained past 100%: every epoch counts)."""
    X, y, _, _ = make_data(cfg)
    tr = Trainer(cfg.replace(stop_at_100=False, max_epochs=epochs + 10), X, y)
    tr.run(10)                                        # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    tr.run(epochs)
    n = max(tr.epoch - 10, 1)
    return (time.perf_counter() - wall) / n, (time.process_time() - cpu) / n


def one_by_one_seconds(row) -> float:
    """Measured: every trial of the row with Trainer, in turn."""
    X, y, _, _ = make_data(row.config)
    start = time.perf_counter()
    for o in row.outcomes:
        tr = Trainer(row.config.replace(seed=o.seed), X, y)
        tr.run()
        assert (tr.stop_epoch, tr.epoch) == (o.stop_epoch, o.epochs), "batched and Trainer disagree"
    return time.perf_counter() - start


def time_cli(args) -> int:
    """Wall time of the command a student types, from process start to exit."""
    import subprocess
    cmd = [sys.executable, "-m", "backprop_lab.model.sweep_cli", "--preset", "lab",
           "--epochs", str(args.epochs), "--trials", str(args.trials), "--workers", str(args.workers)]
    print(f"load before: {os.getloadavg()[0]:.2f} (1-min average, {os.cpu_count()} CPUs)", flush=True)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    print(f"`sweep --preset lab` end to end: {wall:.1f} s wall (exit code {done.returncode}); "
          f"load after: {os.getloadavg()[0]:.2f}")
    return done.returncode


def time_stacks(args) -> int:
    """The lab's four XOR-easy learning-rate rows: one stack (per-trial lr) vs a stack per row."""
    from backprop_lab.model import sweep_tasks
    cfgs = [c for c in PRESETS["lab"].configs(max_epochs=args.epochs)
            if c.dataset == "xor-easy" and c.hidden == (50, 50) and c.activation == "sigmoid"]
    stacked_key = sweep_tasks._stack_key
    stats = {}
    for name, key in (("one stack", stacked_key), ("a stack per row", lambda cfg, batched: cfg)):
        sweep_tasks._stack_key = key          # read in this process, where the tasks are made
        load, start = os.getloadavg()[0], time.perf_counter()
        result = run_sweep(cfgs, args.trials, axes=("lr",), workers=args.workers)
        stats[name] = [r.statistics() for r in result.rows]
        print(f"{name}: {time.perf_counter() - start:.1f} s wall, load {load:.2f} -> "
              f"{os.getloadavg()[0]:.2f}", flush=True)
    sweep_tasks._stack_key = stacked_key
    print("same statistics:", stats["one stack"] == stats["a stack per row"])
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=100_000, help="budget per trial")
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--sample", type=int, default=2000, help="epochs timed per row for the estimate")
    ap.add_argument("--check", type=int, default=2, help="rows also timed one by one in full")
    ap.add_argument("--full", action="store_true", help="time every row one by one in full")
    ap.add_argument("--stacks", action="store_true",
                    help="time the four XOR-easy lr rows as one stack and row by row")
    ap.add_argument("--cli", action="store_true",
                    help="time `sweep --preset lab` end to end in a new process, process start included")
    args = ap.parse_args()
    if args.cli:
        return time_cli(args)
    if args.stacks:
        return time_stacks(args)

    preset = PRESETS["lab"]
    configs = preset.configs(max_epochs=args.epochs)
    print(f"lab preset: {len(configs)} rows x {args.trials} trials, budget {args.epochs} epochs, "
          f"{args.workers} workers, {os.cpu_count()} CPUs", flush=True)

    start, cpu0 = time.perf_counter(), cpu_seconds()
    result = run_sweep(configs, args.trials, axes=preset.axes, workers=args.workers)
    batched, batched_cpu = time.perf_counter() - start, cpu_seconds() - cpu0
    trial_epochs = sum(o.epochs for r in result.rows for o in r.outcomes)
    print(markdown_table(result))
    print(f"batched, {args.workers} processes: {batched:.1f} s wall, {batched_cpu:.1f} s CPU "
          f"({trial_epochs:,} trial-epochs, {trial_epochs / batched:,.0f} per wall second)", flush=True)

    estimate = estimate_cpu = 0.0
    measured_rows, per_row = {}, []
    for r in result.rows:
        wall_pe, cpu_pe = trainer_seconds_per_epoch(r.config, args.sample)
        epochs = sum(o.epochs for o in r.outcomes)
        per_row.append((wall_pe * epochs, r))
        estimate += wall_pe * epochs
        estimate_cpu += cpu_pe * epochs
    check_rows = sorted(per_row, key=lambda p: p[0])[: len(per_row) if args.full else args.check]
    for est, r in check_rows:
        measured_rows[id(r)] = (est, one_by_one_seconds(r))
        print(f"  check {r.dataset:8} {dict(r.values)}: one by one estimated {est:.1f} s, "
              f"measured {measured_rows[id(r)][1]:.1f} s", flush=True)
    if args.full:
        total = sum(m for _, m in measured_rows.values())
        print(f"one by one (Trainer), measured in full: {total:.1f} s; "
              f"ratio {total / batched:.1f}x")
    else:
        print(f"one by one (Trainer), estimated: {estimate:.0f} s wall, {estimate_cpu:.0f} s CPU "
              f"(Trainer s/epoch over {args.sample} epochs per row x the rows' exact epochs)")
        print(f"ratio one by one / batched: {estimate / batched:.1f}x wall, "
              f"{estimate_cpu / batched_cpu:.1f}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
