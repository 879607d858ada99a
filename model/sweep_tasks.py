"""A sweep's work as tasks, run in this process or on a pool of worker processes.

A task is one stack of trials for ``model.batched.run_trials``: trials of one
row, or of several rows that differ only in the learning rate (the lab's four
learning rates are one 40-trial stack per data set; model/batched.py gives
each trial its own lr, exactly). A stack is cut into ``workers`` tasks, trials
dealt round-robin so the slow and fast rows mix, and the tasks go largest
first to whichever process is free, so no core idles while work is left.
"""
from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from queue import Empty
from typing import Callable

from backprop_lab.model.batched import lr_stackable, run_trials, unsupported_reason
from backprop_lab.model.config import TrainConfig

POLL = 0.05   # seconds between the parent's checks for results, progress and cancel


def as_check(cancel) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if hasattr(cancel, "is_set"):
        return cancel.is_set
    if callable(cancel):
        return cancel
    raise TypeError("cancel must be a threading.Event, a callable or None")


@dataclass(frozen=True)
class Task:
    """Trials k = 0, 1, ... of one stack: row ``rows[k]``, seed ``seeds[k]``, lr ``lrs[k]``;
    ``cfg`` is the stack's config (its lr is the first trial's)."""
    id: int
    cfg: TrainConfig
    rows: tuple[int, ...]
    seeds: tuple[int, ...]
    lrs: tuple[float, ...]
    batched: bool


def _stack_key(cfg: TrainConfig, batched: bool):
    """Configs with equal keys share a stack: the same but for lr, when batched runs them exactly."""
    if batched and lr_stackable(cfg) and unsupported_reason(cfg, _n_points(cfg)) is None:
        return dataclasses.replace(cfg, lr=1.0)
    return cfg


def _n_points(cfg: TrainConfig) -> int:
    from backprop_lab.model.trainer import make_data
    return len(make_data(cfg)[0])


def make_tasks(configs, trials, workers, batched) -> list[Task]:
    """The stacks of ``configs`` (trial i of a row uses seed cfg.seed + i), each cut into
    ``workers`` tasks (1 task per row when not batched), the presumably longest first."""
    stacks: dict = {}
    for r, cfg in enumerate(configs):
        stacks.setdefault(_stack_key(cfg, batched), []).extend(
            (r, cfg.seed + i, cfg.lr) for i in range(trials))
    tasks = []
    for trials_of_stack in stacks.values():
        cfg = configs[trials_of_stack[0][0]]
        parts = 1 if workers == 1 else min(workers, len(trials_of_stack))
        for part in range(parts):
            mine = trials_of_stack[part::parts]
            rows, seeds, lrs = (tuple(t[j] for t in mine) for j in range(3))
            tasks.append(Task(len(tasks), cfg, rows, seeds, lrs, batched))
    if workers > 1:
        tasks.sort(key=lambda t: -_cost(t))
    return [dataclasses.replace(t, id=i) for i, t in enumerate(tasks)]


def _cost(task: Task) -> float:
    """Parameters × points × budget × trials, over lr: a rough guess of a task's work
    (a small lr takes more epochs to converge), for ordering only."""
    from backprop_lab.model.network import NetworkSpec
    cfg = task.cfg
    n_params = sum(l.n_params for l in NetworkSpec.from_config(cfg).build_layers())
    return n_params * _n_points(cfg) * cfg.max_epochs * sum(1 / lr for lr in task.lrs)


def run_task(task: Task, cancelled, on_done):
    """(outcomes in the task's trial order or None when cancelled, wall seconds)."""
    start = time.perf_counter()
    outcomes = run_trials(task.cfg, task.seeds, lrs=task.lrs, batched=task.batched,
                          cancelled=cancelled, on_done=on_done)
    return outcomes, time.perf_counter() - start


_worker_stop = None     # in a worker process: the sweep's cancel Event
_worker_queue = None    # and the queue that carries (task id, trials ended) to the parent
_worker_parent = None   # the parent's pid: a worker whose parent died stops its task


def _init_worker(stop, queue):
    global _worker_stop, _worker_queue, _worker_parent
    _worker_stop, _worker_queue, _worker_parent = stop, queue, os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle (it cancels)


def _pool_task(task: Task):
    outcomes, seconds = run_task(task, lambda: _worker_stop.is_set() or os.getppid() != _worker_parent,
                                 lambda k: _worker_queue.put((task.id, k)))
    return task.id, outcomes, seconds


@contextlib.contextmanager
def _single_threaded_blas():
    """Start workers with one BLAS thread each: several processes on few cores with
    threaded BLAS on small matrices oversubscribe the cores (measured: many times slower)."""
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {k: os.environ.get(k) for k in names}
    for k in names:
        os.environ.setdefault(k, "1")
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)


def run_in_processes(tasks, workers, cancelled, report, collect):
    """Run the tasks on a 'spawn' pool of ``workers`` processes (safe from any thread,
    Qt's included); poll for results, progress and cancel every POLL seconds."""
    ctx = multiprocessing.get_context("spawn")
    stop, queue = ctx.Event(), ctx.Queue()
    with _single_threaded_blas():
        pool = ctx.Pool(workers, _init_worker, (stop, queue))
    try:
        pending = [pool.apply_async(_pool_task, (t,)) for t in tasks]
        if not poll_tasks(pending, done=lambda ar: ar.ready(), result=lambda ar: ar.get(),
                          wait=lambda ar: ar.wait(POLL), drain=lambda: _drain(queue, report),
                          cancelled=cancelled, collect=collect):
            stop.set()
    finally:
        pool.terminate()      # cancelled or done: no task is left worth waiting for
        pool.join()


def _drain(queue, report):
    while True:
        try:
            task_id, k = queue.get_nowait()
        except Empty:
            return
        report(task_id, k)


def poll_tasks(pending, *, done, result, wait, drain, cancelled, collect) -> bool:
    """The parent's loop over running tasks, for local processes and a Dask cluster alike.

    ``pending``: handles of the running tasks, each finishing with (task id, outcomes or
    None, seconds). Until none is left: ``drain()`` passes on the progress reported so far,
    a true ``cancelled()`` ends the loop at once, ``collect(task_id, outcomes, seconds)``
    takes each finished task whose outcomes are not None, and ``wait(handle)`` waits about
    POLL seconds for the first one still running. ``done(handle)`` says whether a task has
    finished, ``result(handle)`` gives its triple (raising the task's error, if any).
    Returns True when every task finished, False when cancelled (the caller stops the rest).
    """
    while pending:
        drain()
        if cancelled():
            return False
        still = []
        for handle in pending:
            if done(handle):
                task_id, outcomes, seconds = result(handle)
                if outcomes is not None:
                    collect(task_id, outcomes, seconds)
            else:
                still.append(handle)
        pending = still
        if pending:
            wait(pending[0])
    drain()                   # the progress of the last trials, sent as their tasks ended
    return True


def row_seconds(task: Task, outcomes, seconds: float) -> dict[int, float]:
    """A task's wall time shared among its rows in proportion to their trials' epochs."""
    epochs: dict[int, int] = {}
    for r, o in zip(task.rows, outcomes):
        epochs[r] = epochs.get(r, 0) + max(o.epochs, 1)
    total = sum(epochs.values())
    return {r: seconds * e / total for r, e in epochs.items()}
