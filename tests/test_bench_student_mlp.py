"""The benchmark's yardstick (bench/student_mlp.py) computes the same maths as the
engine: from the same initial weights it follows the same loss trajectory, so
bench/engine_speed.py compares speed and nothing else."""
import sys
from pathlib import Path

import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, make_data

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from student_mlp import StudentMLP  # noqa: E402


def both_from_the_same_start(cfg):
    X, y, _, _ = make_data(cfg)
    trainer = Trainer(cfg, X, y)
    student = StudentMLP([len(cfg.features), *cfg.hidden, 1], cfg.activation, cfg.loss,
                         cfg.optimizer, cfg.lr, weights=trainer.network.get_params())
    return trainer, student, X, y


@pytest.mark.parametrize("cfg", [
    TrainConfig(dataset="linear", n_points=100, stop_at_100=False),
    TrainConfig(dataset="xor-easy", stop_at_100=False),
    TrainConfig(dataset="circle", n_points=200, hidden=(8, 8), activation="tanh", loss="bce",
                optimizer="adam", lr=0.01, stop_at_100=False),
], ids=["linear-sigmoid-mse-sgd", "xor-easy-sigmoid-mse-sgd", "circle-tanh-bce-adam"])
def test_student_mlp_follows_the_engines_loss_trajectory(cfg):
    trainer, student, X, y = both_from_the_same_start(cfg)

    for _ in range(300):
        stats = trainer.step()
        loss, accuracy = student.train_epoch(X, y)
        assert loss == pytest.approx(stats.loss, rel=0, abs=1e-10)
        assert accuracy == stats.accuracy

    assert stats.loss < trainer.history.view().loss[0]       # it did train
    for (W, b), W_student, b_student in zip(trainer.network.get_params(), student.W, student.b):
        np.testing.assert_allclose(W_student, W, rtol=0, atol=1e-9)
        np.testing.assert_allclose(b_student.ravel(), b, rtol=0, atol=1e-9)
