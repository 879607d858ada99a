"""Activation functions, each beside its derivative.

Every activation is a pair of small functions:

    f(z, out)       a = f(z), written into ``out`` (which may be z itself)
    f'(a, out)      f'(z), written into ``out``, computed from the *output* a = f(z)

Taking the derivative from a (as scikit-learn does) means the backward pass
needs no second trip through the forward function: σ'(z) = a(1 − a),
tanh'(z) = 1 − a², relu'(z) = [a > 0]. Both work on arrays of any shape
(samples, units, and a leading trial axis in a sweep). GELU and SiLU are not
one-to-one, so a does not tell z: their f' is taken from z
(``derivative_from == "z"``), and the network keeps their z beside a.

``np.exp(z, out)`` is ``np.exp(z, out=out)``: the lab's activations pass
``out`` positionally, as a keyword costs NumPy a little parsing on every call
(see model/fast_kernels.py); np.maximum takes it only as a keyword.

``ACTIVATIONS`` maps the names the GUI and CLI list to ``Activation`` objects.
Where ``model.fast_kernels`` has a measurably faster way to compute the same
f(z), the registry runs it; what you read here is the formula it equals.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from backprop_lab.model import fast_kernels
from backprop_lab.model.lookup import lookup


@dataclass(frozen=True)
class Activation:
    """One activation: ``forward(z, out)`` gives a = f(z); ``derivative(a, out)`` gives f'(z)
    from a. ``formula`` and ``derivative_formula`` are the tooltips' text."""
    name: str
    formula: str
    derivative_formula: str
    forward: Callable
    derivative: Callable
    derivative_from: str = "a"     # "a": f' is taken from a = f(z); "z": from z (GELU, SiLU)

    def __call__(self, z):
        """f(z) as a new array (for plots and checks)."""
        z = np.asarray(z, dtype=float)
        with np.errstate(over="ignore"):
            return self.forward(z, np.empty_like(z))

    def prime(self, a):
        """f'(z) as a new array, from a = f(z) (for plots and checks)."""
        if self.derivative_from == "z":
            raise ValueError(f"{self.name}'s derivative is taken from z, not a: use slope(z)")
        a = np.asarray(a, dtype=float)
        return self.derivative(a, np.empty_like(a))

    def slope(self, z):
        """f'(z) as a new array, from z, whatever the derivative is taken from."""
        z = np.asarray(z, dtype=float)
        with np.errstate(over="ignore"):
            x = z if self.derivative_from == "z" else self(z)
            return self.derivative(x, np.empty_like(x))

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


# --- elu: a = z where z > 0, else α(e^z − 1);  f'(z) = 1 or a + α --------------------------
def elu(alpha: float = 1.0) -> "Activation":
    if not 0.0 < alpha <= 10.0:
        raise ValueError(f"elu alpha must be in (0, 10], got {alpha}")

    def forward(z, out):
        neg = np.minimum(z, 0.0)                  # (a new array: out may be z itself)
        np.expm1(neg, out=neg)
        np.multiply(neg, alpha, out=neg)          # α(e^z − 1) where z ≤ 0, 0 where z > 0
        np.maximum(z, 0.0, out=out)
        return np.add(out, neg, out=out)

    def derivative(a, out):
        np.add(a, alpha, out=out)                 # where z ≤ 0: α e^z = a + α
        np.copyto(out, 1.0, where=a > 0)          # a > 0 exactly where z > 0
        return out

    return Activation("elu", f"elu(z) = z if z > 0 else {alpha:g}·(e^z − 1)",
                      f"elu'(z) = 1 if z > 0 else a + {alpha:g}", forward, derivative)


# --- softplus: a = log(1 + e^z),  f'(z) = σ(z) = 1 − e^(−a) ------------------------------
def softplus(z, out):
    return np.logaddexp(0.0, z, out=out)         # log(e^0 + e^z), never overflows


def softplus_prime(a, out):
    np.negative(a, out=out)
    np.expm1(out, out=out)
    return np.negative(out, out=out)              # 1 − e^(−a) = 1 / (1 + e^(−z)) = σ(z)


# --- softsign: a = z / (1 + |z|),  f'(z) = 1 / (1 + |z|)² = (1 − |a|)² ---------------------
def softsign(z, out):
    d = np.abs(z)
    np.add(d, 1.0, out=d)
    return np.divide(z, d, out=out)


def softsign_prime(a, out):
    np.abs(a, out=out)
    np.subtract(1.0, out, out=out)                # 1 − |a| = 1 / (1 + |z|)
    return np.multiply(out, out, out=out)


# --- gelu, the tanh approximation (Hendrycks & Gimpel), not the exact z·Φ(z) -------------
#     a = ½ z (1 + tanh(u)),  u = √(2/π) (z + 0.044715 z³)
#     f'(z) = ½ (1 + tanh u) + ½ z (1 − tanh² u) √(2/π) (1 + 3·0.044715 z²)
# f' needs z: a GELU is not one-to-one (a = −0.17 at z = −0.4 and near z = −1.5).
GELU_C = math.sqrt(2.0 / math.pi)


def gelu(z, out):
    t = np.multiply(z, z)
    np.multiply(t, 0.044715, out=t)
    np.add(t, 1.0, out=t)
    np.multiply(t, z, out=t)
    np.multiply(t, GELU_C, out=t)                 # u = √(2/π)(z + 0.044715 z³)
    np.tanh(t, out=t)
    np.add(t, 1.0, out=t)
    np.multiply(t, 0.5, out=t)                    # ½ (1 + tanh u)
    return np.multiply(z, t, out=out)


def gelu_prime(z, out):
    z2 = np.multiply(z, z)
    t = np.multiply(z2, 0.044715)
    np.add(t, 1.0, out=t)
    np.multiply(t, z, out=t)
    np.multiply(t, GELU_C, out=t)
    np.tanh(t, out=t)                             # tanh u
    np.multiply(z2, 3 * 0.044715, out=z2)
    np.add(z2, 1.0, out=z2)
    np.multiply(z2, GELU_C, out=z2)               # du/dz = √(2/π)(1 + 3·0.044715 z²)
    np.multiply(t, t, out=out)
    np.subtract(1.0, out, out=out)                # 1 − tanh² u
    np.multiply(out, z2, out=out)
    np.multiply(out, z, out=out)
    np.add(out, t, out=out)
    np.add(out, 1.0, out=out)
    return np.multiply(out, 0.5, out=out)         # ½(1 + tanh u) + ½ z (1 − tanh² u) du/dz


# --- silu / swish: a = z σ(z),  f'(z) = σ(z) (1 + z (1 − σ(z))) ----------------------------
# f' needs z: SiLU is not one-to-one (it dips to −0.28 at z ≈ −1.28).
def silu(z, out):
    s = sigmoid(z, np.empty_like(z))
    return np.multiply(z, s, out=out)


def silu_prime(z, out):
    s = sigmoid(z, np.empty_like(z))
    np.subtract(1.0, s, out=out)
    np.multiply(out, z, out=out)
    np.add(out, 1.0, out=out)
    return np.multiply(out, s, out=out)


def _entry(name, formula, derivative_formula, forward, derivative, derivative_from="a") -> Activation:
    forward = fast_kernels.FASTER.get(name, forward)   # the same f(z), computed faster
    return Activation(name, formula, derivative_formula, forward, derivative, derivative_from)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": _entry("sigmoid", "σ(z) = 1 / (1 + e^(−z))", "σ'(z) = a·(1 − a)",
                      sigmoid, sigmoid_prime),
    "tanh": _entry("tanh", "tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))", "tanh'(z) = 1 − a²",
                   tanh, tanh_prime),
    "relu": _entry("relu", "relu(z) = max(0, z)", "relu'(z) = 1 if z > 0 else 0",
                   relu, relu_prime),
    "leaky_relu": leaky_relu(0.01),
    "none": _entry("none", "f(z) = z (no activation)", "f'(z) = 1", identity, identity_prime),
    "elu": elu(1.0),
    "softplus": _entry("softplus", "softplus(z) = log(1 + e^z)", "softplus'(z) = σ(z) = 1 − e^(−a)",
                       softplus, softplus_prime),
    "gelu": _entry("gelu", "gelu(z) ≈ ½·z·(1 + tanh(√(2/π)·(z + 0.044715·z³)))  (tanh approximation)",
                   "gelu'(z) = ½(1 + tanh u) + ½·z·(1 − tanh² u)·√(2/π)·(1 + 0.134145·z²)",
                   gelu, gelu_prime, "z"),
    "silu": _entry("silu", "silu(z) = swish(z) = z·σ(z)", "silu'(z) = σ(z)·(1 + z·(1 − σ(z)))",
                   silu, silu_prime, "z"),
    "softsign": _entry("softsign", "softsign(z) = z / (1 + |z|)", "softsign'(z) = 1 / (1 + |z|)² = (1 − |a|)²",
                       softsign, softsign_prime),
}
# Output activations: those whose derivative the losses can take from p (GELU and SiLU
# need z, so they are for hidden layers only).
OUTPUT_ACTIVATIONS = tuple(n for n, a in ACTIVATIONS.items() if a.derivative_from == "a")


def get(name: str, leaky_slope: float = 0.01, elu_alpha: float = 1.0) -> Activation:
    """The activation called ``name``; ``leaky_slope`` only matters for leaky_relu,
    ``elu_alpha`` only for elu."""
    if name == "leaky_relu":
        return leaky_relu(leaky_slope)
    if name == "elu":
        return elu(elu_alpha)
    return lookup(ACTIVATIONS, "activation", name)
