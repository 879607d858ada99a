"""Neuron health: hidden units that no longer learn.

A unit passes on gradient ``delta · f'(z)``. When ``f'(z)`` is (nearly) zero on
almost every training sample, the unit's incoming weights hardly change:

* sigmoid / tanh units **saturate**: ``f'(z) < 1 %`` of its maximum, i.e.
  ``a(1 − a) < 0.0025`` for the sigmoid (max 0.25) and ``1 − a² < 0.01`` for tanh
  (max 1);
* relu units **die**: ``a == 0`` (z ≤ 0) gives exactly zero gradient;
* leaky_relu units never die: below zero they still pass the leak's slope times
  delta, so they are never marked (nor are linear units).

``neuron_health`` returns, per hidden layer, the share of training samples in
that state for each unit, and marks units where the share reaches ``threshold``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backprop_lab.model.network import layer_outputs

SATURATION = 0.01        # f'(z) below this fraction of max f' counts as saturated


def _sigmoid_saturated(z, a):
    return a * (1.0 - a) < SATURATION * 0.25


def _tanh_saturated(z, a):
    return 1.0 - a * a < SATURATION * 1.0


def _relu_dead(z, a):
    return a == 0.0


# activation -> (kind of trouble, test per sample and unit on (z, a) of shape (n, units))
STUCK_TESTS = {
    "sigmoid": ("saturated", _sigmoid_saturated),
    "tanh": ("saturated", _tanh_saturated),
    "relu": ("dead", _relu_dead),
}


@dataclass(frozen=True)
class UnitHealth:
    """Health of one hidden layer's units (all arrays (units,))."""
    layer: int                   # 1-based layer index, as in the divergence messages
    activation: str
    saturated_share: np.ndarray  # share of samples with f'(z) < 1 % of max (sigmoid/tanh), else 0
    dead_share: np.ndarray       # share of samples with a == 0 (relu), else 0
    threshold: float             # share at which a unit is marked

    @property
    def saturated(self) -> np.ndarray:
        return self.saturated_share >= self.threshold

    @property
    def dead(self) -> np.ndarray:
        return self.dead_share >= self.threshold

    @property
    def stuck(self) -> np.ndarray:
        """Units marked either way."""
        return self.saturated | self.dead

    def __repr__(self):
        return (f"UnitHealth(layer {self.layer}, {self.activation}: "
                f"{int(self.saturated.sum())} saturated, {int(self.dead.sum())} dead "
                f"of {len(self.dead_share)})")


def neuron_health(source, X=None, threshold: float = 0.95) -> list[UnitHealth]:
    """Per hidden layer, which units are saturated or dead on the training points.

    ``source`` is a Snapshot (its ``X`` is used unless ``X`` is given) or a
    Network with ``X`` (n, 2) raw points. With no points every share is 0.
    """
    if X is None:
        X = source.X
    spec = source.spec
    X = np.asarray(X, dtype=np.float64).reshape(-1, 2)
    n = len(X)
    outputs = layer_outputs(spec, source.theta, X) if n else None
    kind, test = STUCK_TESTS.get(spec.activation, (None, None))
    result = []
    for i, width in enumerate(spec.sizes[1:-1]):
        share = np.zeros(width)
        if n and test is not None:
            z, a = outputs[i]
            share = np.count_nonzero(test(z, a), axis=0) / n
        zeros = np.zeros(width)
        result.append(UnitHealth(
            layer=i + 1, activation=spec.activation, threshold=threshold,
            saturated_share=share if kind == "saturated" else zeros,
            dead_share=share if kind == "dead" else zeros))
    return result
