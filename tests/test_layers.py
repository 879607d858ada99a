"""A layer computes exactly the textbook formulas, for one network and for a stack of trials:
z = a W + b; ∂L/∂W = aᵀδ, ∂L/∂b = Σδ over samples, ∂L/∂a_prev = δWᵀ."""
import numpy as np
import pytest

from backprop_lab.model import activations
from backprop_lab.model.layers import Conv1D, Dense, with_ones

RNG = np.random.default_rng(7)


@pytest.mark.parametrize("lead", [(), (3,)], ids=["one network", "3 trials"])
@pytest.mark.parametrize("bias", [True, False])
def test_dense_forward_and_backward_are_the_plain_formulas(lead, bias):
    layer = Dense(5, 4, bias, activations.get("tanh"))
    m = 11
    a = RNG.normal(size=(m, 5))                                   # shared input
    theta = RNG.normal(size=lead + layer.block_shape())
    W, b = layer.split(theta)
    delta = RNG.normal(size=lead + (m, 4))

    a_tilde = with_ones(a) if bias else a
    z = layer.forward(a_tilde, theta, np.empty(lead + (m, 4)))
    plain_z = a @ W + (b[..., None, :] if bias else 0.0)
    np.testing.assert_allclose(z, plain_z, rtol=1e-13, atol=1e-13)

    dtheta, da = np.empty_like(theta), np.empty(lead + (m, 5))
    layer.backward(a_tilde.mT, delta, W.mT, dtheta, da)            # given ãᵀ and Wᵀ
    dW, db = layer.split(dtheta)
    np.testing.assert_allclose(dW, a.T @ delta, rtol=1e-13, atol=1e-13)
    if bias:
        np.testing.assert_allclose(db, delta.sum(axis=-2), rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(da, delta @ W.swapaxes(-1, -2), rtol=1e-13, atol=1e-13)


def test_a_stack_of_trials_gives_each_trial_bit_for_bit_what_it_gives_alone():
    layer = Dense(3, 6, True, activations.get("sigmoid"))
    a_tilde = with_ones(RNG.normal(size=(40, 3)))
    theta = RNG.normal(size=(4,) + layer.block_shape())
    z = layer.forward(a_tilde, theta, np.empty((4, 40, 6)))
    for t in range(4):
        alone = layer.forward(a_tilde, theta[t], np.empty((40, 6)))
        np.testing.assert_array_equal(z[t], alone)
        stored = layer.forward(a_tilde, theta[t], np.empty((6, 40)).mT)   # as the Workspace stores z
        np.testing.assert_array_equal(z[t], stored)


@pytest.mark.parametrize("fan_out", [1, 6])
def test_a_stack_of_trials_gives_each_trial_bit_for_bit_its_gradients_alone(fan_out):
    """One network's products go through np.dot, a stack's through np.matmul
    (model/fast_kernels.py): the same numbers, bit for bit, stored as the Workspace stores them."""
    layer = Dense(3, fan_out, True, activations.get("sigmoid"))
    a_tilde = with_ones(RNG.normal(size=(40, 3)))
    theta = RNG.normal(size=(4,) + layer.block_shape())
    delta = np.ascontiguousarray(RNG.normal(size=(4, fan_out, 40))).mT      # samples as rows
    dtheta, da = np.empty_like(theta), np.empty((4, 3, 40)).mT
    layer.backward(a_tilde.mT, delta, layer.split(theta)[0].mT, dtheta, da)
    for t in range(4):
        dtheta_t, da_t = np.empty(layer.block_shape()), np.empty((3, 40)).mT
        layer.backward(a_tilde.mT, delta[t], layer.split(theta[t])[0].mT, dtheta_t, da_t)
        np.testing.assert_array_equal(dtheta[t], dtheta_t)
        np.testing.assert_array_equal(da[t], da_t)


def test_conv1d_gradients_match_finite_differences_including_the_input():
    layer = Conv1D(6, 3, 2, True, activations.get("none"))
    a = RNG.normal(size=(5, 6))
    theta = RNG.normal(size=layer.block_shape())
    delta = RNG.normal(size=(5, layer.width))          # L = Σ δ ⊙ z, so ∂L/∂z = δ

    def L(a_, theta_):
        return float(np.sum(delta * layer.forward(a_, theta_, np.empty((5, layer.width)))))

    dtheta, da = np.empty_like(theta), np.empty_like(a)
    layer.backward(a.mT, delta, layer.split(theta)[0].mT, dtheta, da)
    h = 1e-6
    for arr, grad in ((theta, dtheta), (a, da)):
        for i in np.ndindex(arr.shape):
            old = arr[i]
            arr[i] = old + h
            up = L(a, theta)
            arr[i] = old - h
            down = L(a, theta)
            arr[i] = old
            assert grad[i] == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-8)
