"""FixedPoints: the map's grid pass (features and buffers made once, Network.forward on
them) gives what a fresh forward pass (network.layer_outputs) gives, frame after frame."""
import numpy as np
import pytest

from backprop_lab.model import activations, features
from backprop_lab.model.fixed_points import FixedPoints
from backprop_lab.model.network import Network, NetworkSpec, layer_outputs

RNG = np.random.default_rng(3)
X = RNG.uniform(-6, 6, size=(257, 2))

SPECS = {
    "sigmoid 2-4-4-1": NetworkSpec(("x1", "x2"), (4, 4), "sigmoid", "sigmoid", "mse"),
    "every feature, no bias": NetworkSpec(tuple(features.FEATURES), (5, 3), "tanh", "sigmoid", "bce",
                                          bias=False),
    "conv layer": NetworkSpec(tuple(features.FEATURES), (4,), "relu", "sigmoid", "bce", conv_kernel=3),
    "3 classes, softmax": NetworkSpec(("x1", "x2"), (6,), "gelu", "softmax", "ce", outputs=3),
}
SPECS |= {f"{name} hidden": NetworkSpec(("x1", "x2", "x1*x2"), (3, 2), name, "sigmoid", "bce")
          for name in activations.ACTIVATIONS}


def weights(spec, scale=1.0):
    return RNG.normal(scale=scale, size=Network(spec).n_params)


@pytest.mark.parametrize("name", list(SPECS))
def test_outputs_are_the_forward_pass_of_the_weights_given_at_each_call(name):
    spec = SPECS[name]
    grid64, grid32 = FixedPoints(spec, X), FixedPoints(spec, X, np.float32)
    for _ in range(3):                          # new weights each "frame": no stale buffer
        theta = weights(spec)
        want = layer_outputs(spec, theta, X)[-1][1]
        np.testing.assert_allclose(grid64.outputs(theta), want, rtol=1e-12, atol=1e-12)
        got32 = grid32.outputs(theta)
        assert got32.dtype == np.float32
        np.testing.assert_allclose(got32, want, rtol=1e-4, atol=1e-5)


def test_the_points_are_copied_and_fits_tells_points_and_shape_apart():
    spec = SPECS["sigmoid 2-4-4-1"]
    points = X.copy()
    grid = FixedPoints(spec, points)
    theta = weights(spec)
    before = grid.outputs(theta).copy()
    points[:] = 0.0                             # the caller's array changes later
    np.testing.assert_array_equal(grid.outputs(theta), before)
    assert grid.fits(spec, X)
    assert not grid.fits(spec, points)
    assert not grid.fits(spec, X[:-1])
    assert not grid.fits(SPECS["conv layer"], X)


def test_weights_beyond_float32_are_computed_in_their_own_dtype():
    spec = SPECS["sigmoid 2-4-4-1"]
    theta = weights(spec)
    theta[-1] = 1e300                           # finite in float64, inf in float32
    got = FixedPoints(spec, X, np.float32).outputs(theta)
    want = layer_outputs(spec, theta, X)[-1][1]
    assert np.isfinite(got).all()
    np.testing.assert_array_equal(got, want)
