"""Hyper-parameter sweeps: a grid of TrainConfigs × data sets × seeded trials.

The lab's closing study: for each setting (learning rate, hidden units,
activation, ...) train N trials from different initial weights (trial i uses
``seed = cfg.seed + i``) until 100% training accuracy or the epoch budget
(``cfg.max_epochs``), and report per setting the stop epochs of the trials
that converged, the failures, and the final accuracies::

    cfgs = expand_grid(TrainConfig(max_epochs=5000), {"lr": [0.1, 0.5]}, ["linear", "xor-easy"])
    result = run_sweep(cfgs, trials=10, axes=["lr"], progress=print)
    for row in result.rows: print(row.record())

Full-batch dense configs run their trials together (``backprop_lab.model.batched``;
rows that differ only in lr share one stack), the rest with ``Trainer`` one by
one; the stacks are spread over worker processes (``backprop_lab.model.sweep_tasks``)
or, with ``scheduler=``, over a Dask cluster (``backprop_lab.model.sweep_cluster``).
Either way the statistics are the same for the same configs and seeds (see
model/batched.py for the exact guarantee); only the wall times differ.
"""
from __future__ import annotations

import itertools
import math
import os
import statistics
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from backprop_lab.model import sweep_cluster
from backprop_lab.model.batched import TrialOutcome
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.conventions import CONVENTIONS
from backprop_lab.model.sweep_tasks import as_check, make_tasks, row_seconds, run_in_processes, run_task


# --- the grid ----------------------------------------------------------------------------
def expand_grid(base_cfg: TrainConfig, axes: dict[str, Sequence], datasets: Sequence[str]
                ) -> list[TrainConfig]:
    """Every combination of the axis values (TrainConfig field -> values) on every
    data set, as validated configs: data sets outermost, then the axes in the
    order given, the last varying fastest. Identical configs appear once."""
    names = list(axes)
    out, seen = [], set()
    for ds in datasets:
        for values in itertools.product(*(axes[k] for k in names)):
            changes = dict(zip(names, values), dataset=ds)
            if "hidden" in changes:
                changes["hidden"] = tuple(int(h) for h in changes["hidden"])
            cfg = base_cfg.replace(**changes)
            if cfg not in seen:
                seen.add(cfg)
                out.append(cfg)
    return out


@dataclass(frozen=True)
class Preset:
    """A named sweep: the union of several grids over the same base config.

    grids: each a tuple of (field, values) pairs, expanded with expand_grid;
    axes: the fields that name a row in the table.
    """
    name: str
    description: str
    base: TrainConfig
    grids: tuple
    datasets: tuple[str, ...]
    trials: int = 10

    @property
    def axes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for grid in self.grids for k, _ in grid))

    def configs(self, **overrides) -> list[TrainConfig]:
        """The rows (duplicates across grids removed), data set by data set;
        ``overrides`` change the base config (e.g. max_epochs=1000)."""
        base = self.base.replace(**overrides) if overrides else self.base
        out = []
        for ds in self.datasets:
            for grid in self.grids:
                out += expand_grid(base, dict(grid), [ds])
        return list(dict.fromkeys(out))


PRESETS: dict[str, Preset] = {
    "lab": Preset(
        "lab",
        "the lab's study: learning rate 0.1/0.05/0.01/0.005 at 50 units; 10..100 units "
        "at lr 0.1; sigmoid/none/relu at lr 0.1 and 50 units (two hidden layers, the lab "
        "convention: W ~ N(0, 1), full batch, MSE, sigmoid, SGD; budget 100 000 epochs, 10 trials)",
        CONVENTIONS["lab"].apply(TrainConfig(hidden=(50, 50), lr=0.1, max_epochs=100_000,
                                             stop_at_100=True)),
        (
            (("lr", (0.1, 0.05, 0.01, 0.005)),),
            (("hidden", tuple((u, u) for u in range(10, 101, 10))),),
            (("activation", ("sigmoid", "none", "relu")),),
        ),
        ("linear", "xor-easy"),
    ),
}


# --- one row of results ---------------------------------------------------------------------
def _format_value(value):
    """Table text of an axis value: hidden (50, 50) -> "50-50"."""
    if isinstance(value, tuple):
        return "-".join(map(str, value)) or "none"
    return value


@dataclass(frozen=True)
class SweepRow:
    """Statistics of one config's trials.

    Stop epochs (first epoch at 100% training accuracy) are over the trials
    that converged, None when none did; failures = trials that did not
    converge within the budget (diverged ones included, also counted in
    ``diverged``); accuracies are final training accuracies in [0, 1] (mean
    over the trials, and the best trial's); seconds_per_trial is wall time.
    """
    config: TrainConfig
    values: tuple                  # ((axis, value), ...) naming the row
    trials: int
    converged: int
    stop_mean: float | None
    stop_median: float | None
    stop_min: int | None
    stop_max: int | None
    failures: int
    diverged: int
    accuracy_mean: float
    accuracy_best: float
    seconds_per_trial: float
    outcomes: tuple[TrialOutcome, ...] = field(repr=False, default=())

    @property
    def dataset(self) -> str:
        return self.config.dataset

    def statistics(self) -> tuple:
        """Everything but the wall time: equal for equal configs and seeds."""
        return (self.config, self.values, self.trials, self.converged, self.stop_mean,
                self.stop_median, self.stop_min, self.stop_max, self.failures,
                self.diverged, self.accuracy_mean, self.accuracy_best)

    def record(self) -> dict:
        """One flat dict for tables: dataset, the axis values, then the statistics."""
        d = {"dataset": self.dataset}
        d.update((k, _format_value(v)) for k, v in self.values)
        d.update(trials=self.trials, converged=self.converged, stop_mean=self.stop_mean,
                 stop_median=self.stop_median, stop_min=self.stop_min, stop_max=self.stop_max,
                 failures=self.failures, diverged=self.diverged,
                 accuracy_mean=self.accuracy_mean, accuracy_best=self.accuracy_best,
                 seconds_per_trial=self.seconds_per_trial)
        return d


COLUMNS = ("trials", "converged", "stop_mean", "stop_median", "stop_min", "stop_max",
           "failures", "diverged", "accuracy_mean", "accuracy_best", "seconds_per_trial")


def summarize(cfg: TrainConfig, axes: Sequence[str], outcomes: Sequence[TrialOutcome],
              seconds: float) -> SweepRow:
    """The SweepRow of ``cfg`` from its trials' outcomes and their total wall time."""
    stops = [o.stop_epoch for o in outcomes if o.stop_epoch is not None]
    acc = [o.final_accuracy for o in outcomes]
    n = len(outcomes)
    return SweepRow(
        config=cfg, values=tuple((k, getattr(cfg, k)) for k in axes), trials=n,
        converged=len(stops),
        stop_mean=statistics.fmean(stops) if stops else None,
        stop_median=float(statistics.median(stops)) if stops else None,
        stop_min=min(stops) if stops else None, stop_max=max(stops) if stops else None,
        failures=n - len(stops), diverged=sum(o.status == "diverged" for o in outcomes),
        accuracy_mean=math.fsum(acc) / n if n else math.nan,
        accuracy_best=max(acc) if acc else math.nan,
        seconds_per_trial=seconds / n if n else math.nan, outcomes=tuple(outcomes))


@dataclass(frozen=True)
class SweepResult:
    """rows: one per config that finished (all of them unless cancelled), in config order."""
    rows: tuple[SweepRow, ...]
    axes: tuple[str, ...]
    trials: int
    cancelled: bool
    seconds: float

    def records(self) -> list[dict]:
        return [row.record() for row in self.rows]


def axes_of(configs: Sequence[TrainConfig]) -> tuple[str, ...]:
    """The TrainConfig fields (besides dataset) whose values differ between configs."""
    if not configs:
        return ()
    first = configs[0].to_dict()
    return tuple(k for k in first if k != "dataset"
                 and any(c.to_dict()[k] != first[k] for c in configs[1:]))


def run_sweep(configs: Sequence[TrainConfig], trials: int = 10, *, axes: Sequence[str] | None = None,
              workers: int | None = None, batched: bool = True, scheduler=None,
              progress: Callable[[int, int], None] | None = None,
              cancel=None, on_row: Callable[[SweepRow], None] | None = None) -> SweepResult:
    """Train ``trials`` seeded trials of every config and summarise each.

    configs: one per row; each one's ``seed`` is the base seed (trial i uses
    seed + i), ``max_epochs`` the budget and ``stop_at_100`` the stop rule.
    axes: fields shown per row (default: those that differ between configs).
    workers: processes (default os.cpu_count(); 1 = in this process).
    batched: False runs every trial with Trainer one by one (for checks and timing).
    scheduler: a Dask scheduler's address (or a distributed.Client) to run the tasks on
    instead of local processes (model/sweep_cluster.py); workers then defaults to the
    cluster's threads.
    progress(done_trials, total_trials): called from this thread as trials end.
    cancel: a threading.Event or a callable returning True to stop; checked
    at least every ~0.1 s, the sweep then returns the rows already complete
    with ``cancelled`` True.
    on_row(row): called from this thread with each SweepRow as soon as the tasks
    holding its trials have ended (rows that differ only in lr share them, so
    they arrive together; in the order rows finish, not config order), for
    showing results while a long sweep runs. A row's seconds_per_trial is its
    share of its tasks' wall time, in proportion to its trials' epochs.
    """
    configs = [c.validated() for c in configs]
    if trials < 1:
        raise ValueError(f"trials must be at least 1, got {trials}")
    axes = axes_of(configs) if axes is None else tuple(axes)
    cancelled = as_check(cancel)
    client = None
    if scheduler is not None:
        client = sweep_cluster.connect(scheduler)
        if workers is None:
            workers = sweep_cluster.cluster_threads(client)
    workers = (os.cpu_count() or 1) if workers is None else max(int(workers), 1)
    tasks = make_tasks(configs, trials, workers, batched)
    workers = min(workers, len(tasks))
    total = len(configs) * trials
    done_by_task = [0] * len(tasks)
    results: dict[int, list] = {}
    done_rows: dict[int, SweepRow] = {}
    tasks_of_row: dict[int, set] = {}
    for t in tasks:
        for r in t.rows:
            tasks_of_row.setdefault(r, set()).add(t.id)
    shown = [0]

    def tell():
        done = sum(done_by_task)
        if progress is not None and done != shown[0]:
            shown[0] = done
            progress(done, total)

    def report(task_id, k):
        if task_id not in results:    # else a late message about a task already collected
            done_by_task[task_id] += k
            tell()

    def collect(task_id, outcomes, seconds):
        task = tasks[task_id]
        results[task_id] = [outcomes, row_seconds(task, outcomes, seconds)]
        done_by_task[task_id] = len(task.seeds)
        tell()
        for r in dict.fromkeys(task.rows):
            mine = tasks_of_row[r]
            if not all(i in results for i in mine):
                continue
            outcomes = sorted((o for i in mine for row, o in zip(tasks[i].rows, results[i][0])
                               if row == r), key=lambda o: o.seed)
            done_rows[r] = summarize(configs[r], axes, outcomes, sum(results[i][1][r] for i in mine))
            if on_row is not None:
                on_row(done_rows[r])

    start = time.perf_counter()
    if client is not None:
        try:
            sweep_cluster.run_on_cluster(tasks, client, cancelled, report, collect)
        finally:
            if client is not scheduler:
                client.close()
    elif workers == 1:
        for t in tasks:
            if cancelled():
                break
            outcomes, seconds = run_task(t, cancelled, lambda k, i=t.id: report(i, k))
            if outcomes is None:
                break
            collect(t.id, outcomes, seconds)
    else:
        run_in_processes(tasks, workers, cancelled, report, collect)

    rows = tuple(done_rows[r] for r in sorted(done_rows))
    return SweepResult(rows, axes, trials, len(results) < len(tasks), time.perf_counter() - start)
