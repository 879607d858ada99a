"""The softmax output, beside its derivative: a Jacobian, not one number per unit.

    p_k = softmax(z)_k = e^(z_k) / Σ_j e^(z_j)            (each row of p sums to 1)
    ∂p_k/∂z_j = p_k (δ_kj − p_j)        i.e.  J = diag(p) − p pᵀ, one K×K matrix a sample

Every other activation acts on each unit alone, so the chain rule through it is
an element-wise product ∂L/∂z = ∂L/∂p ⊙ f'(z). Softmax mixes the K units of a
sample, so the chain rule is a product with the Jacobian:

    ∂L/∂z = Jᵀ ∂L/∂p = p ⊙ (g − Σ_j g_j p_j)          with g = ∂L/∂p

which needs no K×K matrix (``backprop``). With cross-entropy the product
simplifies to δ = (p − onehot)/m (model/losses.py), so training never calls it;
MSE on one-hot targets does. ``jacobian`` builds J itself for the inspect view
and the tests.

Shapes: z, p, g (..., m, K): samples as rows, the K outputs along the last axis.
"""
from __future__ import annotations

import numpy as np

from backprop_lab.model import activations
from backprop_lab.model.activations import Activation


def softmax(z, out):
    """p = softmax(z) along the last axis, into ``out``. Subtracting each row's max first
    leaves p unchanged (the factor e^(−max) cancels) and keeps e^(·) ≤ 1: no overflow."""
    np.subtract(z, z.max(axis=-1, keepdims=True), out=out)
    np.exp(out, out=out)
    return np.divide(out, out.sum(axis=-1, keepdims=True), out=out)


def softmax_diagonal(a, out):
    """The diagonal of J, ∂p_k/∂z_k = p_k (1 − p_k): what an element-wise view (a plot of
    f'(z)) can show. The backward pass uses ``backprop``, the whole Jacobian."""
    np.subtract(1.0, a, out=out)
    return np.multiply(out, a, out=out)


def jacobian(p) -> np.ndarray:
    """J = diag(p) − p pᵀ for every sample: p (..., m, K) -> (..., m, K, K)."""
    p = np.asarray(p, dtype=float)
    return p[..., :, None] * np.eye(p.shape[-1]) - p[..., :, None] * p[..., None, :]


def backprop(p, g, out):
    """∂L/∂z = Jᵀ g = p ⊙ (g − Σ_j g_j p_j), row by row, into ``out`` (may be g itself)."""
    gp = np.einsum("...k,...k->...", g, p)[..., None]    # Σ_j g_j p_j, (..., m, 1)
    np.subtract(g, gp, out=out)
    return np.multiply(out, p, out=out)


SOFTMAX = Activation("softmax", "p_k = e^(z_k) / Σ_j e^(z_j)", "∂p_k/∂z_j = p_k·(δ_kj − p_j)",
                     softmax, softmax_diagonal)

# What the output layer may use: every hidden activation, and softmax (K ≥ 3 classes only).
OUTPUT_ACTIVATIONS = (*activations.OUTPUT_ACTIVATIONS, "softmax")


def output_activation(name: str, leaky_slope: float = 0.01, elu_alpha: float = 1.0) -> Activation:
    """The output layer's activation called ``name``."""
    return SOFTMAX if name == "softmax" else activations.get(name, leaky_slope, elu_alpha)
