"""Losses: mean squared error and binary cross-entropy, both mean over samples.

Each loss gives its value and dL/dz at the output layer (``output_delta``).
BCE is computed from the logit z, ``log(1 + e^z) − y·z``, which is exact and
never takes log(0), so a saturated sigmoid gives a large finite loss, not NaN.
With a sigmoid output the BCE gradient is the famous ``(p − y) / n``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from backprop_lab.model.activations import zeros


@dataclass(frozen=True)
class Loss:
    name: str
    formula: str
    value: Callable          # value(p, y, z) -> float; p, y, z hold one value per sample
    output_delta: Callable   # output_delta(p, y, z, out_act, delta, tmp) -> L; fills delta = dL/dz

    def __repr__(self):
        return f"Loss({self.name}: {self.formula})"


def _mse_value(p, y, z):
    d = p - y
    return float(np.vdot(d, d)) / d.size


def _mse_delta(p, y, z, out_act, delta, tmp):
    m = p.size
    np.subtract(p, y, delta)          # p - y once, for both the loss and its gradient
    loss = float(np.vdot(delta, delta)) / m
    np.multiply(delta, 2.0 / m, delta)   # dL/dp
    out_act.backprop(delta, p, tmp)   # dL/dz = dL/dp · f'(z)
    return loss


def _bce_value(p, y, z):
    if z is None:   # no logit at hand: fall back to clipped probabilities
        eps = np.finfo(p.dtype).eps
        q = np.clip(p, eps, 1 - eps)
        return float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))
    return _bce_from_logits(y, z, np.empty_like(z))


def softplus(z, out):
    """out = log(1 + e^z) for any z, without overflow.

    As max(z, 0) + log1p(e^-|z|), with log1p(w) = log(u) - ((u - 1) - w)/u for
    u = 1 + w: u - 1 and (u - 1) - w are exact, so the second term takes back the
    rounding of u (a few ulps from log1p). NumPy's logaddexp and log1p work one
    element at a time; np.exp and np.log are vectorised: 10 000 float32 logits,
    220 µs → ~50 µs, which the output of case D in bench/engine_speed.py pays
    every epoch.
    """
    u = out
    w = np.abs(z)
    np.negative(w, w)
    np.exp(w, w)                      # w = e^-|z| in (0, 1]
    np.add(w, 1.0, u)                 # u = 1 + w, rounded
    d = np.subtract(u, 1.0)
    np.subtract(d, w, d)              # (u - 1) - w: the rounding of u, exactly
    np.divide(d, u, d)
    np.log(u, u)
    np.subtract(u, d, u)              # log1p(w)
    np.maximum(z, zeros(z.shape, z.dtype), out=w)   # (against a scalar 0: NumPy's slow path)
    return np.add(u, w, out)


def _bce_from_logits(y, z, tmp):
    # log(1 + e^z) - y z  ==  -[y log σ(z) + (1 - y) log(1 - σ(z))], exact for any z
    softplus(z, tmp)
    return (float(tmp.sum()) - float(np.vdot(y, z))) / z.size


def _bce_delta(p, y, z, out_act, delta, tmp):
    m = p.size
    if out_act.name == "sigmoid":
        loss = _bce_from_logits(y, z, tmp)
        np.subtract(p, y, delta)
        np.multiply(delta, 1.0 / m, delta)   # dL/dz = (p - y) / n
        return loss
    loss = _bce_value(p, y, None)
    np.subtract(p, y, out=delta)
    eps = np.finfo(p.dtype).eps       # general case: dL/dp = (p - y) / (p (1 - p) n)
    q = np.clip(p, eps, 1 - eps)
    delta /= q * (1 - q) * m
    out_act.backprop(delta, p, tmp)
    return loss


LOSSES: dict[str, Loss] = {
    "mse": Loss("mse", "L = mean((p − y)²)", _mse_value, _mse_delta),
    "bce": Loss("bce", "L = mean(−[y·log p + (1 − y)·log(1 − p)])", _bce_value, _bce_delta),
}


def get(name: str) -> Loss:
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; valid: {', '.join(LOSSES)}") from None
