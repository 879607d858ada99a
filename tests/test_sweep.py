"""Specs of the hyper-parameter sweep: grid, batched trainer, statistics, cancel, CLI."""
from __future__ import annotations

import csv
import json
import threading
import time

import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, make_data
from backprop_lab.model import cli
from backprop_lab.model.batched import (BatchedTrainer, lr_stackable, run_trials, trainer_outcome,
                                        unsupported_reason)
from backprop_lab.model.sweep import PRESETS, expand_grid, run_sweep, summarize
from backprop_lab.model.sweep_tasks import make_tasks
from backprop_lab.model.conventions import CONVENTIONS, describe as describe_convention
from backprop_lab.model import sweep_cli

SMALL = TrainConfig(hidden=(6, 6), max_epochs=800, stop_at_100=True)


def _trainer_run(cfg, seed, epochs=None):
    X, y, _, _ = make_data(cfg)
    tr = Trainer(cfg.replace(seed=seed), X, y)
    tr.run(epochs)
    return tr


# --- the grid ---------------------------------------------------------------------------------
def test_expand_grid_makes_every_combination_on_every_dataset_datasets_outermost():
    cfgs = expand_grid(SMALL, {"lr": [0.1, 0.5], "activation": ["sigmoid", "relu", "none"]},
                       ["linear", "xor-easy"])
    assert len(cfgs) == 2 * 3 * 2
    assert [c.dataset for c in cfgs] == ["linear"] * 6 + ["xor-easy"] * 6
    assert {(c.lr, c.activation) for c in cfgs[:6]} == {
        (lr, a) for lr in (0.1, 0.5) for a in ("sigmoid", "relu", "none")}
    assert all(c.hidden == SMALL.hidden and c.max_epochs == SMALL.max_epochs for c in cfgs)


def test_expand_grid_keeps_one_of_identical_configs():
    cfgs = expand_grid(SMALL, {"lr": [0.1, 0.1, 0.2], "hidden": [[3, 3], (3, 3)]}, ["xor-easy"])
    assert [(c.lr, c.hidden) for c in cfgs] == [(0.1, (3, 3)), (0.2, (3, 3))]


def test_expand_grid_rejects_values_the_config_rejects():
    with pytest.raises(ValueError, match="activation"):
        expand_grid(SMALL, {"activation": ["arctan"]}, ["linear"])


def test_lab_preset_is_the_classic_study_without_duplicate_rows():
    preset = PRESETS["lab"]
    cfgs = preset.configs()
    assert len(cfgs) == len(set(cfgs))
    for ds in ("linear", "xor-easy"):
        rows = {(c.lr, c.hidden[0], c.activation) for c in cfgs if c.dataset == ds}
        expected = ({(lr, 50, "sigmoid") for lr in (0.1, 0.05, 0.01, 0.005)}
                    | {(0.1, u, "sigmoid") for u in range(10, 101, 10)}
                    | {(0.1, 50, a) for a in ("sigmoid", "none", "relu")})
        assert rows == expected and len(expected) == 4 + 10 + 3 - 2
    assert all(len(c.hidden) == 2 and c.hidden[0] == c.hidden[1] and c.loss == "mse"
               and c.optimizer == "sgd" and c.batch_size == 0 and c.max_epochs == 100_000
               and c.stop_at_100 for c in cfgs)
    assert preset.trials == 10 and preset.axes == ("lr", "hidden", "activation")


# --- the batched trainer follows Trainer exactly ----------------------------------------------------
def test_batched_initial_weights_are_the_trainers_for_the_same_seeds():
    cfg = SMALL.replace(dataset="linear", init="he_normal")
    X, y, _, _ = make_data(cfg)
    bt = BatchedTrainer(cfg, X, y, seeds=[7, 8, 9])
    for i, seed in enumerate([7, 8, 9]):
        np.testing.assert_array_equal(bt.theta[i], Trainer(cfg.replace(seed=seed), X, y).network.theta)


@pytest.mark.parametrize("changes", [
    dict(dataset="xor-easy", hidden=(50, 50), activation="sigmoid"),
    dict(dataset="linear", hidden=(12, 5), activation="relu", loss="bce", optimizer="adam"),
    dict(dataset="linear", n_points=37, hidden=(4,), activation="tanh", optimizer="momentum",
         nesterov=True, l1=1e-3, l2=1e-2, weight_decay=0.01),
    dict(dataset="xor-easy", hidden=(), activation="none", optimizer="rmsprop"),
    dict(dataset="circle", hidden=(5, 5, 5), activation="leaky_relu", leaky_slope=0.2,
         optimizer="adagrad", dtype="float32", features=("x1", "x2", "x1*x2")),
], ids=["lab-sigmoid", "relu-bce-adam", "tanh-l1-l2-decay", "no-hidden", "float32-3-layers"])
def test_batched_weights_equal_trainer_weights_bit_for_bit(changes):
    cfg = SMALL.replace(stop_at_100=False, max_epochs=1000, **changes)
    X, y, _, _ = make_data(cfg)
    seeds, epochs = [3, 4, 5], 25
    bt = BatchedTrainer(cfg, X, y, seeds)
    bt.run_epochs(epochs)
    for i, seed in enumerate(seeds):
        np.testing.assert_array_equal(bt.theta[i], _trainer_run(cfg, seed, epochs).network.theta)


@pytest.mark.parametrize("changes", [
    dict(dataset="xor-easy", init="standard_normal"),
    dict(dataset="linear", optimizer="adam", weight_decay=0.01, l2=1e-3),
    dict(dataset="xor-easy", dtype="float32", optimizer="momentum"),
], ids=["sgd", "adam-decay-float64", "momentum-float32"])
def test_trials_with_their_own_learning_rates_in_one_stack_equal_trainer_bit_for_bit(changes):
    cfg = SMALL.replace(stop_at_100=False, **changes)
    X, y, _, _ = make_data(cfg)
    seeds, lrs = [3, 4, 3, 4], [0.1, 0.1, 0.5, 0.02]
    bt = BatchedTrainer(cfg, X, y, seeds, lrs)
    bt.run_epochs(30)
    for i, (seed, lr) in enumerate(zip(seeds, lrs)):
        np.testing.assert_array_equal(bt.theta[i], _trainer_run(cfg.replace(lr=lr), seed, 30).network.theta)


def test_learning_rates_share_a_stack_only_where_that_is_exact():
    assert lr_stackable(SMALL) and lr_stackable(SMALL.replace(dtype="float32"))
    assert not lr_stackable(SMALL.replace(dtype="float32", optimizer="adam"))
    X, y, _, _ = make_data(SMALL)
    with pytest.raises(ValueError, match="per-trial learning rates"):
        BatchedTrainer(SMALL.replace(dtype="float32", optimizer="adam"), X, y, [1, 2], [0.1, 0.2])


def test_lab_preset_runs_its_four_learning_rates_as_one_stack_per_data_set():
    cfgs = PRESETS["lab"].configs(max_epochs=10)
    tasks = make_tasks(cfgs, 10, workers=2, batched=True)
    assert sum(len(t.seeds) for t in tasks) == len(cfgs) * 10
    lr_stacks = [t for t in tasks if len(set(t.lrs)) > 1]
    assert len(lr_stacks) == 4 and {len(t.seeds) for t in lr_stacks} == {20}   # 2 halves × 2 data sets
    for t in lr_stacks:           # dealt round-robin: each half has every lr
        assert sorted(set(t.lrs)) == [0.005, 0.01, 0.05, 0.1]
    assert len(make_tasks(cfgs, 10, workers=2, batched=False)) == 2 * len(cfgs)


def test_mini_batches_and_conv_layers_are_left_to_the_trainer():
    assert unsupported_reason(SMALL.replace(batch_size=4), 21) is not None
    assert unsupported_reason(SMALL.replace(conv_kernel=2), 21) is not None
    assert unsupported_reason(SMALL.replace(batch_size=21), 21) is None
    cfg = SMALL.replace(batch_size=8, max_epochs=30, stop_at_100=False)
    outcomes = run_trials(cfg, [1, 2], batched=True)       # falls back, same answers
    assert outcomes == [trainer_outcome(_trainer_run(cfg, s), s) for s in (1, 2)]


def _sweep_configs():
    # converging and failing rows on both data sets, and one that diverges
    grid = expand_grid(SMALL.replace(n_points=40), {"lr": [0.5, 2.0], "activation": ["sigmoid", "relu"]},
                       ["linear", "xor-easy"])
    return grid + [SMALL.replace(output_activation="none", lr=5.0, max_epochs=300)]


def test_sweep_statistics_batched_equal_one_by_one_for_the_same_seeds():
    cfgs = _sweep_configs()
    batched = run_sweep(cfgs, trials=3, workers=1, batched=True)
    one_by_one = run_sweep(cfgs, trials=3, workers=1, batched=False)
    assert [r.statistics() for r in batched.rows] == [r.statistics() for r in one_by_one.rows]
    assert [r.outcomes for r in batched.rows] == [r.outcomes for r in one_by_one.rows]
    rows = batched.rows
    assert any(r.converged == 3 for r in rows) and any(r.failures == 3 for r in rows)
    assert rows[-1].diverged == 3 and rows[-1].failures == 3


def test_worker_processes_give_the_same_statistics_as_one_process():
    cfgs = _sweep_configs()[:4]
    here = run_sweep(cfgs, trials=4, workers=1)
    pooled = run_sweep(cfgs, trials=4, workers=2)
    assert [r.statistics() for r in pooled.rows] == [r.statistics() for r in here.rows]


def test_stop_at_100_off_records_the_first_100_percent_epoch_and_trains_on():
    cfg = SMALL.replace(dataset="linear", n_points=30, activation="none", lr=0.5,
                        stop_at_100=False, max_epochs=400)
    outcomes = run_trials(cfg, [0, 1, 2])
    assert outcomes == [trainer_outcome(_trainer_run(cfg, s), s) for s in (0, 1, 2)]
    assert all(o.stop_epoch is not None and o.epochs == 400 for o in outcomes)


# --- statistics --------------------------------------------------------------------------------------
def test_trials_that_run_out_of_budget_are_failures_without_stop_epochs():
    cfg = SMALL.replace(dataset="xor-easy", max_epochs=5)
    (row,) = run_sweep([cfg], trials=4, workers=1).rows
    assert (row.trials, row.converged, row.failures, row.diverged) == (4, 0, 4, 0)
    assert row.stop_mean is row.stop_median is row.stop_min is row.stop_max is None
    assert all(o.status == "max_epochs" and o.epochs == 5 for o in row.outcomes)
    assert row.accuracy_best == max(o.final_accuracy for o in row.outcomes) < 1


def test_row_statistics_are_over_the_converged_trials():
    from backprop_lab.model.batched import TrialOutcome
    outs = [TrialOutcome(0, "converged", 100, 1.0, 100), TrialOutcome(1, "converged", 300, 1.0, 300),
            TrialOutcome(2, "max_epochs", None, 0.9, 1000), TrialOutcome(3, "converged", 110, 1.0, 110)]
    row = summarize(SMALL, ["lr"], outs, seconds=2.0)
    assert (row.stop_mean, row.stop_median, row.stop_min, row.stop_max) == (170.0, 110.0, 100, 300)
    assert (row.failures, row.accuracy_mean, row.accuracy_best) == (1, 0.975, 1.0)
    assert row.seconds_per_trial == 0.5 and row.values == (("lr", SMALL.lr),)


def test_progress_counts_up_to_every_trial():
    seen = []
    run_sweep(_sweep_configs()[:2], trials=3, workers=1, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (6, 6) and all(t == 6 for _, t in seen)
    assert [d for d, _ in seen] == sorted(set(d for d, _ in seen))


@pytest.mark.parametrize("workers", [1, 2])
def test_each_row_is_reported_as_soon_as_its_trials_end(workers):
    cfgs = _sweep_configs()[:4]
    progress_when_reported, reported = [], []
    done = [0]

    def on_row(row):
        reported.append(row)
        progress_when_reported.append(done[0])

    result = run_sweep(cfgs, trials=3, workers=workers, on_row=on_row,
                       progress=lambda d, t: done.__setitem__(0, d))
    assert sorted((r.statistics() for r in reported), key=lambda s: cfgs.index(s[0])) == \
        [r.statistics() for r in result.rows]
    assert len(reported) == len(cfgs)
    if workers == 1:     # (with processes, every trial may end within one poll of the results)
        # rows 0 and 2 differ only in lr: one stack of 6 trials, reported as soon as it ended
        assert progress_when_reported[:2] == [6, 6]
        assert [r.config for r in reported[:2]] == [cfgs[0], cfgs[2]]


def test_a_cancelled_sweep_has_reported_exactly_the_rows_it_returns():
    cfgs = [SMALL.replace(dataset="linear", n_points=20, max_epochs=20),
            SMALL.replace(dataset="xor-easy", hidden=(30, 30), max_epochs=10_000_000, lr=0.01)]
    reported = []
    stop = threading.Event()

    def on_row(row):
        reported.append(row)
        stop.set()                                      # cancel once the quick row is in

    result = run_sweep(cfgs, trials=2, workers=1, on_row=on_row, cancel=stop)
    assert result.cancelled and [r.config for r in reported] == [cfgs[0]]
    assert result.rows == tuple(reported)


# --- cancel --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_stops_a_long_sweep_promptly(workers):
    cfgs = [SMALL.replace(dataset="xor-easy", hidden=(30, 30), max_epochs=10_000_000, lr=lr)
            for lr in (0.01, 0.02)]
    stop, out = threading.Event(), {}
    started = threading.Event()
    thread = threading.Thread(target=lambda: out.setdefault(
        "r", run_sweep(cfgs, trials=2, workers=workers, cancel=stop,
                       progress=lambda d, t: None)))
    thread.start()
    time.sleep(2.0 if workers > 1 else 0.5)   # worker processes take a moment to start
    t0 = time.perf_counter()
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert time.perf_counter() - t0 < 1.0
    assert out["r"].cancelled and out["r"].rows == ()


def test_cancel_may_be_a_callable():
    deadline = time.perf_counter() + 0.3
    cfg = SMALL.replace(max_epochs=10_000_000, lr=0.01)
    result = run_sweep([cfg], trials=2, workers=1, cancel=lambda: time.perf_counter() > deadline)
    assert result.cancelled and time.perf_counter() - deadline < 0.5


# --- physics --------------------------------------------------------------------------------------------
def test_without_activation_xor_easy_never_converges_but_linear_does():
    # a net with no activation is a linear map: it separates the linear set (within
    # ~1400 epochs for these seeds, so 3000 is safe) and can never separate XOR-easy
    # (small xavier weights: with the lab's N(0, 1) a 50-50 linear map can saturate the
    # sigmoid output and stall; the lab study's table has 4 of 10 such trials)
    lab = PRESETS["lab"].base.replace(activation="none", init="xavier_uniform", max_epochs=3000)
    linear, xor = run_sweep(expand_grid(lab, {}, ["linear", "xor-easy"]), trials=3, workers=1).rows
    assert linear.converged == 3 and linear.stop_max < 3000
    assert xor.failures == 3 and xor.accuracy_best < 1


# --- the command line ------------------------------------------------------------------------------------
ARGS = ["sweep", "--dataset", "linear", "xor-easy", "--lr", "0.05", "2", "--hidden", "4",
        "--activation", "sigmoid", "none", "--trials", "2", "--epochs", "300", "--points", "30",
        "--workers", "1"]


def _markdown_rows(text):
    lines = [l for l in text.splitlines() if l.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    return [dict(zip(header, (c.strip() for c in l.strip("|").split("|")))) for l in lines[2:]]


def test_cli_prints_a_markdown_row_per_combination(capsys):
    assert cli.main(ARGS) == 0
    rows = _markdown_rows(capsys.readouterr().out)
    assert len(rows) == 2 * 2 * 2
    assert {(r["dataset"], r["lr"], r["activation"]) for r in rows} == {
        (d, lr, a) for d in ("linear", "xor-easy") for lr in ("0.05", "2") for a in ("sigmoid", "none")}
    assert all(r["hidden"] == "4-4" and r["trials"] == "2" for r in rows)


@pytest.mark.parametrize("ext", ["csv", "md", "json"])
def test_cli_writes_a_table_that_parses_back(tmp_path, capsys, ext):
    path = tmp_path / f"results.{ext}"
    assert sweep_cli.main(ARGS[1:] + ["--layers", "1", "--out", str(path)]) == 0
    printed = _markdown_rows(capsys.readouterr().out)
    text = path.read_text()
    if ext == "csv":
        rows = list(csv.DictReader(text.splitlines()))
    elif ext == "md":
        rows = _markdown_rows(text)
    else:
        rows = json.loads(text)["rows"]
        assert all(len(r["trial_outcomes"]) == 2 for r in rows)
    assert len(rows) == len(printed) == 8
    for got, shown in zip(rows, printed):
        assert str(got["hidden"]) == shown["hidden"] == "4"
        assert float(got["lr"]) == float(shown["lr"]) and shown["lr"] in ("0.05", "2")
        assert int(got["failures"]) == int(shown["failures"])
        assert int(got["converged"]) + int(got["failures"]) == 2


@pytest.mark.parametrize("bad", [["--activation", "arctan"], ["--lr", "fast"], ["--lr", "-1"],
                                 ["--preset", "lab", "--lr", "0.1"], ["--out", "table.txt"],
                                 ["--vary", "colour", "red"], ["--dataset", "moons"]])
def test_cli_bad_values_are_one_line_errors_with_exit_code_2(capsys, bad):
    assert cli.main(["sweep", "--epochs", "5", "--trials", "1", *bad]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error" in err


def test_cli_preset_lab_expands_to_the_preset_rows():
    args = cli.build_parser().parse_args(["sweep", "--preset", "lab", "--epochs", "10"])
    configs, axes, trials = sweep_cli.grid_from_args(args)
    assert configs == PRESETS["lab"].configs(max_epochs=10)
    assert (axes, trials) == (("lr", "hidden", "activation"), 10)


def test_lab_preset_uses_the_lab_convention_and_the_table_says_so(capsys):
    cfgs = PRESETS["lab"].configs()
    assert all(c.init == "standard_normal" and c.batch_size == 0 and c.loss == "mse"
               and c.output_activation == "sigmoid" and c.optimizer == "sgd" for c in cfgs)
    assert describe_convention(cfgs, PRESETS["lab"].axes).startswith("lab convention: W ~ N(0, 1)")
    assert "no named convention" in describe_convention([c.replace(init="xavier_uniform") for c in cfgs])
    assert CONVENTIONS["lab"].apply(TrainConfig(loss="bce", init="he_normal", batch_size=8)) == \
        TrainConfig(init="standard_normal")
    code = sweep_cli.main(["--dataset", "xor-easy", "--hidden", "4", "--init", "standard_normal",
                           "--trials", "1", "--epochs", "5", "--workers", "1"])
    assert code == 0 and capsys.readouterr().out.startswith("lab convention: W ~ N(0, 1)")


def test_standard_normal_trains_the_lab_network_much_faster_than_xavier_on_xor_easy():
    """The reason the lab preset uses the lab's init: 50-50 sigmoid units, lr 0.1."""
    lab = PRESETS["lab"].base.replace(dataset="xor-easy", max_epochs=6000)
    fast = run_trials(lab, [42, 43])
    slow = run_trials(lab.replace(init="xavier_uniform"), [42, 43])
    assert all(o.status == "converged" for o in fast)
    assert all(o.status == "max_epochs" for o in slow)
