"""Losses, each a value beside its output delta δ = ∂L/∂z of the output layer.

Both are means over the m samples of a batch:

    MSE   L = (1/m) Σ (p − y)²                  δ = (2/m)(p − y) ⊙ f'(z)
    BCE   L = (1/m) Σ −[y log p + (1 − y) log(1 − p)]
          with a sigmoid output:                δ = (p − y) / m

BCE with a sigmoid output is computed from the logit z as log(1 + e^z) − y·z,
which equals the formula above for every z and never takes log(0): a saturated
sigmoid gives a large finite loss, not NaN. With any other output the
probabilities are clipped to [ε, 1 − ε] first (ε the dtype's machine epsilon).

Shapes: p, y, z and delta are (..., m, 1): samples, one output, and any
leading axes (a sweep's trials). A loss is one number per network: a float
for one network, an array (T,) for T trials.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np


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


def _clipped(p):
    eps = np.finfo(p.dtype).eps
    return np.clip(p, eps, 1 - eps)


LOSSES: dict[str, Loss] = {
    "mse": Loss("mse", "L = mean((p − y)²)", mse_value, mse_delta),
    "bce": Loss("bce", "L = mean(−[y·log p + (1 − y)·log(1 − p)])", bce_value, bce_delta),
}


def get(name: str) -> Loss:
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; valid: {', '.join(LOSSES)}") from None
