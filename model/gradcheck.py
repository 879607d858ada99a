"""Gradient check: analytic dL/dθ beside central finite differences.

    result = check_gradients(network, X, y)
    result.passed, result.max_rel_error

The numeric estimate of each parameter is (L(θ + h·e_i) − L(θ − h·e_i)) / 2h,
computed on the data loss (no regularisation), with θ restored afterwards.

A central difference assumes L is smooth between θ − h and θ + h. Where the ±h
step moves some unit's pre-activation z across a kink (z = 0 of a ReLU or leaky
ReLU), the estimate mixes the two sides' slopes and differs from the (correct)
one-sided derivative backprop uses: such parameters are marked ``kink`` and left
out of the verdict, which judges the rest.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backprop_lab.model.network import Network


KINKED = ("relu", "leaky_relu", "elu")   # activations whose derivative may jump at z = 0 (elu: α ≠ 1)


@dataclass(frozen=True)
class GradCheckResult:
    """Checked parameters ``index`` (k,) into theta (all P of them by default) and, per
    checked parameter, (k,) arrays; the errors are over the comparable ones (not ``kink``)."""
    analytic: np.ndarray    # (k,) backprop gradient
    numeric: np.ndarray     # (k,) central-difference estimate
    rel_error: np.ndarray   # (k,) |a − n| / max(|a| + |n|, floor)
    max_rel_error: float
    overall_rel_error: float  # ‖a − n‖ / (‖a‖ + ‖n‖)
    tolerance: float
    index: np.ndarray = None  # (k,) positions in theta
    kink: np.ndarray = None   # (k,) bool: the ±h step crossed a kink, not comparable
    n_params: int = 0
    floor: float = 0.0        # the relative error's smallest denominator (see check_gradients)

    @property
    def passed(self) -> bool:
        return self.overall_rel_error < self.tolerance and self.max_rel_error < self.tolerance

    @property
    def subset(self) -> bool:
        return len(self.index) < self.n_params

    @property
    def n_kinks(self) -> int:
        return int(np.count_nonzero(self.kink))


def _loss_fn(net: Network, X, y):
    y = np.asarray(y, dtype=net.dtype).reshape(-1, 1)
    ws = net.workspace(X)

    def loss():
        with np.errstate(over="ignore"):
            net.forward(ws)
            return float(net.loss_value(ws, y))
    return loss, ws, y


def kink_sides(net: Network, ws) -> np.ndarray:
    """Which side of its kink every unit with a kinked activation is on, every sample, all
    layers, after net.forward(ws): sign(a) of a = f(z), which for ReLU and leaky ReLU
    changes exactly where z crosses 0. One flat array (empty when there are no kinks)."""
    parts = [np.sign(ws.a[l + 1]).ravel() for l, layer in enumerate(net.layers) if layer.act.name in KINKED]
    return np.concatenate(parts) if parts else np.zeros(0)


def numerical_gradient(net: Network, X, y, h: float = 1e-6, index=None):
    """Central differences of the data loss for parameters ``index`` (k,) (default: all)
    -> (numeric (k,), kink (k,) bool: some z changed sign at θ ± h)."""
    loss, ws, _ = _loss_fn(net, X, y)
    theta = net.theta
    index = np.arange(theta.size) if index is None else np.asarray(index, dtype=np.intp)
    g, kink = np.empty(len(index)), np.zeros(len(index), bool)
    loss()
    base = kink_sides(net, ws)
    for k, i in enumerate(index):
        old = theta[i]
        theta[i] = old + h
        up = loss()
        crossed = not np.array_equal(kink_sides(net, ws), base)
        theta[i] = old - h
        down = loss()
        kink[k] = crossed or not np.array_equal(kink_sides(net, ws), base)
        theta[i] = old
        g[k] = (up - down) / (2 * h)
    return g, kink


def analytic_gradient(net: Network, X, y) -> np.ndarray:
    loss, ws, yy = _loss_fn(net, X, y)
    saved = net.grad.copy()
    loss()
    net.backward(ws, yy)
    g = net.grad.copy()
    net.grad[...] = saved
    return g


ROUNDING = 10     # the rounding error of L(θ ± h) is a few ε·L (a sum over the samples)


def rounding_noise(net: Network, X, y, h: float) -> float:
    """How far rounding alone can move the central difference: ROUNDING × ε·|L| / h."""
    loss, _, _ = _loss_fn(net, X, y)
    return ROUNDING * float(np.finfo(net.dtype).eps) * abs(loss()) / h


def check_gradients(net: Network, X, y, h: float = 1e-6, tolerance: float = 1e-6,
                    floor: float = 1e-9, index=None) -> GradCheckResult:
    """Compare backprop with central differences on (X (n, 2), y (n, 1)), for the
    parameters ``index`` (default: all).

    Where both gradients are ~0 (a dead ReLU, an unused bias, a deep net's first
    layers) the relative error measures the absolute difference over a floor: at
    least ``floor``, and at least what the central difference's own rounding error
    (ROUNDING × ε·L / h, about 1e-12 for L = 0.005) would need to stay within
    ``tolerance`` — a smaller gradient cannot be checked to that tolerance.
    Parameters whose ±h step crosses a kink are reported (``kink``) but not judged.
    """
    index = np.arange(net.n_params) if index is None else np.asarray(index, dtype=np.intp)
    a = analytic_gradient(net, X, y)[index]
    n, kink = numerical_gradient(net, X, y, h, index)
    floor = max(floor, rounding_noise(net, X, y, h) / tolerance)
    rel = np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), floor)
    ok = ~kink
    overall = float(np.linalg.norm(a[ok] - n[ok]) / max(np.linalg.norm(a[ok]) + np.linalg.norm(n[ok]), floor))
    return GradCheckResult(a, n, rel, float(rel[ok].max(initial=0.0)), overall, tolerance,
                           index, kink, net.n_params, floor)
