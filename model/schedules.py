"""Learning-rate schedules: the lr of each epoch, from the base lr η₀ = cfg.lr.

t = epoch − 1 (the first epoch trains with η₀), T = cfg.lr_period epochs:

    constant     η = η₀
    step         η = η₀ · d^⌊t / T⌋                  (× d every T epochs)
    exponential  η = η₀ · d^(t / T)                  (the same × d per T epochs, smoothly)
    cosine       η = η_min + (η₀ − η_min) · (1 + cos(π·t/T)) / 2 for t ≤ T, then η_min;
                 with warm restarts (SGDR) t runs modulo T: back to η₀ every T epochs
    cyclic       triangular: η_min → η₀ → η_min over every T epochs
    one_cycle    one cycle over T epochs: cosine up from η_min to η₀ over the first 30 %,
                 cosine down to η_min over the rest, then η_min

d = cfg.lr_decay, η_min = cfg.lr_min. The Trainer sets the optimizer's lr from
``lr_at(cfg, epoch)`` before each epoch; a schedule is part of the config, so
it is saved in a session and can be a sweep axis.
"""
from __future__ import annotations

import math

import numpy as np


def _constant(cfg, t):
    return cfg.lr


def _step(cfg, t):
    return cfg.lr * cfg.lr_decay ** (t // cfg.lr_period)


def _exponential(cfg, t):
    return cfg.lr * cfg.lr_decay ** (t / cfg.lr_period)


def _cosine(cfg, t):
    T = cfg.lr_period
    t = t % T if cfg.lr_restarts else min(t, T)
    return cfg.lr_min + (cfg.lr - cfg.lr_min) * (1 + math.cos(math.pi * t / T)) / 2


def _cyclic(cfg, t):
    T = cfg.lr_period
    x = (t % T) / T                                    # where in the cycle, 0 .. 1
    return cfg.lr_min + (cfg.lr - cfg.lr_min) * (1 - abs(2 * x - 1))


def _one_cycle(cfg, t):
    T = cfg.lr_period
    up = max(1, round(0.3 * T))
    if t >= T:
        return cfg.lr_min
    if t < up:                                         # warm-up: η_min → η₀
        return cfg.lr_min + (cfg.lr - cfg.lr_min) * (1 - math.cos(math.pi * t / up)) / 2
    return cfg.lr_min + (cfg.lr - cfg.lr_min) * (1 + math.cos(math.pi * (t - up) / (T - up))) / 2


SCHEDULES = {
    "constant": _constant,
    "step": _step,
    "exponential": _exponential,
    "cosine": _cosine,
    "cyclic": _cyclic,
    "one_cycle": _one_cycle,
}

FORMULAS = {
    "constant": "η = η₀",
    "step": "η = η₀ · d^⌊t / T⌋",
    "exponential": "η = η₀ · d^(t / T)",
    "cosine": "η = η_min + (η₀ − η_min)·(1 + cos(π·t/T))/2   (restarts: t mod T)",
    "cyclic": "η = η_min + (η₀ − η_min)·(1 − |2·(t mod T)/T − 1|)",
    "one_cycle": "η_min → η₀ over 0.3·T (cosine), η₀ → η_min over the rest, then η_min",
}


def lr_at(cfg, epoch: int) -> float:
    """The learning rate of epoch ``epoch`` (1-based) under cfg's schedule."""
    return float(SCHEDULES[cfg.lr_schedule](cfg, max(int(epoch) - 1, 0)))


def lr_curve(cfg, epochs) -> np.ndarray:
    """lr_at for each of ``epochs`` (a sequence of 1-based epoch numbers)."""
    return np.array([lr_at(cfg, e) for e in epochs], float)


def describe(cfg) -> str:
    """One line for a log or a status bar: 'cosine, T 1000, η_min 0.001'."""
    name = cfg.lr_schedule
    if name == "constant":
        return "constant"
    if name in ("step", "exponential"):
        return f"{name}, ×{cfg.lr_decay:g} per {cfg.lr_period} epochs"
    restarts = ", warm restarts" if name == "cosine" and cfg.lr_restarts else ""
    return f"{name}, T {cfg.lr_period} epochs, η_min {cfg.lr_min:g}{restarts}"
