"""TensorFlow Playground's two regression data sets, scaled to [−1, 1]².

Returns ``(X, y)``: X (n, 2) uniform in [−1, 1]², y (n, 1) a float target in
about [−1, 1]. ``noise`` (0 .. 1) moves the place where the target is read
(not the point) by up to ``noise`` in each coordinate, as the Playground does,
so nearby points disagree.

    plane         y = 0.6 (x1 + x2)
    multi-gauss   six bumps of height ±1 (sign alternating), y = the bump of
                  largest |value| at the point, each 1 − 3·distance, 0 beyond 1/3
"""
from __future__ import annotations

import numpy as np

# (x, y, sign) of the six bumps: the Playground's (±4, ±2.5) / 6 and its signs
BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                  [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]], float) / [6, 6, 1]


def _points(n: int, noise: float, seed: int):
    if n < 1 or noise < 0:
        raise ValueError(f"need n >= 1 and noise >= 0, got n={n}, noise={noise}")
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    read_at = X + rng.uniform(-1.0, 1.0, size=(n, 2)) * noise
    return X, read_at


def plane_target(P) -> np.ndarray:
    """(n,) 0.6 (x1 + x2)."""
    return 0.6 * (P[:, 0] + P[:, 1])


def multi_gauss_target(P) -> np.ndarray:
    """(n,) the largest-|value| bump: sign · max(0, 1 − 3·|P − centre|)."""
    d = np.hypot(P[:, None, 0] - BUMPS[:, 0], P[:, None, 1] - BUMPS[:, 1])   # (n, 6)
    values = BUMPS[:, 2] * np.clip(1.0 - 3.0 * d, 0.0, 1.0)
    return values[np.arange(len(P)), np.argmax(np.abs(values), axis=1)]


def plane(n: int = 200, noise: float = 0.0, seed: int = 0):
    X, at = _points(n, noise, seed)
    return X, plane_target(at)[:, None]


def multi_gauss(n: int = 200, noise: float = 0.0, seed: int = 0):
    X, at = _points(n, noise, seed)
    return X, multi_gauss_target(at)[:, None]
