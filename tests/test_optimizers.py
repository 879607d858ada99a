"""Each optimizer's update matches the textbook rule computed by hand."""
import numpy as np
import pytest

from backprop_lab.model import TrainConfig
from backprop_lab.model.optimizers import OPTIMIZERS, make

G1 = np.array([0.5, -2.0, 0.0, 1e-3])
G2 = np.array([-0.25, 1.0, 3.0, 1e-3])
THETA0 = np.array([1.0, -1.0, 0.5, 2.0])


def _run(cfg, grads, mask=None):
    opt = make(cfg, THETA0.shape, np.float64, mask)
    theta, upd, ups = THETA0.copy(), np.empty(4), []
    for g in grads:
        before = theta.copy()
        opt.update(theta, g, upd)
        assert np.array_equal(theta - before, upd) or np.allclose(theta - before, upd, rtol=0, atol=1e-15)
        ups.append(upd.copy())
    return theta, ups


def test_sgd_step_is_minus_lr_times_gradient():
    theta, _ = _run(TrainConfig(optimizer="sgd", lr=0.1), [G1, G2])
    assert np.allclose(theta, THETA0 - 0.1 * G1 - 0.1 * G2, rtol=1e-15)


@pytest.mark.parametrize("nesterov", [False, True])
def test_momentum_accumulates_velocity(nesterov):
    lr, mu = 0.1, 0.9
    theta, _ = _run(TrainConfig(optimizer="momentum", lr=lr, momentum=mu, nesterov=nesterov), [G1, G2])
    v1 = -lr * G1
    v2 = mu * v1 - lr * G2
    if nesterov:
        expect = THETA0 + (mu * v1 - lr * G1) + (mu * v2 - lr * G2)
    else:
        expect = THETA0 + v1 + v2
    assert np.allclose(theta, expect, rtol=1e-14)


def test_adagrad_divides_by_root_of_summed_squares():
    lr, eps = 0.5, 1e-8
    theta, _ = _run(TrainConfig(optimizer="adagrad", lr=lr, eps=eps), [G1, G2])
    G = G1 ** 2
    t1 = THETA0 - lr * G1 / (np.sqrt(G) + eps)
    G = G + G2 ** 2
    assert np.allclose(theta, t1 - lr * G2 / (np.sqrt(G) + eps), rtol=1e-14)


def test_rmsprop_uses_a_decaying_average_of_squares():
    lr, rho, eps = 0.01, 0.9, 1e-8
    theta, _ = _run(TrainConfig(optimizer="rmsprop", lr=lr, rho=rho, eps=eps), [G1, G2])
    s = (1 - rho) * G1 ** 2
    t1 = THETA0 - lr * G1 / (np.sqrt(s) + eps)
    s = rho * s + (1 - rho) * G2 ** 2
    assert np.allclose(theta, t1 - lr * G2 / (np.sqrt(s) + eps), rtol=1e-14)


def _adam_by_hand(grads, lr, b1, b2, eps, amsgrad=False, wd=0.0, mask=1.0):
    theta, m, v, vmax = THETA0.copy(), 0 * THETA0, 0 * THETA0, 0 * THETA0
    for t, g in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        vmax = np.maximum(vmax, v)
        mhat = m / (1 - b1 ** t)
        vhat = (vmax if amsgrad else v) / (1 - b2 ** t)
        theta = theta - lr * mhat / (np.sqrt(vhat) + eps) - lr * wd * theta * mask
    return theta


@pytest.mark.parametrize("amsgrad", [False, True])
def test_adam_matches_the_bias_corrected_rule(amsgrad):
    # G2 then a smaller gradient makes v shrink, so amsgrad's max(v) differs
    grads = [G1, G2, 0.1 * G2]
    cfg = TrainConfig(optimizer="adam", lr=0.01, beta1=0.9, beta2=0.99, eps=1e-8, amsgrad=amsgrad)
    theta, _ = _run(cfg, grads)
    assert np.allclose(theta, _adam_by_hand(grads, 0.01, 0.9, 0.99, 1e-8, amsgrad), rtol=1e-12)


def test_amsgrad_changes_the_step_when_v_shrinks():
    grads = [G1, G2, 0.1 * G2]
    plain, _ = _run(TrainConfig(optimizer="adam", lr=0.01, beta2=0.99), grads)
    ams, _ = _run(TrainConfig(optimizer="adam", lr=0.01, beta2=0.99, amsgrad=True), grads)
    assert not np.allclose(plain, ams)


def test_weight_decay_is_decoupled_and_spares_masked_biases():
    mask = np.array([1.0, 1.0, 1.0, 0.0])      # last entry plays a bias
    cfg = TrainConfig(optimizer="adam", lr=0.01, weight_decay=0.1)
    theta, _ = _run(cfg, [G1, G2], mask)
    assert np.allclose(theta, _adam_by_hand([G1, G2], 0.01, 0.9, 0.999, 1e-8, wd=0.1, mask=mask), rtol=1e-12)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_state_dict_round_trip_continues_identically(name):
    cfg = TrainConfig(optimizer=name, lr=0.05, amsgrad=(name == "adam"))
    a = make(cfg, THETA0.shape, np.float64)
    theta_a, upd = THETA0.copy(), np.empty(4)
    a.update(theta_a, G1, upd)
    b = make(cfg, THETA0.shape, np.float64)
    b.load_state_dict(a.state_dict())
    theta_b = theta_a.copy()
    a.update(theta_a, G2, upd)
    b.update(theta_b, G2, upd)
    assert np.array_equal(theta_a, theta_b)
