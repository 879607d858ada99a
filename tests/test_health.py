"""Neuron health: dead relu units and saturated sigmoid/tanh units are found and marked."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig, Trainer, datasets
from backprop_lab.model.health import neuron_health


def _trainer(**kw):
    X, y = datasets.make("circle", n=60, seed=2)
    return Trainer(TrainConfig(dataset="circle", hidden=(4, 3), **kw), X, y)


def _layer_params(tr, layer):
    """(W (fan_in, units), b (units,)) views into the live weights of hidden layer ``layer`` (0-based)."""
    return tr.network.layers[layer].split(tr.network.blocks[layer])


def test_one_health_entry_per_hidden_layer_with_one_share_per_unit():
    health = neuron_health(_trainer().snapshot())
    assert [h.layer for h in health] == [1, 2]
    assert [len(h.dead_share) for h in health] == [4, 3]
    assert [len(h.saturated) for h in health] == [4, 3]


def test_a_fresh_network_has_no_marked_units():
    for act in ("sigmoid", "tanh", "relu", "leaky_relu"):
        for h in neuron_health(_trainer(activation=act, init="xavier_uniform").snapshot()):
            assert not h.stuck.any(), act


def test_relu_unit_with_a_very_negative_bias_is_dead_on_every_sample():
    tr = _trainer(activation="relu")
    before = neuron_health(tr.snapshot())[0]
    W, b = _layer_params(tr, 0)
    b[2] = -1e3
    h = neuron_health(tr.snapshot())[0]
    assert h.dead_share[2] == 1.0 and h.dead[2]
    assert not h.saturated.any()
    others = [0, 1, 3]                     # units of one layer do not depend on each other
    assert np.array_equal(h.dead_share[others], before.dead_share[others])


def test_relu_dead_share_is_the_share_of_samples_with_zero_output():
    tr = _trainer(activation="relu")
    W, b = _layer_params(tr, 0)
    W[:, 0] = (1.0, 0.0)                   # unit 0 computes relu(x1)
    b[0] = 0.0
    snap = tr.snapshot()
    h = neuron_health(snap)[0]
    assert h.dead_share[0] == pytest.approx(np.mean(snap.X[:, 0] <= 0))
    assert h.dead[0] == (np.mean(snap.X[:, 0] <= 0) >= 0.95)


def test_leaky_relu_units_below_zero_on_every_sample_are_not_dead():
    """A leaky unit passes slope · delta below zero: it still learns, so no grey ✕."""
    tr = _trainer(activation="leaky_relu")
    W, b = _layer_params(tr, 1)
    b[0] = -1e3
    snap = tr.snapshot()
    h = neuron_health(snap)[1]
    assert not h.stuck.any() and h.dead_share[0] == 0.0
    _, grads = tr.network.loss_and_gradients(tr.X, tr.y)
    assert np.all(grads[1][1][0] != 0.0)          # its bias still gets a gradient


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_huge_weights_saturate_sigmoid_and_tanh_units(activation):
    tr = _trainer(activation=activation)
    W, b = _layer_params(tr, 0)
    W *= 1e4                               # |z| ≫ 10 almost everywhere: f'(z) ≈ 0
    health = neuron_health(tr.snapshot())
    first = health[0]
    assert first.saturated.all() and not first.dead.any()
    assert np.all(first.saturated_share >= 0.95)


def test_saturation_uses_one_percent_of_the_largest_derivative():
    # sigmoid: a(1-a) < 0.0025 ⇔ |z| > ln((1+√0.99)/(1-√0.99)) ≈ 5.99; tanh: 1-a² < 0.01 ⇔ |z| > 2.99
    for activation, edge in (("sigmoid", 5.99), ("tanh", 2.99)):
        tr = _trainer(activation=activation)
        W, b = _layer_params(tr, 0)
        W[...] = 0.0
        b[0], b[1] = edge - 0.02, edge + 0.02        # z is the bias alone for every sample
        h = neuron_health(tr.snapshot())[0]
        assert h.saturated_share[0] == 0.0 and h.saturated_share[1] == 1.0, activation


def test_network_and_points_give_the_same_answer_as_the_snapshot():
    tr = _trainer(activation="relu")
    tr.run(30)
    a = neuron_health(tr.snapshot())
    b = neuron_health(tr.network, tr.X)
    for ha, hb in zip(a, b):
        assert np.array_equal(ha.dead_share, hb.dead_share)


def test_no_points_means_no_marks():
    tr = _trainer(activation="relu")
    W, b = _layer_params(tr, 0)
    b[:] = -1e3
    assert not any(h.stuck.any() for h in neuron_health(tr.network, np.zeros((0, 2))))


def test_threshold_decides_the_marks():
    tr = _trainer(activation="relu")
    W, b = _layer_params(tr, 0)
    W[:, 0] = (1.0, 0.0)
    b[0] = 0.0
    share = neuron_health(tr.snapshot())[0].dead_share[0]
    assert 0 < share < 1
    assert neuron_health(tr.snapshot(), threshold=share)[0].dead[0]
    assert not neuron_health(tr.snapshot(), threshold=share + 1e-9)[0].dead[0]
