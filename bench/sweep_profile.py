"""Where the lab study's time goes: per row, per task, and whether the workers idle.

    .venv/bin/python bench/sweep_profile.py                 # lab preset, 2 workers (~7 min)
    .venv/bin/python bench/sweep_profile.py --epochs 20000  # quicker, a different study

Runs the lab preset's tasks as ``run_sweep`` does (the same tasks from
``model.sweep_tasks.make_tasks``, largest first, on a 'spawn' pool of one-thread
workers) and records each task's wall and CPU time and when it came back. CPU
time is what the figures per row use: on a shared machine a worker's wall time
also counts the other processes that ran meanwhile. Prints:

- per row: its trial-epochs, its share of the tasks' CPU time, µs per trial-epoch,
  and the arithmetic one trial-epoch must do (multiply-adds and sigmoid ``exp``
  values, counted as bench/sweep_floor.py counts them), so a row that is slow
  for its arithmetic stands out from one that simply has much of it;
- the workers' use: the tasks' summed wall time over workers × wall, and how
  long the last task ran alone at the end (a worker idle meanwhile);
- the CPU time of the workers, against their wall time (other processes on a
  shared machine take the rest).
"""
from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # before NumPy loads
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sweep_floor import epoch_counts                                     # noqa: E402

from backprop_lab.model.sweep import PRESETS                            # noqa: E402
from backprop_lab.model.sweep_tasks import make_tasks, row_seconds, run_task  # noqa: E402
from backprop_lab.model.trainer import make_data                        # noqa: E402


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_task(task):
    """In a worker: (task id, outcomes, wall seconds, CPU seconds) of one task."""
    cpu = time.process_time()
    outcomes, wall = run_task(task, lambda: False, lambda k: None)
    return task.id, outcomes, wall, time.process_time() - cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=100_000)
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--json", help="also write the per-task and per-row figures here")
    args = ap.parse_args()

    preset = PRESETS["lab"]
    configs = preset.configs(max_epochs=args.epochs)
    tasks = make_tasks(configs, args.trials, args.workers, True)
    print(f"lab preset: {len(configs)} rows x {args.trials} trials, budget {args.epochs}, "
          f"{len(tasks)} tasks on {args.workers} workers; load {os.getloadavg()[0]:.2f}", flush=True)
    done: dict[int, tuple] = {}
    start, cpu0 = time.perf_counter(), children_cpu()
    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        for task_id, outcomes, seconds, cpu_s in pool.imap_unordered(timed_task, tasks, chunksize=1):
            done[task_id] = (outcomes, cpu_s, time.perf_counter() - start, seconds)
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu0

    per_row: dict[int, dict] = {}
    for t in tasks:
        outcomes, seconds, _, _ = done[t.id]
        shares = row_seconds(t, outcomes, seconds)
        for r, o in zip(t.rows, outcomes):
            rec = per_row.setdefault(r, {"trial_epochs": 0, "seconds": 0.0, "tasks": set()})
            rec["trial_epochs"] += o.epochs
            rec["tasks"].add(t.id)
        for r, s in shares.items():
            per_row[r]["seconds"] += s
    print("\n| dataset | lr | hidden | activation | n | trial-epochs | CPU s | CPU µs / trial-epoch "
          "| MACs / trial-epoch | exp / trial-epoch |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
    for r in sorted(per_row, key=lambda r: -per_row[r]["seconds"]):
        cfg, rec = configs[r], per_row[r]
        n = len(make_data(cfg)[0])
        macs, exps = epoch_counts(cfg, n)
        us = 1e6 * rec["seconds"] / max(rec["trial_epochs"], 1)
        print(f"| {cfg.dataset} | {cfg.lr:g} | {'-'.join(map(str, cfg.hidden))} | {cfg.activation} | {n} "
              f"| {rec['trial_epochs']:,} | {rec['seconds']:.1f} | {us:.0f} | {macs:,} | {exps:,} |")
    task_sum = sum(w for _, _, _, w in done.values())
    task_cpu = sum(c for _, c, _, _ in done.values())
    ends = sorted(end for _, _, end, _ in done.values())
    alone = ends[-1] - ends[-2] if len(ends) > 1 else 0.0
    print(f"\nwall {wall:.1f} s; tasks' summed wall {task_sum:.1f} s = {task_sum / (args.workers * wall):.0%} "
          f"of {args.workers} workers x wall; the last task ran alone for the final {alone:.1f} s")
    print(f"tasks' CPU {task_cpu:.1f} s; workers' CPU {cpu:.1f} s = {cpu / (args.workers * wall):.0%} of {args.workers} x wall; "
          f"load after {os.getloadavg()[0]:.2f}")
    total_epochs = sum(rec["trial_epochs"] for rec in per_row.values())
    print(f"{total_epochs:,} trial-epochs")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "wall": wall, "cpu": cpu, "workers": args.workers,
            "tasks": [{"id": t.id, "rows": list(t.rows), "trials": len(t.seeds),
                       "cpu": done[t.id][1], "ended_at": done[t.id][2], "wall": done[t.id][3]}
                      for t in tasks],
            "rows": [{"dataset": configs[r].dataset, **{a: str(getattr(configs[r], a)) for a in preset.axes},
                      "trial_epochs": rec["trial_epochs"], "cpu": rec["seconds"]}
                     for r, rec in sorted(per_row.items())]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
