"""Faster ways to compute exactly the engine's plain formulas: one place for them.

Each kernel here replaces one plain formula (the matrix product of layers.py,
an activation of activations.py), sits beside a note of what it buys and is
checked against that formula by tests/test_fast_kernels.py. ``FASTER`` maps an
activation's name to its kernel; the activation registry runs the kernel, a
reader reads the plain formula.
A kernel that buys less than 5 % on every bench case does not belong here.
"""
from __future__ import annotations

import math

import numpy as np


def matmul(a, b, out):
    """out = a b over the last two axes, as np.matmul(a, b, out) computes it, bit for bit.

    np.matmul is a generalised ufunc: it broadcasts over leading axes (a stack of
    trials) and sets up an iterator for that at every call, which np.dot does not.
    At a small network's sizes that is a third of a product's cost (21 samples,
    2-4-4-1, timed: ãᵀ δ 1.32 µs through np.matmul, 0.81 through np.dot; z = ã θ
    into the Workspace's column-major z 1.39 µs, 1.16 through np.dot on transposed
    views). So:

    - one network (2-D arrays): np.dot, which calls the same BLAS routine. It
      writes only C-ordered outputs, so a column-major out (z, ∂L/∂a_prev: the
      Workspace's layout) is filled as its transpose, (a b)ᵀ = bᵀ aᵀ;
    - a stack of trials: np.matmul, except an outer product (inner dimension 1,
      δ Wᵀ of a one-unit output layer), where np.matmul falls back to NumPy's own
      slow loop while each entry is one multiplication δ_i · W_j, what a
      broadcast multiply computes (bench case D, 10 000 × 1 by 1 × 64, float32:
      2 800 µs against 75 µs).

    A trial of a stack comes out bit for bit as that trial alone
    (tests/test_layers.py, tests/test_sweep.py).
    (``out`` is positional, here and in the engine's ufunc calls: NumPy parses a
    keyword argument on every call, 300–550 instructions a call under valgrind.)
    """
    if out.ndim == 2:                         # one network
        if out.flags.c_contiguous:
            return np.dot(a, b, out)
        np.dot(b.T, a.T, out.T)               # a column-major out: (a b)ᵀ = bᵀ aᵀ, C-ordered
        return out
    if a.shape[-1] == 1:
        return np.multiply(a, b, out)
    return np.matmul(a, b, out)


def tanh_via_exp(z, out):
    """tanh(z) = 1 − 2 / (e^(2z) + 1).

    np.exp is about twice as fast as np.tanh on this machine's NumPy (measured
    for the earlier engine), which pays on large tanh layers (bench case C:
    1 000 points × 16 units). It agrees with np.tanh to ~3e-16; e^(2z) = inf gives exactly 1
    and e^(2z) = 0 exactly −1.
    """
    np.multiply(z, 2.0, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=out)
    np.divide(-2.0, out, out=out)
    return np.add(out, 1.0, out=out)


_ZEROS: dict[np.dtype, np.ndarray] = {}


def zeros_like_shape(shape, dtype) -> np.ndarray:
    """Read-only zeros of ``shape``: a view of one pool per dtype, grown to the largest size asked."""
    n = math.prod(shape)
    pool = _ZEROS.get(dtype)
    if pool is None or pool.size < n:
        pool = np.zeros(max(n, 4096), dtype)
        pool.flags.writeable = False
        _ZEROS[dtype] = pool
    return pool[:n].reshape(shape)


def relu_against_zeros(z, out):
    """relu(z) = max(z, 0), compared with an array of zeros instead of the scalar 0.

    NumPy takes a slow path for np.maximum against a scalar: 10 000 × 64
    float32 values, 1.5 M instructions a call against 0.5 M against an array
    of zeros (valgrind); an epoch of bench case D (two such relu layers) 73.6 M
    → 71.6 M instructions, and the earlier engine measured 350 → 82 µs a call.
    """
    if z.ndim >= 2 and not z.flags.c_contiguous and z.mT.flags.c_contiguous:
        zeros = zeros_like_shape(z.mT.shape, z.dtype).mT       # stored as the Workspace's arrays are
    else:
        zeros = zeros_like_shape(z.shape, z.dtype)
    return np.maximum(z, zeros, out=out)


# activation name -> the kernel that computes its plain formula faster
FASTER = {"tanh": tanh_via_exp, "relu": relu_against_zeros}
