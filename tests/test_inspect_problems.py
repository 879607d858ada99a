"""Inspecting an epoch of a K-class or regression network: the same step, the softmax text."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, tasks
from backprop_lab.model.inspect import Phase, trace_epoch
from backprop_lab.model.trainer import make_data


def _trainer(**kw):
    cfg = TrainConfig(n_points=12, hidden=(3,), activation="tanh", **kw)
    tr = Trainer(cfg, *make_data(cfg))
    tr.run(3)
    return tr


@pytest.mark.parametrize("kw", [
    dict(dataset="blobs", **tasks.defaults_for("classification", 3)),
    dict(dataset="blobs", **tasks.defaults_for("classification", 3, "mse")),
    dict(dataset="plane", **tasks.defaults_for("regression", 2)),
    dict(dataset="blobs", batch_size=5, **tasks.defaults_for("classification", 4)),
])
def test_traced_epoch_is_the_trainers_next_step_bit_for_bit(kw):
    tr = _trainer(**kw)
    trace = trace_epoch(tr, sample=2)
    trace.apply(tr)
    assert trace.matches


def test_softmax_step_shows_p_the_jacobian_and_p_minus_onehot_with_its_numbers():
    tr = _trainer(dataset="blobs", **tasks.defaults_for("classification", 3))
    trace = trace_epoch(tr, sample=5)
    bt = trace.batches[0]
    p, label = bt.a[-1][bt.row], int(bt.y[bt.row, 0])
    loss = trace.describe(Phase("loss"))
    assert "softmax(z)" in loss and f"−log p_{label}" in loss
    assert np.isclose(bt.sample_loss, -np.log(p[label]))
    out = trace.describe(Phase("backward", len(trace.layers) - 1))
    assert "J = diag(p) − p·pᵀ" in out and "p − onehot" in out
    onehot = np.eye(3)[label]
    assert np.allclose(bt.sample_delta[-1], p - onehot)       # the numbers the text prints
    assert f"{p[0] - onehot[0]:.4g}".replace("-", "−") in out


def test_regression_trace_keeps_the_one_output_text():
    tr = _trainer(dataset="plane", **tasks.defaults_for("regression", 2))
    text = trace_epoch(tr, sample=0).describe(Phase("loss"))
    assert "ℓ = (p − y)²" in text
