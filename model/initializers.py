"""Weight initialisers. Each fills W (fan_in, fan_out) from a seeded Generator.

Biases start at zero (with every initialiser, ``standard_normal`` included:
the lab's N(0, 1) is for the weights). ``scale`` is the ``a`` of uniform(−a, a) and the ``σ``
of normal(σ); the fan-based schemes ignore it.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from backprop_lab.model.lookup import lookup


def he_normal(rng, fan_in, fan_out, scale):
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))


def xavier_uniform(rng, fan_in, fan_out, scale):
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def xavier_normal(rng, fan_in, fan_out, scale):
    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))


def uniform(rng, fan_in, fan_out, scale):
    return rng.uniform(-scale, scale, size=(fan_in, fan_out))


def normal(rng, fan_in, fan_out, scale):
    return rng.normal(0.0, scale, size=(fan_in, fan_out))


def standard_normal(rng, fan_in, fan_out, scale):
    """The lab's ``np.random.randn(fan_in, fan_out)``: σ = 1 whatever the layer's size."""
    return rng.standard_normal(size=(fan_in, fan_out))


INITIALIZERS: dict[str, Callable] = {
    "he_normal": he_normal,
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
    "uniform": uniform,
    "normal": normal,
    "standard_normal": standard_normal,
}

FORMULAS = {
    "he_normal": "W ~ N(0, 2 / fan_in)",
    "xavier_uniform": "W ~ U(−a, a), a = √(6 / (fan_in + fan_out))",
    "xavier_normal": "W ~ N(0, 2 / (fan_in + fan_out))",
    "uniform": "W ~ U(−a, a), a = init scale",
    "normal": "W ~ N(0, σ²), σ = init scale",
    "standard_normal": "W ~ N(0, 1) as np.random.randn (the classic lab); biases start at 0",
}


def get(name: str) -> Callable:
    return lookup(INITIALIZERS, "initializer", name)
