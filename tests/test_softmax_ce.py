"""Softmax, categorical cross-entropy and the K-output and regression networks' gradients."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig
from backprop_lab.model.gradcheck import check_gradients
from backprop_lab.model.losses import LOSSES
from backprop_lab.model.network import Network, NetworkSpec
from backprop_lab.model.softmax import SOFTMAX, backprop, jacobian


def _softmax(z):
    return SOFTMAX(np.asarray(z, float))


def test_softmax_rows_sum_to_one_and_survive_huge_logits():
    z = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0], [-800.0, -800.0, -800.0]])
    p = _softmax(z)
    assert np.allclose(p.sum(1), 1.0) and np.isfinite(p).all()
    assert np.allclose(p[0], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())
    assert np.allclose(p[2], 1 / 3)


def test_softmax_jacobian_matches_finite_differences():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(4, 5))
    J = jacobian(_softmax(z))
    h = 1e-6
    for j in range(5):
        e = np.zeros(5)
        e[j] = h
        column = (_softmax(z + e) - _softmax(z - e)) / (2 * h)     # ∂p/∂z_j, (4, 5)
        assert np.allclose(J[:, :, j], column, atol=1e-9)


def test_backprop_through_softmax_is_the_jacobian_transpose_times_g():
    rng = np.random.default_rng(1)
    p = _softmax(rng.normal(size=(6, 4)))
    g = rng.normal(size=(6, 4))
    expected = np.einsum("mkj,mk->mj", jacobian(p), g)
    assert np.allclose(backprop(p, g, np.empty_like(g)), expected)


def test_cross_entropy_is_minus_log_p_label_and_finite_when_saturated():
    ce = LOSSES["ce"]
    z = np.array([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]])
    y = np.array([[0, 1, 0], [0, 0, 1]], float)
    p = _softmax(z)
    assert np.isclose(ce.value(p, y, z, SOFTMAX), -(np.log(p[0, 1]) + np.log(p[1, 2])) / 2)
    z = np.array([[800.0, -800.0, 0.0]])
    p = _softmax(z)                           # p_label = e^(−1600): log p would be −inf
    assert np.isclose(ce.value(p, np.array([[0.0, 1.0, 0.0]]), z, SOFTMAX), 1600.0)


def test_cross_entropy_delta_is_p_minus_onehot_over_m():
    ce = LOSSES["ce"]
    rng = np.random.default_rng(2)
    z = rng.normal(size=(5, 3))
    p = _softmax(z)
    y = np.eye(3)[rng.integers(0, 3, 5)]
    delta = np.empty_like(p)
    ce.output_delta(p, y, z, SOFTMAX, delta, np.empty_like(p))
    assert np.allclose(delta, (p - y) / 5)


def _net(seed=0, n=9, **kw):
    cfg = TrainConfig(init="normal", init_scale=0.8, hidden=(4, 3), **kw)
    net = Network(NetworkSpec.from_config(cfg))
    rng = np.random.default_rng(seed)
    net.init_params(rng, cfg.init, cfg.init_scale)
    net.theta += rng.normal(0, 0.3, net.theta.shape)
    X = rng.uniform(-1, 1, size=(n, 2))
    return net, X, rng


K_CLASS_OUTPUTS = [("ce", "softmax"), ("mse", "softmax"), ("mse", "sigmoid"), ("bce", "sigmoid"),
                   ("mse", "none")]


@pytest.mark.parametrize("K", [3, 5])
@pytest.mark.parametrize("act", ["tanh", "sigmoid", "leaky_relu"])
@pytest.mark.parametrize("loss,out", K_CLASS_OUTPUTS)
def test_k_class_gradient_matches_finite_differences(K, act, loss, out):
    net, X, rng = _net(activation=act, classes=K, loss=loss, output_activation=out)
    assert net.layers[-1].fan_out == K
    labels = rng.integers(0, K, len(X))                # (n,) integer labels
    r = check_gradients(net, X, labels, h=1e-6)
    assert r.passed, (r.max_rel_error, r.overall_rel_error)


@pytest.mark.parametrize("out", ["none", "sigmoid", "tanh"])
@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_regression_gradient_matches_finite_differences(out, act):
    net, X, rng = _net(activation=act, task="regression", output_activation=out)
    assert net.layers[-1].fan_out == 1
    y = rng.normal(0, 0.7, size=(len(X), 1))           # float targets
    r = check_gradients(net, X, y, h=1e-6)
    assert r.passed, (r.max_rel_error, r.overall_rel_error)


def test_gradient_check_catches_softmax_mse_without_the_jacobian(monkeypatch):
    from backprop_lab.model import softmax
    net, X, rng = _net(activation="tanh", classes=3, loss="mse", output_activation="softmax")
    labels = rng.integers(0, 3, len(X))
    monkeypatch.setattr(softmax, "backprop", lambda p, g, out: np.multiply(g, p * (1 - p), out=out))
    assert not check_gradients(net, X, labels).passed          # the diagonal alone is not enough


def test_loss_and_gradients_takes_integer_labels_and_returns_k_column_last_layer():
    net, X, rng = _net(activation="tanh", classes=4, loss="ce", output_activation="softmax")
    labels = rng.integers(0, 4, len(X))
    loss, grads = net.loss_and_gradients(X, labels)
    params = net.get_params()
    assert params[-1][0].shape == (3, 4) and grads[-1][0].shape == (3, 4) and grads[-1][1].shape == (4,)
    p = net.predict(X)
    assert np.isclose(loss, -np.mean(np.log(p[np.arange(len(X)), labels])))
    onehot = np.eye(4)[labels]
    assert np.isclose(net.loss_and_gradients(X, onehot)[0], loss)     # one-hot rows mean the same
    net.set_params(params)                                            # round trip with the K columns
    assert np.array_equal(net.predict(X), p)


def test_mse_on_one_hot_sums_over_the_k_outputs():
    mse = LOSSES["mse"]
    p = np.array([[0.2, 0.5, 0.3]])
    y = np.array([[0.0, 1.0, 0.0]])
    assert np.isclose(mse.value(p, y, None, SOFTMAX), 0.04 + 0.25 + 0.09)


@pytest.mark.parametrize("changes, message", [
    (dict(output_activation="softmax"), "softmax needs 3 or more classes"),
    (dict(classes=3, loss="ce"), "cross-entropy needs a softmax output"),
    (dict(task="regression", output_activation="none", loss="bce"), "regression uses mse"),
    (dict(classes=9), "classes"),
    (dict(task="ranking"), "task"),
    (dict(stop_loss=-1.0), "stop_loss"),
])
def test_config_rejects_outputs_and_losses_that_do_not_fit_the_task(changes, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**changes).validated()


def test_log_sum_exp_from_the_largest_probability_equals_the_direct_formula():
    from backprop_lab.model.losses import log_sum_exp
    rng = np.random.default_rng(3)
    z = rng.normal(0, 30, size=(50, 4))
    direct = np.log(np.exp(z - z.max(1, keepdims=True)).sum(1, keepdims=True)) + z.max(1, keepdims=True)
    assert np.allclose(log_sum_exp(z, _softmax(z)), direct, rtol=1e-13, atol=1e-12)
