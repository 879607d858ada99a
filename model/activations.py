"""Activation functions, each beside its derivative.

Every activation is a pair of small functions:

    f(z, out)       a = f(z), written into ``out`` (which may be z itself)
    f'(a, out)      f'(z), written into ``out``, computed from the *output* a = f(z)

Taking the derivative from a (as scikit-learn does) means the backward pass
needs no second trip through the forward function: σ'(z) = a(1 − a),
tanh'(z) = 1 − a², relu'(z) = [a > 0]. Both work on arrays of any shape
(samples, units, and a leading trial axis in a sweep). ``np.exp(z, out)`` is
``np.exp(z, out=out)``: the engine passes ``out`` positionally, as a keyword
costs NumPy a little parsing on every call (see model/fast_kernels.py).

``ACTIVATIONS`` maps the names the GUI and CLI list to ``Activation`` objects.
Where ``model.fast_kernels`` has a measurably faster way to compute the same
f(z), the registry runs it; what you read here is the formula it equals.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from backprop_lab.model import fast_kernels


@dataclass(frozen=True)
class Activation:
    """One activation: ``forward(z, out)`` gives a = f(z); ``derivative(a, out)`` gives f'(z)
    from a. ``formula`` and ``derivative_formula`` are the tooltips' text."""
    name: str
    formula: str
    derivative_formula: str
    forward: Callable
    derivative: Callable

    def __call__(self, z):
        """f(z) as a new array (for plots and checks)."""
        z = np.asarray(z, dtype=float)
        with np.errstate(over="ignore"):
            return self.forward(z, np.empty_like(z))

    def prime(self, a):
        """f'(z) as a new array, from a = f(z) (for plots and checks)."""
        a = np.asarray(a, dtype=float)
        return self.derivative(a, np.empty_like(a))

    def __repr__(self):
        return f"Activation({self.name}: {self.formula})"


# --- sigmoid: a = 1 / (1 + e^(−z)),  σ'(z) = a (1 − a) ---------------------------------
def sigmoid(z, out):
    # for z < −709, e^(−z) overflows to inf and 1 / (1 + inf) = 0, the right limit
    np.negative(z, out)
    np.exp(out, out)
    np.add(out, 1.0, out)
    return np.reciprocal(out, out)


def sigmoid_prime(a, out):
    np.multiply(a, a, out)
    return np.subtract(a, out, out)               # a − a² = a (1 − a), without a scalar operand


# --- tanh: a = (e^z − e^(−z)) / (e^z + e^(−z)),  tanh'(z) = 1 − a² ------------------------
def tanh(z, out):
    return np.tanh(z, out)


def tanh_prime(a, out):
    np.multiply(a, a, out)
    return np.subtract(1.0, out, out)         # 1 − a²


# --- relu: a = max(0, z),  relu'(z) = 1 where z > 0, else 0 ------------------------------
def relu(z, out):
    return np.maximum(z, 0.0, out=out)


def relu_prime(a, out):
    return np.greater(a, 0.0, out)            # a > 0 exactly where z > 0


# --- identity ("none"): a = z,  f'(z) = 1 -------------------------------------------------
def identity(z, out):
    np.copyto(out, z)
    return out


def identity_prime(a, out):
    out.fill(1.0)
    return out


# --- leaky relu: a = z where z > 0, else slope·z;  f'(z) = 1 or slope ----------------------
def leaky_relu(slope: float = 0.01) -> "Activation":
    if not 0.0 < slope < 1.0:
        raise ValueError(f"leaky_relu slope must be in (0, 1), got {slope}")

    def forward(z, out):
        return np.maximum(z, z * slope, out=out)  # max(z, slope·z), since 0 < slope < 1

    def derivative(a, out):
        np.greater(a, 0.0, out)               # a > 0 exactly where z > 0 (slope keeps the sign)
        np.multiply(out, 1.0 - slope, out)
        return np.add(out, slope, out)        # 1 where z > 0, slope elsewhere

    return Activation("leaky_relu", f"f(z) = z if z > 0 else {slope:g}·z",
                      f"f'(z) = 1 if z > 0 else {slope:g}", forward, derivative)


def _entry(name, formula, derivative_formula, forward, derivative) -> Activation:
    forward = fast_kernels.FASTER.get(name, forward)   # the same f(z), computed faster
    return Activation(name, formula, derivative_formula, forward, derivative)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": _entry("sigmoid", "σ(z) = 1 / (1 + e^(−z))", "σ'(z) = a·(1 − a)",
                      sigmoid, sigmoid_prime),
    "tanh": _entry("tanh", "tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))", "tanh'(z) = 1 − a²",
                   tanh, tanh_prime),
    "relu": _entry("relu", "relu(z) = max(0, z)", "relu'(z) = 1 if z > 0 else 0",
                   relu, relu_prime),
    "leaky_relu": leaky_relu(0.01),
    "none": _entry("none", "f(z) = z (no activation)", "f'(z) = 1", identity, identity_prime),
}


def get(name: str, leaky_slope: float = 0.01) -> Activation:
    """The activation called ``name``; ``leaky_slope`` only matters for leaky_relu."""
    if name == "leaky_relu":
        return leaky_relu(leaky_slope)
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; valid: {', '.join(ACTIVATIONS)}") from None
