"""A sweep's tasks on a Dask distributed cluster: ``backprop-lab sweep --scheduler ADDRESS``.

    pip install 'backprop-lab[cluster]'          # on this machine and on every worker
    dask scheduler                               # somewhere: prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nthreads 1     # on each machine, one per core
    backprop-lab sweep --preset lab --scheduler tcp://HOST:8786

Trials are independent, so a sweep that outgrows one machine needs no process
code of ours: the same tasks ``model.sweep_tasks`` makes for local processes
(stacks of seeded trials) go to the cluster as Dask futures, each running
``run_task`` on a worker, and come back as the same outcomes. Results are the
trials' own (seeded, exact), so the table is the one local processes give; only
wall times differ. Progress travels per finished trial through a Dask
``Queue``; Cancel (Ctrl-C) sets a Dask ``Event`` that running tasks check about
every 0.1 s, and the futures not started are cancelled.
"""
from __future__ import annotations

import importlib.util
import uuid

from backprop_lab.model.sweep_tasks import POLL, poll_tasks, run_task

INSTALL_HINT = ("--scheduler runs the sweep on a Dask cluster, which needs Dask's distributed "
                "scheduler: pip install 'backprop-lab[cluster]'")


def check_available() -> None:
    """Raise ValueError (one line, what to install) when dask.distributed is missing."""
    if importlib.util.find_spec("distributed") is None:
        raise ValueError(INSTALL_HINT)


def connect(scheduler, timeout: float = 10.0):
    """A ``distributed.Client`` for ``scheduler`` (an address such as tcp://host:8786, or a
    Client, returned as it is); raises ValueError (one line) when it cannot be reached."""
    check_available()
    from distributed import Client
    if isinstance(scheduler, Client):
        return scheduler
    try:
        return Client(str(scheduler), timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise ValueError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there "
                         f"({type(e).__name__}: {str(e).splitlines()[0] if str(e) else 'no answer'})"
                         ) from None


def cluster_threads(client) -> int:
    """Threads over all the cluster's workers (at least 1): the sweep's ``workers``."""
    return max(sum(client.nthreads().values()), 1)


def _cluster_task(task, stop_name: str, queue_name: str):
    """On a worker: run one task, telling the queue of each trial that ends."""
    from distributed import Event, Queue
    stop, queue = Event(stop_name), Queue(queue_name)
    outcomes, seconds = run_task(task, stop.is_set, lambda k: queue.put((task.id, k)))
    return task.id, outcomes, seconds


def run_on_cluster(tasks, client, cancelled, report, collect):
    """run_in_processes's contract on a Dask cluster: ``collect`` each finished task,
    ``report`` trials as they end, stop at ``cancelled()``; a task's error is raised here."""
    from distributed import Event, Queue
    name = f"backprop-lab-sweep-{uuid.uuid4().hex}"
    stop, queue = Event(name + "-stop", client=client), Queue(name + "-progress", client=client)
    futures = [client.submit(_cluster_task, t, stop.name, queue.name, key=f"{name}-{t.id}",
                             pure=False, priority=len(tasks) - i)     # largest first, as locally
               for i, t in enumerate(tasks)]
    try:
        if not poll_tasks(futures, done=lambda f: f.done(), result=lambda f: f.result(),
                          wait=_wait, drain=lambda: _drain(queue, report),
                          cancelled=cancelled, collect=collect):
            stop.set()
    finally:
        client.cancel([f for f in futures if not f.done()])
        for f in futures:
            f.release()
        queue.close()


def _wait(future):
    """Wait up to POLL seconds for a future; raises the task's error, if any."""
    try:
        future.result(timeout=POLL)
    except TimeoutError:
        pass


def _drain(queue, report):
    for task_id, k in queue.get(timeout=0, batch=True):
        report(task_id, k)
