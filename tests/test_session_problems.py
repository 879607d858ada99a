"""Sessions keep a K-class or regression run: problem, K-column last layer, labels or targets."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, tasks
from backprop_lab.model.session import load_session, save_session
from backprop_lab.model.trainer import make_data


@pytest.mark.parametrize("problem", [
    dict(dataset="blobs", **tasks.defaults_for("classification", 4)),
    dict(dataset="multi-gauss", stop_loss=0.001, **tasks.defaults_for("regression", 2)),
])
def test_session_round_trip_continues_exactly(tmp_path, problem):
    cfg = TrainConfig(n_points=40, hidden=(5,), activation="tanh", test_fraction=0.25, lr=0.3, **problem)
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(7)
    save_session(tr, tmp_path / "s.npz")
    back = load_session(tmp_path / "s.npz")
    assert back.cfg == cfg and back.epoch == 7
    assert back.network.layers[-1].fan_out == tasks.output_units(cfg)
    assert np.array_equal(back.y, tr.y) and np.array_equal(back.y_test, tr.y_test)
    a, b = tr.step(), back.step()
    assert a == b                            # the same next epoch, bit for bit
