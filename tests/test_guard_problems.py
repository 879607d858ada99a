"""The divergence guard and the timeline on K-class and regression runs."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, tasks
from backprop_lab.model.guard import DivergenceGuard
from backprop_lab.model.timeline import Timeline
from backprop_lab.model.trainer import make_data


@pytest.mark.parametrize("problem", [
    dict(dataset="plane", activation="relu", **tasks.defaults_for("regression", 2)),
    dict(dataset="blobs", activation="relu", **{**tasks.defaults_for("classification", 3, "mse"),
                                                "output_activation": "none"}),
])
def test_guard_catches_an_exploding_run_and_rolls_back_to_finite_weights(problem):
    cfg = TrainConfig(n_points=40, lr=50.0, init="he_normal", stop_at_100=False, **problem)
    tr, tl, guard = Trainer(cfg, *make_data(cfg)), Timeline(), DivergenceGuard()
    tl.record(tr)
    message = None
    for _ in range(100):
        tr.step()
        tl.record(tr)
        message = guard.check(tr)
        if message or tr.status == "diverged":
            break
    assert message is not None
    epoch = guard.rollback(tr, tl, halve_lr=True)
    assert tr.epoch == epoch and np.isfinite(tr.network.theta).all() and tr.cfg.lr == 25.0
    assert tr.network.layers[-1].fan_out == tasks.output_units(cfg)
    tr.step()                                             # and it trains on from there
