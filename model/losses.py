"""Losses, each a value beside its output delta δ = ∂L/∂z of the output layer.

Both are means over the m samples of a batch:

    MSE   L = (1/m) Σ (p − y)²                  δ = (2/m)(p − y) ⊙ f'(z)
    BCE   L = (1/m) Σ −[y log p + (1 − y) log(1 − p)]
          with a sigmoid output:                δ = (p − y) / m
    CE    L = (1/m) Σ_samples −log p_label  =  (1/m) Σ −Σ_k y_k log p_k   (y one-hot)
          with a softmax output:                δ = (p − y) / m

BCE with a sigmoid output is computed from the logit z as log(1 + e^z) − y·z,
which equals the formula above for every z and never takes log(0): a saturated
sigmoid gives a large finite loss, not NaN. With any other output the
probabilities are clipped to [ε, 1 − ε] first (ε the dtype's machine epsilon).
CE is computed from the logits the same way: −log p_label = log Σ_j e^(z_j) − z_label.

Shapes: p, y, z and delta are (..., m, k): samples, k outputs (1, or K one-hot
classes), and any leading axes (a sweep's trials). With K outputs MSE sums
over them, so K = 1 is the one-output MSE above. A loss is one number per network: a float
for one network, an array (T,) for T trials.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from backprop_lab.model import softmax
from backprop_lab.model.lookup import lookup


@dataclass(frozen=True)
class Loss:
    """``value(p, y, z, out_act)`` gives L; ``output_delta(p, y, z, out_act, delta, scratch)``
    gives L too and writes δ = ∂L/∂z into ``delta`` (``scratch`` is a buffer shaped like it)."""
    name: str
    formula: str
    value: Callable
    output_delta: Callable

    def __repr__(self):
        return f"Loss({self.name}: {self.formula})"


def total(x):
    """Σ over samples and outputs, one sum per network: x (..., m, k) -> (...)."""
    return np.add.reduce(x, axis=(-2, -1))


def sum_of_squares(d):
    """Σ d² over samples and outputs, one sum per network: d (..., m, k) -> (...)."""
    if d.ndim == 2:
        return np.vdot(d, d)        # one network: one call (total(d * d) takes two, ~1.5 µs more)
    return np.einsum("...ij,...ij->...", d, d)


# --- mean squared error ---------------------------------------------------------------
def mse_value(p, y, z, out_act):
    return sum_of_squares(p - y) / p.shape[-2]


def mse_delta(p, y, z, out_act, delta, scratch):
    m = p.shape[-2]
    np.subtract(p, y, delta)                            # p − y
    loss = sum_of_squares(delta) / m
    np.multiply(delta, 2.0 / m, delta)                  # ∂L/∂p = 2(p − y)/m
    if out_act.name == "softmax":                       # ∂L/∂z = Jᵀ ∂L/∂p (model/softmax.py)
        softmax.backprop(p, delta, out=delta)
        return loss
    np.multiply(delta, out_act.derivative(p, scratch), delta)   # ∂L/∂z = ∂L/∂p ⊙ f'(z)
    return loss


# --- binary cross-entropy ---------------------------------------------------------------
def bce_value(p, y, z, out_act):
    if out_act.name == "sigmoid":
        # log(1 + e^z) − y·z  ==  −[y log σ(z) + (1 − y) log(1 − σ(z))], exactly, for any z
        return total(np.logaddexp(0.0, z) - y * z) / p.shape[-2]
    q = _clipped(p)
    return total(-(y * np.log(q) + (1 - y) * np.log(1 - q))) / p.shape[-2]


def bce_delta(p, y, z, out_act, delta, scratch):
    m = p.shape[-2]
    if out_act.name == "sigmoid":
        # ∂L/∂p = (p − y) / (p(1 − p) m) and σ'(z) = p(1 − p): they cancel
        loss = total(np.subtract(np.logaddexp(0.0, z, out=scratch), y * z, out=scratch)) / m
        np.subtract(p, y, delta)
        np.multiply(delta, 1.0 / m, delta)              # δ = (p − y) / m
        return loss
    loss = bce_value(p, y, z, out_act)
    q = _clipped(p)
    np.subtract(p, y, out=delta)
    np.divide(delta, q * (1 - q) * m, out=delta)        # ∂L/∂p
    np.multiply(delta, out_act.derivative(p, scratch), out=delta)   # ∂L/∂z = ∂L/∂p ⊙ f'(z)
    return loss


# --- categorical cross-entropy (softmax output, one-hot y) -------------------------------
def log_sum_exp(z, p):
    """log Σ_j e^(z_j) over the last axis, (..., m, K) -> (..., m, 1), from the logits z and
    p = softmax(z): with k* the largest logit, p_k* = e^(z_k* − lse), so lse = z_k* − log p_k*.
    p_k* ≥ 1/K, so its log is finite, and no e^z is taken again (the forward pass did)."""
    return z.max(axis=-1, keepdims=True) - np.log(p.max(axis=-1, keepdims=True))


def ce_value(p, y, z, out_act):
    if out_act.name == "softmax":
        # −Σ_k y_k log p_k with log p_k = z_k − log Σ_j e^(z_j): never log 0, for any z
        return total(y * (log_sum_exp(z, p) - z)) / p.shape[-2]
    return total(-y * np.log(_clipped(p))) / p.shape[-2]    # (a config pairs CE with softmax only)


def ce_delta(p, y, z, out_act, delta, scratch):
    m = p.shape[-2]
    loss = ce_value(p, y, z, out_act)
    if out_act.name == "softmax":
        # ∂L/∂p_k = −y_k / (m p_k) and Jᵀ of softmax: they combine into δ = (p − y) / m
        np.subtract(p, y, out=delta)
        np.multiply(delta, 1.0 / m, out=delta)
        return loss
    np.divide(-y, _clipped(p) * m, out=delta)               # ∂L/∂p
    np.multiply(delta, out_act.derivative(p, scratch), out=delta)
    return loss


def _clipped(p):
    eps = np.finfo(p.dtype).eps
    return np.clip(p, eps, 1 - eps)


LOSSES: dict[str, Loss] = {
    "mse": Loss("mse", "L = mean((p − y)²)", mse_value, mse_delta),
    "bce": Loss("bce", "L = mean(−[y·log p + (1 − y)·log(1 − p)])", bce_value, bce_delta),
    "ce": Loss("ce", "L = mean(−log p_label) = mean(log Σ_j e^(z_j) − z_label)", ce_value, ce_delta),
}


def get(name: str) -> Loss:
    return lookup(LOSSES, "loss", name)
