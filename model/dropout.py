"""Inverted dropout on the hidden layers: a rate p per layer, a seeded mask per batch.

While training, each hidden unit's output is kept with probability 1 − p and
scaled so that its expected value is unchanged:

    keep = [u ≥ p] / (1 − p),   u ~ U[0, 1) per sample and unit
    forward    a_l ← a_l ⊙ keep_l
    backward   ∂L/∂a_l(before the mask) = ∂L/∂a_l(after) ⊙ keep_l,  then δ_l as usual

f'_l is taken from a_l *before* the mask (``Workspace.f_arg`` holds a copy of it).
Evaluation — the test loss, the map, the diagram, accuracies — runs without
masks: with the 1/(1 − p) scaling the clean network is the dropped networks'
expected output, so no rescaling is needed at test time.

The masks come from their own generator, seeded from the config's seed
(``np.random.default_rng([seed, 2])``), so Step, Reset and a saved session
replay the same masks bit for bit.
"""
from __future__ import annotations

import numpy as np


def layer_rates(cfg, layers) -> list[float]:
    """The dropout rate of each layer (0 for the output layer and a conv layer): cfg.dropout
    gives one rate for every hidden layer, or one per hidden layer."""
    rates = [0.0] * len(layers)
    dense_hidden = [l for l, layer in enumerate(layers[:-1]) if layer.kind == "dense"]
    given = tuple(cfg.dropout)
    if len(given) == 1:
        given = given * len(dense_hidden)
    for l, p in zip(dense_hidden, given):
        rates[l] = float(p)
    return rates


def drop(ws, l: int):
    """a_l ← a_l ⊙ keep_l in place, keeping the unmasked a_l where f' will read it."""
    a = ws.a[l + 1]
    if ws.f_arg[l] is not ws.z[l]:                # f' is taken from a: keep a copy of it
        np.copyto(ws.f_arg[l], a)
    np.multiply(a, ws.keep[l], out=a)


def set_masks(ws, keep):
    """Put given masks (per layer, None where there is none) into ws, with the copies of a
    that f' then reads (for the inspector, which replays a traced batch's masks)."""
    for l, k in enumerate(keep):
        ws.keep[l] = None if k is None else np.array(k, dtype=ws.a[l + 1].dtype)
        if k is not None and ws.f_arg[l] is ws.a[l + 1]:
            ws.f_arg[l] = np.empty(ws.a[l + 1].shape, ws.a[l + 1].dtype)


class Dropout:
    """The masks of one training run: ``rates`` per layer, drawn from ``rng``.

    ``draw(ws)`` fills ws.keep with fresh masks for the batch in ws; ``off(ws)``
    takes them away (the workspace then runs the clean network)."""

    def __init__(self, rates, seed: int):
        self.rates = list(rates)
        self.rng = np.random.default_rng([seed, 2])    # its own stream: resets repeat

    def __repr__(self):
        return f"Dropout(rates={self.rates})"

    def _buffers_for(self, ws):
        """(keep, f_arg with dropout, f_arg without) per layer, made once per workspace."""
        bufs = getattr(ws, "dropout_buffers", None)
        if bufs is None or bufs[0] is not self:
            plain = list(ws.f_arg) if bufs is None else bufs[3]
            keep, f_arg = [], []
            for l, p in enumerate(self.rates):
                a = ws.a[l + 1]
                keep.append(np.empty(a.shape, a.dtype) if p else None)
                from_a = plain[l] is a                 # else f' reads z, which the mask leaves alone
                f_arg.append(np.empty(a.shape, a.dtype) if p and from_a else plain[l])
            bufs = ws.dropout_buffers = (self, keep, f_arg, plain)
        return bufs[1:]

    def draw(self, ws):
        """New masks for every layer with a rate, into ws.keep."""
        keep, f_arg, _ = self._buffers_for(ws)
        for l, p in enumerate(self.rates):
            if p:
                k = keep[l]
                self.rng.random(dtype=k.dtype, out=k)
                np.greater_equal(k, p, out=k)          # kept with probability 1 − p
                np.multiply(k, 1.0 / (1.0 - p), out=k)
        ws.keep[:] = keep
        ws.f_arg[:] = f_arg

    def off(self, ws):
        """No masks: ws runs the clean network (evaluation)."""
        _, _, plain = self._buffers_for(ws)
        ws.keep[:] = [None] * len(ws.keep)
        ws.f_arg[:] = plain
