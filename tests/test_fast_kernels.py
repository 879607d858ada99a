"""Every fast kernel computes the plain formula it replaces (model/fast_kernels.py)."""
import numpy as np
import pytest

from backprop_lab.model import activations, fast_kernels

PLAIN = {"tanh": activations.tanh, "relu": activations.relu}   # name -> the formula it replaces


def test_every_kernel_has_its_plain_formula_here_and_is_the_one_the_registry_runs():
    assert set(fast_kernels.FASTER) == set(PLAIN)
    for name, kernel in fast_kernels.FASTER.items():
        assert activations.ACTIVATIONS[name].forward is kernel


@pytest.mark.parametrize("name", sorted(PLAIN))
@pytest.mark.parametrize("dtype, tolerance", [(np.float64, 4e-16), (np.float32, 2e-7)])
@pytest.mark.parametrize("shape, layout", [((10_806,), "C"), ((97, 111), "C"), ((111, 97), "F"),
                                           ((3, 401, 8), "C"), ((3, 401, 8), "samples as rows")])
def test_kernel_agrees_with_the_plain_formula(name, dtype, tolerance, shape, layout):
    rng = np.random.default_rng(0)
    z = np.concatenate([rng.normal(0, 3, 10_000), np.linspace(-400, 400, 801),
                        [0.0, 1e-300, -1e-300, 20.0, -20.0]]).astype(dtype)
    z = z[: np.prod(shape)].reshape(shape)
    if layout == "F":
        z = np.asfortranarray(z)
    elif layout == "samples as rows":                # as the Workspace stores (T, m, width)
        z = np.ascontiguousarray(z.mT).mT
    with np.errstate(over="ignore"):
        fast = fast_kernels.FASTER[name](z, np.empty_like(z))
    plain = PLAIN[name](z, np.empty_like(z))
    assert fast.dtype == dtype and np.isfinite(fast).all()
    assert np.abs(fast - plain).max() <= tolerance


@pytest.mark.parametrize("out_layout", ["C", "F", "stack"])
def test_matmul_is_np_matmul_bit_for_bit(out_layout):
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=(37, 6)), rng.normal(size=(6, 5))
    if out_layout == "stack":
        b = rng.normal(size=(4, 6, 5))
        out = np.empty((4, 5, 37)).swapaxes(-1, -2)
    else:
        out = np.empty((37, 5), order=out_layout)
    got = fast_kernels.matmul(a, b, out=out)
    assert got is out
    np.testing.assert_array_equal(out, np.matmul(a, b))
    np.testing.assert_array_equal(fast_kernels.matmul(a.T, a, out=np.empty((6, 6))), np.matmul(a.T, a))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("lead", [(), (3,)])
def test_an_outer_product_equals_np_matmul_bit_for_bit(dtype, lead):
    """δ Wᵀ of a one-unit layer: (m, 1) by (1, w), into the Workspace's column-major layout."""
    rng = np.random.default_rng(4)
    delta = rng.normal(size=lead + (1, 500)).astype(dtype).swapaxes(-1, -2)     # stored as the Workspace's
    W = rng.normal(size=lead + (7, 1)).astype(dtype)
    out = np.empty(lead + (7, 500), dtype).swapaxes(-1, -2)
    assert fast_kernels.matmul(delta, W.swapaxes(-1, -2), out) is out
    np.testing.assert_array_equal(out, np.matmul(delta, W.swapaxes(-1, -2)))
