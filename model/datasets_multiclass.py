"""Data sets of K classes (labels 0 .. K−1), beside the two-class ones in model/datasets.py.

Returns ``(X, y)`` like every generator there: X (n, 2), y (n, 1) float64
holding the label. Class k gets n // K points, the last class the rest.
"""
from __future__ import annotations

import numpy as np


def class_sizes(n: int, K: int) -> list[int]:
    """n points over K classes: n // K each, the last class the remainder."""
    return [n // K] * (K - 1) + [n - (K - 1) * (n // K)]


def labels(sizes) -> np.ndarray:
    """(n, 1): sizes[0] zeros, then sizes[1] ones, ..."""
    return np.repeat(np.arange(len(sizes), dtype=np.float64), sizes)[:, None]


def spiral_arms(n: int, K: int, rng: np.random.Generator, noise: float, jitter: float):
    """K interleaved arms, each turning 1.75 times from the centre out to radius 1;
    arm k is arm 0 turned by 2πk/K (for K = 2: by π, the two-class spiral)."""
    sizes = class_sizes(n, K)
    arms = []
    for k, m in enumerate(sizes):
        s = np.arange(m) / m                        # 0 .. 1 along the arm
        t = 1.75 * 2 * np.pi * s + (np.pi * k if K == 2 else 2 * np.pi * k / K)
        arms.append(np.column_stack([s * np.sin(t), s * np.cos(t)]))
    X = np.concatenate(arms)
    if noise:
        X = X + rng.normal(0.0, noise * jitter, size=X.shape)
    return X, labels(sizes)


def blobs(n: int = 200, noise: float = 0.1, seed: int = 0, classes: int = 3):
    """K round Gaussian clusters, centres evenly on a circle of radius 0.6 (the first
    at the top), std 0.1 + 0.3 * noise. Returns X (n, 2), y (n, 1) labels 0 .. K−1."""
    if n < 1 or noise < 0:
        raise ValueError(f"need n >= 1 and noise >= 0, got n={n}, noise={noise}")
    if not 2 <= classes <= 8:
        raise ValueError(f"blobs: classes must be between 2 and 8, got {classes}")
    rng = np.random.default_rng(seed)
    sizes = class_sizes(n, classes)
    angle = np.pi / 2 + 2 * np.pi * np.arange(classes) / classes
    centres = 0.6 * np.column_stack([np.cos(angle), np.sin(angle)])
    X = np.repeat(centres, sizes, axis=0) + rng.normal(0.0, 0.1 + 0.3 * noise, size=(n, 2))
    return X, labels(sizes)
