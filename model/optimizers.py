"""Optimizers over one flat parameter vector.

Every optimizer sees ``theta`` and ``grad`` as flat arrays (or, for batched
sweeps, arrays with a leading trial axis: every rule is element-wise), keeps
its state in arrays of the same shape, writes the step it takes into ``upd``
and applies it: ``theta += upd``. A few NumPy calls per epoch, whatever the
number of layers.

Weight decay is decoupled (AdamW style, for every optimizer):
``theta -= lr · weight_decay · theta`` on the weights (``decay_mask``), not biases.
"""
from __future__ import annotations

import numpy as np

from backprop_lab.model.lookup import lookup


class Optimizer:
    name = "base"
    formula = ""
    state_names: tuple[str, ...] = ()

    def __init__(self, cfg, shape, dtype, decay_mask=None):
        self.t = 0
        self.shape = shape
        for s in self.state_names:
            setattr(self, s, np.zeros(shape, dtype=dtype))
        self._tmp = np.empty(shape, dtype=dtype)
        self.decay_mask = decay_mask
        self.set_hparams(cfg)

    def set_hparams(self, cfg):
        """Take lr and this optimizer's parameters from ``cfg``; state is kept."""
        self.lr = cfg.lr
        self.weight_decay = cfg.weight_decay
        self.momentum, self.nesterov = cfg.momentum, cfg.nesterov
        self.beta1, self.beta2, self.rho, self.eps = cfg.beta1, cfg.beta2, cfg.rho, cfg.eps
        self.amsgrad = cfg.amsgrad
        if self.amsgrad and not hasattr(self, "vmax"):
            self.vmax = np.zeros(self.shape, dtype=self._tmp.dtype)

    def update(self, theta, grad, upd):
        """Write this step into ``upd`` (shape of theta) and apply it to theta."""
        self.t += 1
        self._step(grad, upd)
        if self.weight_decay:
            np.multiply(theta, self.lr * self.weight_decay, out=self._tmp)
            if self.decay_mask is not None:
                self._tmp *= self.decay_mask
            upd -= self._tmp
        np.add(theta, upd, theta)

    def _step(self, g, upd):
        raise NotImplementedError

    # --- sessions -----------------------------------------------------------
    def state_dict(self) -> dict:
        d = {"t": self.t}
        for s in self.state_names + (("vmax",) if hasattr(self, "vmax") else ()):
            d[s] = getattr(self, s).copy()
        return d

    def load_state_dict(self, d: dict):
        self.t = int(d["t"])
        for s in self.state_names + (("vmax",) if "vmax" in d else ()):
            arr = np.asarray(d[s])
            if arr.shape != tuple(np.atleast_1d(self.shape)) and arr.shape != self.shape:
                raise ValueError(f"optimizer state {s!r} has shape {arr.shape}, expected {self.shape}")
            setattr(self, s, arr.astype(self._tmp.dtype, copy=True))

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr:g}, t={self.t})"


class SGD(Optimizer):
    name, formula = "sgd", "w ← w − η·g"

    def _step(self, g, upd):
        np.multiply(g, -self.lr, upd)


class Momentum(Optimizer):
    name = "momentum"
    formula = "v ← μ·v − η·g;  w ← w + v   (Nesterov: w ← w + μ·v − η·g)"
    state_names = ("v",)

    def _step(self, g, upd):
        v = self.v
        v *= self.momentum
        np.multiply(g, -self.lr, out=upd)
        v += upd
        if self.nesterov:
            np.multiply(v, self.momentum, out=self._tmp)
            upd += self._tmp
        else:
            np.copyto(upd, v)


class AdaGrad(Optimizer):
    name, formula = "adagrad", "G ← G + g²;  w ← w − η·g / (√G + ε)"
    state_names = ("G",)

    def _step(self, g, upd):
        np.multiply(g, g, out=upd)
        self.G += upd
        np.sqrt(self.G, out=upd)
        upd += self.eps
        np.divide(g, upd, out=upd)
        upd *= -self.lr


class RMSprop(Optimizer):
    name, formula = "rmsprop", "s ← ρ·s + (1 − ρ)·g²;  w ← w − η·g / (√s + ε)"
    state_names = ("s",)

    def _step(self, g, upd):
        np.multiply(g, g, out=upd)
        upd *= 1.0 - self.rho
        self.s *= self.rho
        self.s += upd
        np.sqrt(self.s, out=upd)
        upd += self.eps
        np.divide(g, upd, out=upd)
        upd *= -self.lr


class Adam(Optimizer):
    name = "adam"
    formula = ("m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  "
               "w ← w − η·m̂ / (√v̂ + ε),  m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)  (AMSGrad: v̂ from max v)")
    state_names = ("m", "v")

    def _step(self, g, upd):
        b1, b2, t = self.beta1, self.beta2, self.t
        self.m *= b1
        np.multiply(g, 1.0 - b1, out=upd)
        self.m += upd
        self.v *= b2
        np.multiply(g, g, out=upd)
        upd *= 1.0 - b2
        self.v += upd
        v = self.v
        if self.amsgrad:
            np.maximum(self.vmax, v, out=self.vmax)
            v = self.vmax
        c1 = 1.0 - b1 ** t
        c2 = 1.0 - b2 ** t
        # η·m̂/(√v̂ + ε) = (η/c1)·m / (√v/√c2 + ε): two scalars, no m̂/v̂ arrays
        np.sqrt(v, out=upd)
        upd *= 1.0 / np.sqrt(c2)
        upd += self.eps
        np.divide(self.m, upd, out=upd)
        upd *= -self.lr / c1


OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (SGD, Momentum, AdaGrad, RMSprop, Adam)
}


def make(cfg, shape, dtype, decay_mask=None) -> Optimizer:
    return lookup(OPTIMIZERS, "optimizer", cfg.optimizer)(cfg, shape, dtype, decay_mask)
