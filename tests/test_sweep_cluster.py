"""Specs of `sweep --scheduler`: the same trials on a Dask distributed cluster.

A LocalCluster in this process, on loopback only, stands in for a real one.
"""
from __future__ import annotations

import importlib.util
import threading
import time

import pytest

from backprop_lab.model import sweep_cli, sweep_cluster
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.sweep import expand_grid, run_sweep

needs_dask = pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                reason="dask.distributed is not installed (the cluster extra)")
SMALL = TrainConfig(hidden=(6, 6), max_epochs=800, stop_at_100=True)


def _configs():
    # converging and failing rows on both data sets; rows that differ in lr share a stack
    return expand_grid(SMALL.replace(n_points=40), {"lr": [0.5, 2.0], "activation": ["sigmoid", "none"]},
                       ["linear", "xor-easy"])


def _without_times(result):
    return [{k: v for k, v in rec.items() if k != "seconds_per_trial"} for rec in result.records()]


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                      host="127.0.0.1", dashboard_address=":0") as c:
        yield c


@needs_dask
def test_a_cluster_gives_the_table_of_local_processes(cluster):
    cfgs = _configs()
    local = run_sweep(cfgs, trials=3, workers=2)
    seen, rows = [], []
    remote = run_sweep(cfgs, trials=3, scheduler=cluster.scheduler_address,
                       progress=lambda d, t: seen.append((d, t)), on_row=rows.append)
    assert not remote.cancelled
    assert _without_times(remote) == _without_times(local)
    assert [r.outcomes for r in remote.rows] == [r.outcomes for r in local.rows]
    assert any(r.converged == 3 for r in remote.rows) and any(r.failures == 3 for r in remote.rows)
    assert seen[-1] == (len(cfgs) * 3, len(cfgs) * 3)
    assert len(rows) == len(cfgs) and {r.config for r in rows} == set(cfgs)


@needs_dask
def test_cancel_stops_the_clusters_tasks_promptly_and_frees_its_workers(cluster):
    long = [SMALL.replace(dataset="xor-easy", hidden=(30, 30), max_epochs=10_000_000, lr=lr)
            for lr in (0.01, 0.02)]
    stop, out = threading.Event(), {}
    thread = threading.Thread(target=lambda: out.setdefault(
        "r", run_sweep(long, trials=2, scheduler=cluster.scheduler_address, cancel=stop)))
    thread.start()
    time.sleep(1.5)
    t0 = time.perf_counter()
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive() and time.perf_counter() - t0 < 2.0   # (the client's goodbye included)
    assert out["r"].cancelled and out["r"].rows == ()
    # the running tasks saw the cancel: the workers are free for the next sweep at once
    t0 = time.perf_counter()
    quick = run_sweep(_configs()[:1], trials=2, scheduler=cluster.scheduler_address)
    assert not quick.cancelled and len(quick.rows) == 1
    assert time.perf_counter() - t0 < 10


@needs_dask
def test_cli_scheduler_prints_the_same_table_as_local_processes(cluster, capsys):
    args = ["sweep", "--dataset", "linear", "xor-easy", "--lr", "0.5", "2", "--hidden", "4",
            "--trials", "2", "--epochs", "500", "--seed", "7"]
    assert sweep_cli.main(args[1:] + ["--workers", "2"]) == 0
    local = capsys.readouterr().out
    assert sweep_cli.main(args[1:] + ["--scheduler", cluster.scheduler_address]) == 0
    remote = capsys.readouterr().out

    def table(text):   # the rows less their wall time (last column), and no timing line
        return [line.rsplit("|", 2)[0] for line in text.splitlines() if line.startswith("|")]
    assert table(remote) == table(local) and len(table(local)) == 2 + 4


@needs_dask
def test_an_unreachable_scheduler_is_a_one_line_error(capsys):
    assert sweep_cli.main(["--trials", "1", "--epochs", "10", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach a Dask scheduler" in err[0]


def test_without_dask_the_option_says_what_to_install(monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "distributed" else real(name, *a))
    assert sweep_cli.main(["--trials", "1", "--epochs", "10", "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install 'backprop-lab[cluster]'" in err[0]
    with pytest.raises(ValueError, match=r"backprop-lab\[cluster\]"):
        sweep_cluster.check_available()
