"""The toolbox's activations (ELU, softplus, GELU, SiLU, softsign): formulas, derivatives
against finite differences, and backprop through them against finite differences."""
import math

import numpy as np
import pytest

from backprop_lab.model import TrainConfig, activations
from backprop_lab.model.gradcheck import check_gradients
from backprop_lab.model.network import Network, NetworkSpec

Z = np.linspace(-6, 6, 241)
SIG = lambda z: 1 / (1 + np.exp(-z))                       # noqa: E731
REFERENCE = {
    "elu": lambda z: np.where(z > 0, z, np.exp(z) - 1),
    "softplus": lambda z: np.log1p(np.exp(z)),
    "gelu": lambda z: 0.5 * z * (1 + np.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z ** 3))),
    "silu": lambda z: z * SIG(z),
    "softsign": lambda z: z / (1 + np.abs(z)),
}
NEW = list(REFERENCE)


@pytest.mark.parametrize("name", NEW)
def test_forward_matches_the_formula_and_works_in_place(name):
    act = activations.ACTIVATIONS[name]
    assert np.allclose(act(Z), REFERENCE[name](Z), rtol=1e-12, atol=1e-15)
    z = Z.copy()
    act.forward(z, z)                                        # hidden layers apply f in place
    np.testing.assert_array_equal(z, act(Z))


@pytest.mark.parametrize("name", NEW)
def test_derivative_matches_central_differences_of_f(name):
    act, f, h = activations.ACTIVATIONS[name], REFERENCE[name], 1e-6
    fd = (f(Z + h) - f(Z - h)) / (2 * h)
    away = np.abs(Z) > 1e-3
    assert np.allclose(act.slope(Z)[away], fd[away], rtol=1e-6, atol=1e-8)


def test_derivative_taken_from_a_where_a_tells_z_and_from_z_where_it_cannot():
    for name in ("elu", "softplus", "softsign"):
        act = activations.ACTIVATIONS[name]
        assert act.derivative_from == "a"
        np.testing.assert_allclose(act.prime(act(Z)), act.slope(Z))
    for name in ("gelu", "silu"):                            # not one-to-one: a does not tell z
        act = activations.ACTIVATIONS[name]
        assert act.derivative_from == "z"
        with pytest.raises(ValueError, match="slope"):
            act.prime(act(Z))


def test_gelu_is_the_tanh_approximation_and_says_so():
    act = activations.ACTIVATIONS["gelu"]
    exact = np.array([0.5 * z * (1 + math.erf(z / math.sqrt(2))) for z in Z])
    assert np.max(np.abs(act(Z) - exact)) < 1e-3              # close to z·Φ(z) …
    assert np.max(np.abs(act(Z) - exact)) > 1e-6              # … but not it
    assert "tanh approximation" in act.formula


def test_elu_alpha_is_a_parameter_and_checked():
    act = activations.get("elu", elu_alpha=2.0)
    assert act(np.array([-50.0]))[0] == pytest.approx(-2.0)
    assert act.slope(np.array([-1.0, 1.0])).tolist() == pytest.approx([2 * math.exp(-1), 1.0])
    assert "2" in act.formula
    with pytest.raises(ValueError):
        activations.get("elu", elu_alpha=-1)
    with pytest.raises(ValueError, match="elu_alpha"):
        TrainConfig(activation="elu", elu_alpha=0.0).validated()


def test_gelu_and_silu_are_hidden_only():
    assert "gelu" not in activations.OUTPUT_ACTIVATIONS and "silu" not in activations.OUTPUT_ACTIVATIONS
    assert {"elu", "softplus", "softsign"} <= set(activations.OUTPUT_ACTIVATIONS)
    with pytest.raises(ValueError, match="hidden layers only"):
        TrainConfig(output_activation="gelu").validated()


def _net(seed=0, **kw):
    cfg = TrainConfig(init="normal", init_scale=0.8, **kw)
    net = Network(NetworkSpec.from_config(cfg))
    rng = np.random.default_rng(seed)
    net.init_params(rng, cfg.init, cfg.init_scale)
    net.theta += rng.normal(0, 0.3, net.theta.shape)
    X = rng.uniform(-1, 1, size=(7, 2))
    y = (rng.random((7, 1)) < 0.5).astype(float)
    return net, X, y


def _assert_close(r):
    assert r.overall_rel_error < 1e-6, r.overall_rel_error
    big = np.abs(r.analytic) > 1e-4
    assert np.all(r.rel_error[big & ~r.kink] < 1e-6)


@pytest.mark.parametrize("layout", [dict(hidden=(4, 3)), dict(hidden=(3, 3, 3)),
                                    dict(hidden=(3,), features=("x1", "x2", "x1^2"), conv_kernel=2)])
@pytest.mark.parametrize("name", NEW)
def test_backprop_through_each_hidden_activation_matches_finite_differences(name, layout):
    net, X, y = _net(activation=name, elu_alpha=1.5, **layout)
    _assert_close(check_gradients(net, X, y, h=1e-6))


@pytest.mark.parametrize("name", ["elu", "softplus", "softsign"])
def test_backprop_through_each_output_activation_matches_finite_differences(name):
    net, X, y = _net(activation="tanh", output_activation=name, loss="mse", hidden=(4,))
    _assert_close(check_gradients(net, X, y, h=1e-6))


@pytest.mark.parametrize("name", ["gelu", "silu"])
def test_a_stack_of_trials_with_a_z_activation_equals_each_trial_alone(name):
    nets = [_net(seed=s, activation=name, hidden=(5, 4))[0] for s in range(3)]
    X = np.random.default_rng(9).uniform(-1, 1, (11, 2))
    y = (X[:, :1] > 0).astype(float)
    stack = Network(nets[0].spec, trials=3)
    for i, n in enumerate(nets):
        stack.theta[i] = n.theta
    ws = stack.workspace(X)
    stack.forward(ws)
    stack.backward(ws, np.broadcast_to(y, (3,) + y.shape))
    for i, n in enumerate(nets):
        w1 = n.workspace(X)
        n.forward(w1)
        n.backward(w1, y)
        np.testing.assert_array_equal(stack.grad[i], n.grad)
