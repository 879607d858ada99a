"""Gradient check: analytic dL/dθ beside central finite differences.

    result = check_gradients(network, X, y)
    result.passed, result.max_rel_error

The numeric estimate of each parameter is (L(θ + h·e_i) − L(θ − h·e_i)) / 2h,
computed on the data loss (no regularisation), with θ restored afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backprop_lab.model.network import Network


@dataclass(frozen=True)
class GradCheckResult:
    analytic: np.ndarray    # (P,) backprop gradient, flat like network.theta
    numeric: np.ndarray     # (P,) central-difference estimate
    rel_error: np.ndarray   # (P,) |a − n| / max(|a| + |n|, floor)
    max_rel_error: float
    overall_rel_error: float  # ‖a − n‖ / (‖a‖ + ‖n‖)
    tolerance: float

    @property
    def passed(self) -> bool:
        return self.overall_rel_error < self.tolerance and self.max_rel_error < self.tolerance

    def rows(self, network: Network):
        """(layer, kind, i, j, analytic, numeric, rel_error) per parameter, for tables.
        kind is "w" for W[i, j] and "b" for b[j]."""
        off = 0
        for l, layer in enumerate(network.layers):
            rows, cols = layer.block_shape()
            for k in range(rows * cols):
                i, j = divmod(k, cols)
                kind = "b" if layer.bias and i == layer.fan_in else "w"
                p = off + k
                yield (l, kind, i, j, self.analytic[p], self.numeric[p], self.rel_error[p])
            off += rows * cols


def _loss_fn(net: Network, X, y):
    y = np.asarray(y, dtype=net.dtype).reshape(-1, 1)
    ws = net.workspace(X)

    def loss():
        with np.errstate(over="ignore"):
            net.forward(ws)
            return float(net.loss_value(ws, y))
    return loss, ws, y


def numerical_gradient(net: Network, X, y, h: float = 1e-6) -> np.ndarray:
    loss, _, _ = _loss_fn(net, X, y)
    theta, g = net.theta, np.empty_like(net.theta)
    for i in range(theta.size):
        old = theta[i]
        theta[i] = old + h
        up = loss()
        theta[i] = old - h
        down = loss()
        theta[i] = old
        g[i] = (up - down) / (2 * h)
    return g


def analytic_gradient(net: Network, X, y) -> np.ndarray:
    loss, ws, yy = _loss_fn(net, X, y)
    saved = net.grad.copy()
    loss()
    net.backward(ws, yy)
    g = net.grad.copy()
    net.grad[...] = saved
    return g


def check_gradients(net: Network, X, y, h: float = 1e-6, tolerance: float = 1e-6,
                    floor: float = 1e-9) -> GradCheckResult:
    """Compare backprop with central differences on (X (n, 2), y (n, 1)).

    ``floor`` keeps the relative error meaningful where both gradients are ~0
    (a dead ReLU, an unused bias): there it measures the absolute difference.
    """
    a = analytic_gradient(net, X, y)
    n = numerical_gradient(net, X, y, h)
    diff = np.abs(a - n)
    rel = diff / np.maximum(np.abs(a) + np.abs(n), floor)
    overall = float(np.linalg.norm(a - n) / max(np.linalg.norm(a) + np.linalg.norm(n), floor))
    return GradCheckResult(a, n, rel, float(rel.max(initial=0.0)), overall, tolerance)
