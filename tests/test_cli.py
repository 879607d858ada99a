"""`backprop-lab train`: options parse into TrainConfig, training prints the lab's
epoch lines and per-sample table, and exit codes say what happened."""
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from backprop_lab.gui import launcher
from backprop_lab.model import TrainConfig, activations, cli, datasets, make_data, optimizers

REPO_ROOT = Path(__file__).resolve().parent.parent
EPOCH_LINE = re.compile(r"^epoch\s+(\d+)\s+loss\s+(\S+)\s+accuracy\s+(\S+)%")
TABLE_ROW = re.compile(r"^\s*(\d+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+([01])\s+(\S+)\s+([01])\s+([✓✗])$")
FINAL_ACCURACY = re.compile(r"^final accuracy ([\d.]+)% \((\d+)/(\d+) correct")

# A short run on few points that stops well short of 100% accuracy.
SHORT_RUN = ["train", "--dataset", "linear", "--points", "30", "--epochs", "40",
             "--log-every", "10", "--seed", "3"]


def run_cli(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def epoch_numbers(lines):
    return [int(m.group(1)) for m in map(EPOCH_LINE.match, lines) if m]


def table_rows(lines):
    return [m.groups() for m in map(TABLE_ROW.match, lines) if m]


# --- options → TrainConfig -------------------------------------------------------------
def parse_config(*argv):
    return cli.config_from_args(cli.build_parser().parse_args(["train", *argv]))


def test_no_options_give_the_default_config():
    assert parse_config() == TrainConfig()


def test_options_land_in_their_config_fields():
    cfg = parse_config("--dataset", "circle", "--points", "50", "--noise", "0.2",
                       "--hidden", "8", "3", "--activation", "tanh", "--optimizer", "adam",
                       "--lr", "0.01", "--epochs", "123", "--batch-size", "16",
                       "--features", "x1", "x2", "x1*x2", "--no-bias", "--amsgrad",
                       "--no-stop-at-100", "--seed", "7", "--dtype", "float32")

    assert cfg == TrainConfig().replace(
        dataset="circle", n_points=50, noise=0.2, hidden=(8, 3), activation="tanh",
        optimizer="adam", lr=0.01, max_epochs=123, batch_size=16,
        features=("x1", "x2", "x1*x2"), bias=False, amsgrad=True, stop_at_100=False,
        seed=7, dtype="float32")


def test_hidden_without_values_means_no_hidden_layer(capsys):
    assert parse_config("--hidden").hidden == ()

    code, out, _ = run_cli(capsys, "train", "--hidden", "--dataset", "linear", "--points", "4",
                           "--epochs", "2")
    assert code == 0
    assert "Network(2 → 1," in out[0]


def test_an_example_is_the_base_config_and_other_options_change_it(capsys):
    from backprop_lab.model.examples import EXAMPLES
    assert parse_config("--example", "vanishing-gradients") == EXAMPLES["vanishing-gradients"].config
    assert parse_config("--example", "vanishing-gradients", "--activation", "relu") == \
        EXAMPLES["vanishing-gradients"].config.replace(activation="relu")

    code, out, _ = run_cli(capsys, "train", "--example", "no-activation", "--epochs", "5")
    assert code == 0
    assert out[0] == "no-activation: Hidden layers without an activation"   # the lesson first
    assert "none/sigmoid" in next(line for line in out if line.startswith("training "))


def test_examples_lists_every_lesson_by_name(capsys):
    from backprop_lab.model.examples import EXAMPLES
    code, out, _ = run_cli(capsys, "examples")
    assert code == 0
    assert [line.split(":")[0] for line in out if line and not line.startswith(" ")] == list(EXAMPLES)


def test_a_reader_that_leaves_early_is_no_error():
    # `backprop-lab examples | head -1`: the pipe closes before the output is written
    proc = subprocess.Popen([sys.executable, "-m", "model", "examples"], cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_xor_easy_may_be_spelled_with_an_underscore():
    assert parse_config("--dataset", "xor_easy").dataset == "xor-easy"


# --- exit codes and one-line errors ------------------------------------------------------
def test_a_finished_run_exits_0(capsys):
    code, out, err = run_cli(capsys, *SHORT_RUN)

    assert code == 0, err
    assert err == ""          # no progress bar when stderr is not a terminal


@pytest.mark.parametrize(("option", "registry"), [
    ("--dataset", datasets.DATASETS),
    ("--activation", activations.ACTIVATIONS),
    ("--optimizer", optimizers.OPTIMIZERS),
])
def test_an_unknown_name_exits_2_with_one_line_listing_the_valid_ones(capsys, option, registry):
    code, out, err = run_cli(capsys, "train", option, "foo")

    assert code == 2
    assert out == []
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("backprop-lab: error:") and "'foo'" in err
    for name in registry:
        assert name in err


def test_an_invalid_config_exits_2_with_one_line_naming_the_option(capsys):
    code, out, err = run_cli(capsys, "train", "--loss", "bce", "--output-activation", "tanh")

    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("backprop-lab: error: --loss:")


def test_an_out_of_range_value_exits_2(capsys):
    code, _, err = run_cli(capsys, "train", "--lr", "-1")

    assert code == 2
    assert err.strip().startswith("backprop-lab: error: --lr:")


def test_divergence_exits_3_with_the_trainers_message(capsys):
    # relu with a linear output and a huge step: the loss grows without bound
    code, out, err = run_cli(capsys, "train", "--dataset", "linear", "--points", "20",
                             "--activation", "relu", "--output-activation", "none",
                             "--loss", "mse", "--lr", "1000", "--epochs", "1000")

    assert code == 3
    assert "diverged at epoch" in err
    assert any(line.startswith("did not reach 100% within") for line in out)


def test_help_returns_0_and_prints_usage(capsys):
    code, out, _ = run_cli(capsys, "train", "--help")

    assert code == 0
    assert "usage" in "\n".join(out).lower() and "--log-every" in "\n".join(out)


# --- what a run prints ------------------------------------------------------------------
def test_the_table_has_one_row_per_sample_with_the_data_sets_targets(capsys):
    code, out, _ = run_cli(capsys, *SHORT_RUN)
    X, y, _, _ = make_data(TrainConfig(dataset="linear", n_points=30))

    rows = table_rows(out)
    assert [int(r[0]) for r in rows] == list(range(30))
    np.testing.assert_allclose([[float(r[1]), float(r[2])] for r in rows], X, atol=5e-5)
    assert [int(r[3]) for r in rows] == y.ravel().astype(int).tolist()


def test_each_row_marks_whether_its_prediction_matches_its_target(capsys):
    _, out, _ = run_cli(capsys, *SHORT_RUN)

    for _, _, _, target, p, predicted, mark in table_rows(out):
        assert int(predicted) == int(float(p) > 0.5)
        assert mark == ("✓" if predicted == target else "✗")


def test_the_tick_count_agrees_with_the_printed_final_accuracy(capsys):
    _, out, _ = run_cli(capsys, *SHORT_RUN)

    ticks = sum(r[-1] == "✓" for r in table_rows(out))
    (final,) = [m for m in map(FINAL_ACCURACY.match, out) if m]
    percent, correct, n = float(final.group(1)), int(final.group(2)), int(final.group(3))
    assert 0 < ticks < 30, "the short run should leave some points wrong"
    assert (correct, n) == (ticks, 30)
    assert percent == pytest.approx(100 * ticks / 30, abs=0.005)


@pytest.mark.parametrize(("log_every", "expected"), [
    (10, [1, 10, 20, 30, 40]),
    (15, [1, 15, 30, 40]),      # the last epoch is always shown
    (0, [1, 40]),
])
def test_log_every_sets_which_epoch_lines_are_printed(capsys, log_every, expected):
    argv = [a for a in SHORT_RUN]
    argv[argv.index("--log-every") + 1] = str(log_every)

    _, out, _ = run_cli(capsys, *argv)

    assert epoch_numbers(out) == expected


def test_a_converged_run_ends_with_its_stop_epoch(capsys):
    argv = ["train", "--dataset", "gaussian", "--points", "20", "--optimizer", "adam",
            "--lr", "0.05", "--epochs", "5000", "--log-every", "0"]
    code, out, _ = run_cli(capsys, *argv)

    last = epoch_numbers(out)[-1]
    assert code == 0 and last < 5000
    assert f"100% training accuracy first reached at epoch {last}" in out
    assert out[-1].startswith("converged")

    _, out, _ = run_cli(capsys, *argv, "--no-stop-at-100")
    assert epoch_numbers(out)[-1] == 5000
    assert f"100% training accuracy first reached at epoch {last}" in out


def test_the_same_arguments_print_the_same_lines_apart_from_timing(capsys):
    _, first, _ = run_cli(capsys, *SHORT_RUN, "--batch-size", "8")
    _, second, _ = run_cli(capsys, *SHORT_RUN, "--batch-size", "8")

    def untimed(lines):
        return [line for line in lines if not line.startswith("time:")]
    assert untimed(first) == untimed(second)
    assert len(untimed(first)) == len(first) - 1


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_a_progress_bar_redrawn_in_place(capsys, monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    code = cli.main(SHORT_RUN)

    bar = terminal.getvalue()
    assert code == 0
    assert "\r" in bar and "100%" in bar and "epochs/s" in bar
    assert "epoch " not in bar            # epoch lines stay on stdout
    assert capsys.readouterr().out.count("epoch ") >= 5


# --- entry points -------------------------------------------------------------------------
def test_python_m_model_train_runs_in_a_subprocess():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "model", *SHORT_RUN], cwd=REPO_ROOT,
                            env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)

    assert result.returncode == 0, result.stderr
    assert len(table_rows(result.stdout.splitlines())) == 30


def test_the_launchers_train_subcommand_runs_the_real_cli(capsys):
    code = launcher.main(SHORT_RUN)

    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert epoch_numbers(out) == [1, 10, 20, 30, 40]
