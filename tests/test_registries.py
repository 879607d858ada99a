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
    assert np.allclose(act.derivative(act(Z))[away_from_kink], fd[away_from_kink], rtol=1e-6, atol=1e-8)


def test_sigmoid_is_stable_for_huge_inputs():
    act = activations.ACTIVATIONS["sigmoid"]
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        out = act(np.array([-1e6, -800.0, 0.0, 800.0, 1e6]))
    assert out[0] == pytest.approx(0, abs=1e-300) and out[2] == 0.5 and out[-1] == 1.0


def test_relu_is_right_for_shapes_and_dtypes_in_any_order():
    # relu compares against a shared pool of zeros that grows; every view of it must fit
    rng = np.random.default_rng(0)
    relu = activations.get("relu")
    for shape, dtype in [((3, 4), np.float64), ((64, 1000), np.float32), ((2,), np.float64),
                         ((5, 7, 3), np.float32), ((100, 100), np.float64)]:
        z = rng.standard_normal(shape).astype(dtype)
        out = relu.forward(z, np.empty_like(z))
        assert out.dtype == dtype and out.shape == shape
        np.testing.assert_array_equal(out, np.where(z > 0, z, 0))
        relu.forward(z, z)                                  # in place, as the workspace does
        np.testing.assert_array_equal(z, out)


def test_leaky_slope_is_a_parameter():
    act = activations.get("leaky_relu", 0.2)
    assert act(np.array([-1.0]))[0] == pytest.approx(-0.2)
    assert act.derivative(act(np.array([-1.0, 2.0]))).tolist() == pytest.approx([0.2, 1.0])
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
])
def test_initialisers_have_the_documented_spread(name, std):
    W = initializers.get(name)(np.random.default_rng(0), 400, 300, 0.3)
    assert W.shape == (400, 300)
    assert abs(W.mean()) < 0.05 * std and W.std() == pytest.approx(std, rel=0.02)


def test_mse_loss_and_its_output_delta():
    p = np.array([[0.2, 0.9, 0.6]])
    y = np.array([[0.0, 1.0, 1.0]])
    mse = losses.get("mse")
    assert mse.value(p, y, None) == pytest.approx(np.mean((p - y) ** 2))
    delta, tmp = np.empty_like(p), np.empty_like(p)
    mse.output_delta(p, y, None, activations.get("none"), delta, tmp)
    assert np.allclose(delta, 2 * (p - y) / 3)


@pytest.mark.parametrize("dtype, ulps", [(np.float32, 8), (np.float64, 4)])
def test_softplus_matches_logaddexp_to_a_few_ulps_and_never_overflows(dtype, ulps):
    rng = np.random.default_rng(0)
    z = np.concatenate([rng.normal(0, 5, 20_000), np.linspace(-900, 900, 2001),
                        [0.0, 1e-30, -1e-30, 88.7, -88.7, 709.0, -745.0, 1e30, -1e30]]).astype(dtype)
    with np.errstate(over="ignore"):
        got = losses.softplus(z, np.empty_like(z))
    want = np.logaddexp(dtype(0), z)
    assert got.dtype == dtype and np.isfinite(got).all()
    assert (np.abs(got - want) <= ulps * np.spacing(want)).all()


def test_bce_with_sigmoid_output_delta_is_p_minus_y_over_n():
    z = np.array([[-2.0, 0.5, 3.0]])
    p = activations.get("sigmoid")(z)
    y = np.array([[0.0, 1.0, 0.0]])
    delta, tmp = np.empty_like(p), np.empty_like(p)
    losses.get("bce").output_delta(p, y, z, activations.get("sigmoid"), delta, tmp)
    assert np.allclose(delta, (p - y) / 3)
    assert losses.get("bce").value(p, y, z) == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
