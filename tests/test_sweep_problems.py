"""Sweeps of K-class and regression configs: Trainer per trial, R² columns, the loss stop rule."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, tasks
from backprop_lab.model.batched import unsupported_reason
from backprop_lab.model.sweep import run_sweep
from backprop_lab.model.trainer import make_data


def _cfg(**kw):
    return TrainConfig(n_points=40, hidden=(6,), activation="tanh", lr=0.3, max_epochs=150, **kw)


def test_k_class_and_regression_trials_run_with_trainer_and_match_it():
    k3 = _cfg(dataset="blobs", **tasks.defaults_for("classification", 3))
    reg = _cfg(dataset="plane", stop_loss=0.02, **tasks.defaults_for("regression", 2))
    assert unsupported_reason(k3, 40) and unsupported_reason(reg, 40)
    result = run_sweep([k3, reg], trials=2, workers=1)
    for row, cfg in zip(result.rows, (k3, reg)):
        for o in row.outcomes:
            tr = Trainer(cfg.replace(seed=o.seed), *make_data(cfg))
            tr.run()
            assert (o.status, o.epochs, o.final_accuracy) == (tr.status, tr.epoch,
                                                               tr.history.view().accuracy[-1])
    reg_row = result.rows[1]
    assert all(o.status == "converged" for o in reg_row.outcomes)     # reached stop_loss
    assert -1 < reg_row.accuracy_mean <= 1                           # R², not a share of points


def test_sweep_table_shows_r2_for_regression_rows(qtbot):
    from backprop_lab.gui.sweep_table import SweepTableModel
    reg = _cfg(dataset="plane", **tasks.defaults_for("regression", 2))
    result = run_sweep([reg], trials=1, workers=1)
    model = SweepTableModel()
    model.set_result(result)
    col = model.keys.index("accuracy_mean")
    assert model.data(model.index(0, col)).startswith("R² ")
