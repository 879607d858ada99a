"""Activations, losses and initialisers do what their formulas say."""
import numpy as np
import pytest

from backprop_lab.model import activations, initializers, losses

Z = np.linspace(-6, 6, 121)


@pytest.mark.parametrize("name,f", [
    ("sigmoid", lambda z: 1 / (1 + np.exp(-z))),
    ("tanh", np.tanh),
    ("relu", lambda z: np.maximum(z, 0)),
    ("leaky_relu", lambda z: np.where(z > 0, z, 0.01 * z)),
    ("none", lambda z: z),
])
def test_activation_forward_and_derivative_match_their_formulas(name, f):
    act = activations.ACTIVATIONS[name]
    assert np.allclose(act(Z), f(Z), rtol=1e-12, atol=1e-15)
    h = 1e-6
    fd = (f(Z + h) - f(Z - h)) / (2 * h)
    away_from_kink = np.abs(Z) > 1e-3
    assert np.allclose(act.prime(act(Z))[away_from_kink], fd[away_from_kink], rtol=1e-6, atol=1e-8)


def test_sigmoid_is_stable_for_huge_inputs():
    act = activations.ACTIVATIONS["sigmoid"]
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        out = act(np.array([-1e6, -800.0, 0.0, 800.0, 1e6]))
    assert out[0] == pytest.approx(0, abs=1e-300) and out[2] == 0.5 and out[-1] == 1.0


def test_relu_is_right_for_shapes_and_dtypes_and_in_place():
    rng = np.random.default_rng(0)
    relu = activations.get("relu")
    for shape, dtype in [((3, 4), np.float64), ((64, 1000), np.float32), ((2,), np.float64),
                         ((5, 7, 3), np.float32)]:
        z = rng.standard_normal(shape).astype(dtype)
        out = relu.forward(z, np.empty_like(z))
        assert out.dtype == dtype and out.shape == shape
        np.testing.assert_array_equal(out, np.where(z > 0, z, 0))
        relu.forward(z, z)
        np.testing.assert_array_equal(z, out)


def test_leaky_slope_is_a_parameter():
    act = activations.get("leaky_relu", 0.2)
    assert act(np.array([-1.0]))[0] == pytest.approx(-0.2)
    assert act.prime(act(np.array([-1.0, 2.0]))).tolist() == pytest.approx([0.2, 1.0])
    with pytest.raises(ValueError):
        activations.get("leaky_relu", 1.5)


def test_unknown_names_list_the_valid_ones():
    with pytest.raises(ValueError, match="sigmoid, tanh"):
        activations.get("swish")
    with pytest.raises(ValueError, match="mse, bce"):
        losses.get("hinge")
    with pytest.raises(ValueError, match="he_normal"):
        initializers.get("zeros")


@pytest.mark.parametrize("name,std", [
    ("he_normal", np.sqrt(2 / 400)),
    ("xavier_normal", np.sqrt(2 / 700)),
    ("xavier_uniform", np.sqrt(6 / 700) / np.sqrt(3)),
    ("uniform", 0.3 / np.sqrt(3)),
    ("normal", 0.3),
    ("standard_normal", 1.0),        # the lab's np.random.randn: σ = 1, init scale ignored
])
def test_initialisers_have_the_documented_spread(name, std):
    W = initializers.get(name)(np.random.default_rng(0), 400, 300, 0.3)
    assert W.shape == (400, 300)
    assert abs(W.mean()) < 0.05 * std and W.std() == pytest.approx(std, rel=0.02)


def test_standard_normal_draws_the_lab_weights_and_leaves_biases_at_zero():
    from backprop_lab.model import TrainConfig
    from backprop_lab.model.network import Network, NetworkSpec
    cfg = TrainConfig(hidden=(50, 50), init="standard_normal")
    net = Network(NetworkSpec.from_config(cfg))
    net.init_params(np.random.default_rng(0), cfg.init, cfg.init_scale)
    (W1, b1), (W2, b2), (W3, b3) = net.get_params()
    assert W2.shape == (50, 50) and W2.std() == pytest.approx(1.0, rel=0.05)   # not 1/√50
    assert not b1.any() and not b2.any() and not b3.any()
    W = initializers.get("standard_normal")(np.random.default_rng(5), 3, 4, 0.3)
    np.testing.assert_array_equal(W, np.random.default_rng(5).standard_normal((3, 4)))


def test_mse_loss_and_its_output_delta():
    p = np.array([[0.2], [0.9], [0.6]])                  # (m, 1): samples as rows
    y = np.array([[0.0], [1.0], [1.0]])
    mse, none = losses.get("mse"), activations.get("none")
    assert mse.value(p, y, None, none) == pytest.approx(np.mean((p - y) ** 2))
    delta, tmp = np.empty_like(p), np.empty_like(p)
    assert mse.output_delta(p, y, None, none, delta, tmp) == pytest.approx(np.mean((p - y) ** 2))
    assert np.allclose(delta, 2 * (p - y) / 3)


def test_losses_give_one_value_per_trial_along_leading_axes():
    rng = np.random.default_rng(1)
    z = rng.normal(0, 2, (4, 6, 1))                       # 4 trials, 6 samples
    sigmoid = activations.get("sigmoid")
    p, y = sigmoid(z), (rng.random((6, 1)) > 0.5).astype(float)
    for loss in losses.LOSSES.values():
        per_trial = loss.value(p, y, z, sigmoid)
        assert per_trial.shape == (4,)
        for t in range(4):
            assert per_trial[t] == pytest.approx(loss.value(p[t], y, z[t], sigmoid), rel=1e-14)


def test_bce_from_logits_stays_finite_where_the_probability_saturates():
    z = np.array([[-1000.0], [-40.0], [0.0], [40.0], [1000.0]])
    y = np.array([[1.0], [1.0], [0.0], [0.0], [0.0]])
    sigmoid = activations.get("sigmoid")
    with np.errstate(over="ignore"):
        p = sigmoid(z)
        value = losses.get("bce").value(p, y, z, sigmoid)
    # log(1 + e^z) − y·z per sample: 1000, 40, log 2, 40, 1000
    assert value == pytest.approx((1000 + 40 + np.log(2) + 40 + 1000) / 5)


def test_bce_with_sigmoid_output_delta_is_p_minus_y_over_n():
    z = np.array([[-2.0], [0.5], [3.0]])
    sigmoid = activations.get("sigmoid")
    p = sigmoid(z)
    y = np.array([[0.0], [1.0], [0.0]])
    delta, tmp = np.empty_like(p), np.empty_like(p)
    losses.get("bce").output_delta(p, y, z, sigmoid, delta, tmp)
    assert np.allclose(delta, (p - y) / 3)
    want = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert losses.get("bce").value(p, y, z, sigmoid) == pytest.approx(want)
    assert losses.get("bce").value(p, y, z, activations.get("none")) == pytest.approx(want)
