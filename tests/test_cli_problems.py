"""``backprop-lab train`` and ``sweep`` with --classes K and --task regression."""
import numpy as np
import pytest

from backprop_lab.model.cli import main
from backprop_lab.model.csv_data import write_points_csv


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_train_three_spirals_defaults_to_softmax_and_cross_entropy(capsys):
    code, out, _ = run(capsys, "train", "--classes", 3, "--dataset", "spiral", "--points", 30,
                       "--epochs", 5, "--log-every", 0)
    assert code == 0
    assert "→ 3, " in out and "/softmax, ce" in out
    header = next(line for line in out.splitlines() if line.lstrip().startswith("#"))
    assert header.split() == ["#", "x1", "x2", "label", "predicted", "probability"]
    rows = [line.split() for line in out.splitlines() if line[:2].strip().isdigit()]
    assert len(rows) == 30 and {r[3] for r in rows} == {"0", "1", "2"}
    assert all(0 <= float(r[5]) <= 1 for r in rows)


def test_train_k_classes_with_mse_keeps_the_loss_asked_for(capsys):
    code, out, _ = run(capsys, "train", "--classes", 4, "--dataset", "blobs", "--loss", "mse",
                       "--points", 20, "--epochs", 3, "--log-every", 0)
    assert code == 0 and "/softmax, mse" in out


def test_train_regression_prints_r2_prediction_and_error(capsys):
    code, out, _ = run(capsys, "train", "--task", "regression", "--dataset", "plane", "--points", 12,
                       "--epochs", 200, "--optimizer", "adam", "--lr", 0.05, "--log-every", 100)
    assert code == 0 and "/none, mse" in out
    assert "epoch 100  loss" in out and "R² " in out
    rows = [line.split() for line in out.splitlines() if line[:2].strip().isdigit()]
    assert len(rows) == 12
    target, prediction, error = (float(v) for v in rows[0][3:6])
    assert error == pytest.approx(prediction - target, abs=2e-4)
    assert "mean absolute error" in out


def test_regression_stop_loss_ends_the_run_early(capsys):
    code, out, _ = run(capsys, "train", "--task", "regression", "--points", 12, "--optimizer", "adam",
                       "--lr", 0.05, "--stop-loss", 0.01, "--epochs", 5000, "--log-every", 0)
    assert code == 0 and "converged: training loss" in out and "first reached at epoch" in out


def test_csv_with_k_labels_needs_classes_and_then_trains(capsys, tmp_path):
    write_points_csv(tmp_path / "k.csv", [[0, 0], [1, 0], [0, 1]], [[0], [1], [2]])
    code, _, err = run(capsys, "train", "--data", tmp_path / "k.csv", "--epochs", 2)
    assert code == 2 and "give --classes 3" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "train", "--data", tmp_path / "k.csv", "--classes", 3, "--epochs", 2,
                       "--log-every", 0)
    assert code == 0 and "→ 3, " in out


def test_csv_with_a_target_column_trains_a_regression(capsys, tmp_path):
    write_points_csv(tmp_path / "r.csv", [[0, 0], [1, 0], [0, 1]], [[0.5], [-1.25], [2.0]], regression=True)
    code, _, err = run(capsys, "train", "--data", tmp_path / "r.csv", "--epochs", 2)
    assert code == 2 and "--task regression" in err
    code, out, _ = run(capsys, "train", "--data", tmp_path / "r.csv", "--task", "regression", "--epochs", 2,
                       "--log-every", 0)
    assert code == 0 and "-1.2500" in out


def test_sweep_regression_reports_r2_columns(capsys):
    code, out, _ = run(capsys, "sweep", "--task", "regression", "--lr", 0.5, "--hidden", 3, "--trials", 2,
                       "--epochs", 50, "--workers", 1, "--stop-loss", 0.05)
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("| dataset"))
    assert "r2_mean" in header and "accuracy" not in header and "| plane |" in out
    row = next(line for line in out.splitlines() if line.startswith("| plane"))
    r2 = float(row.split("|")[-4])
    assert -1 < r2 <= 1 and "%" not in row
    assert "--stop-loss is off" not in out


def test_a_regression_sweep_without_stop_loss_says_why_every_trial_is_a_failure(capsys):
    code, out, _ = run(capsys, "sweep", "--task", "regression", "--lr", 0.5, "--hidden", 3, "--trials", 2,
                       "--epochs", 20, "--workers", 1)
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("| dataset")).split("|")
    row = next(line for line in out.splitlines() if line.startswith("| plane")).split("|")
    assert row[[h.strip() for h in header].index("converged")].strip() == "0"
    assert "--stop-loss is off" in out and "failures are the trials that did not reach it" in out


def test_sweep_three_classes_runs_the_spiral_by_default(capsys):
    code, out, _ = run(capsys, "sweep", "--classes", 3, "--lr", 0.5, "--hidden", 4, "--trials", 2,
                       "--epochs", 20, "--workers", 1, "--points", 30)
    assert code == 0 and "| spiral |" in out and "%" in out
