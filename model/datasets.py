"""Toy 2-D classification data sets, in the spirit of TensorFlow Playground.

Every generator returns ``(X, y)``: ``X`` float64 of shape (n, 2) and ``y``
float64 of shape (n, 1) with values in {0., 1.}. All randomness comes from
``numpy.random.default_rng(seed)``, so equal arguments give bit-identical
arrays. Where a generator balances its classes, class 0 gets ``n // 2``
points and class 1 the rest, class 0 first.

``noise`` (0 .. 1) jitters the points *after* labelling with Gaussian noise
of std ``noise * JITTER`` (the gaussian blobs instead widen with it), so a
noisy point can land on the other side of the ideal boundary: that is the
point of noise.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from backprop_lab.model import datasets_multiclass, datasets_regression
from backprop_lab.model.lookup import lookup

JITTER = 0.1    # std of the point jitter at noise = 1, in data units
MARGIN = 0.05   # xor: gap kept between the points and the axes at noise 0


def _check(n: int | None, noise: float) -> None:
    if n is not None and n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")


def _labels(n0: int, n1: int) -> np.ndarray:
    """(n0 + n1, 1): n0 zeros then n1 ones."""
    return np.concatenate([np.zeros(n0), np.ones(n1)])[:, None]


def _jitter(rng: np.random.Generator, X: np.ndarray, noise: float) -> np.ndarray:
    """X (n, 2) plus N(0, (noise * JITTER)^2) per coordinate; no draw at noise 0."""
    if noise == 0:
        return X
    return X + rng.normal(0.0, noise * JITTER, size=X.shape)


def linear(n: int = 100, seed: int = 0, noise: float = 0.0):
    """n points uniform in [0, 1]^2; label 0 where x1 > x2, else 1.

    Classes are not balanced: each label's count follows the draw.
    Returns X (n, 2), y (n, 1).
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    X = rng.random((n, 2))
    y = (X[:, 0] <= X[:, 1]).astype(np.float64)[:, None]
    return _jitter(rng, X, noise), y


def xor_easy(n: int | None = None, seed: int | None = None, noise: float = 0.0):
    """The lab's 21 points: the diagonal (0.1 i, 0.1 i), i = 0..10, label 0,
    then the anti-diagonal (0.1 i, 1 - 0.1 i), i = 0..10 except 5, label 1
    (i = 5 would repeat the centre point with the other label).

    ``n`` is ignored; ``seed`` only matters for ``noise > 0`` (None means 0).
    Returns X (21, 2), y (21, 1).
    """
    _check(None, noise)
    i = np.arange(11)
    j = i[i != 5]
    diag = np.column_stack([0.1 * i, 0.1 * i])
    anti = np.column_stack([0.1 * j, 1 - 0.1 * j])
    X = np.concatenate([diag, anti])
    rng = np.random.default_rng(0 if seed is None else seed)
    return _jitter(rng, X, noise), _labels(len(i), len(j))


def circle(n: int = 200, noise: float = 0.1, seed: int = 0):
    """Label 0: a disc of radius 0.5; label 1: a ring 0.7 <= r <= 1.

    Radius and angle are uniform (so points crowd towards the centre, as in
    the Playground). Returns X (n, 2), y (n, 1), balanced.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = n // 2, n - n // 2
    r = np.concatenate([rng.uniform(0.0, 0.5, n0), rng.uniform(0.7, 1.0, n1)])
    t = rng.uniform(0.0, 2 * np.pi, n)
    X = np.column_stack([r * np.cos(t), r * np.sin(t)])
    return _jitter(rng, X, noise), _labels(n0, n1)


def spiral(n: int = 200, noise: float = 0.1, seed: int = 0, classes: int = 2):
    """Two interleaved arms, each turning 1.75 times from the centre out to
    radius 1; arm 1 is arm 0 turned by pi. At noise 0 no draw is made.
    ``classes`` K > 2: K arms, arm k turned by 2πk/K, labels 0 .. K−1.

    Returns X (n, 2), y (n, 1), balanced.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    return datasets_multiclass.spiral_arms(n, classes, rng, noise, JITTER)


def gaussian(n: int = 200, noise: float = 0.1, seed: int = 0):
    """Two round Gaussian blobs: centre (-0.5, -0.5) label 0 and (0.5, 0.5)
    label 1, std 0.1 + 0.5 * noise (they overlap visibly from noise ~0.4).

    Returns X (n, 2), y (n, 1), balanced.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = n // 2, n - n // 2
    centres = np.repeat([[-0.5, -0.5], [0.5, 0.5]], [n0, n1], axis=0)
    X = centres + rng.normal(0.0, 0.1 + 0.5 * noise, size=(n, 2))
    return X, _labels(n0, n1)


def xor(n: int = 200, noise: float = 0.1, seed: int = 0):
    """Quadrants of [-1, 1]^2: label 1 where x1 * x2 < 0 (2nd and 4th
    quadrants), label 0 where x1 * x2 > 0 -- the same orientation as
    xor_easy, whose anti-diagonal is label 1. Before jitter every coordinate
    is at least MARGIN from the axes.

    Returns X (n, 2), y (n, 1), balanced.
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n0, n1 = n // 2, n - n // 2
    y = _labels(n0, n1)
    size = rng.uniform(MARGIN, 1.0, size=(n, 2))
    sign1 = rng.choice([-1.0, 1.0], size=n)
    # Class 0 takes the same sign for x2, class 1 the opposite.
    sign2 = np.where(y[:, 0] == 0, sign1, -sign1)
    X = size * np.column_stack([sign1, sign2])
    return _jitter(rng, X, noise), y


DATASETS: dict[str, Callable] = {
    "linear": linear,
    "xor-easy": xor_easy,
    "circle": circle,
    "spiral": spiral,
    "gaussian": gaussian,
    "xor": xor,
    "blobs": datasets_multiclass.blobs,
    "plane": datasets_regression.plane,
    "multi-gauss": datasets_regression.multi_gauss,
}
# Data sets that take ``classes`` (K arms or clusters), and those whose y is a float target.
MULTICLASS_SETS = ("spiral", "blobs")
REGRESSION_SETS = ("plane", "multi-gauss")

# (xmin, xmax, ymin, ymax) view window per data set, padded, for plots.
DEFAULT_RANGE: dict[str, tuple[float, float, float, float]] = {
    name: (-0.1, 1.1, -0.1, 1.1) if name in ("linear", "xor-easy")
    else (-1.2, 1.2, -1.2, 1.2)
    for name in DATASETS
}


def make(name: str, n: int | None = None, noise: float | None = None,
         seed: int | None = None, classes: int | None = None):
    """Generate the data set called ``name`` (a key of DATASETS).

    Arguments left as None take that generator's own default; ``classes`` only
    reaches the MULTICLASS_SETS. Returns X (n, 2), y (n, 1).
    """
    generate = lookup(DATASETS, "data set", name)
    given = {"n": n, "noise": noise, "seed": seed}
    if name in MULTICLASS_SETS:
        given["classes"] = classes
    return generate(**{k: v for k, v in given.items() if v is not None})


def train_test_split(X: np.ndarray, y: np.ndarray, test_fraction: float, seed: int):
    """Shuffle with ``default_rng(seed)`` and hold out round(n * test_fraction)
    points for testing, always keeping at least one for training.

    X (n, 2), y (n, 1) -> X_train (n - k, 2), y_train (n - k, 1),
    X_test (k, 2), y_test (k, 1); all copies. test_fraction in [0, 1).
    """
    if not 0 <= test_fraction < 1:
        raise ValueError(f"test_fraction must be in [0, 1), got {test_fraction}")
    n = len(X)
    if len(y) != n:
        raise ValueError(f"X has {n} rows but y has {len(y)}")
    n_test = max(0, min(int(round(n * test_fraction)), n - 1))
    order = np.random.default_rng(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], y[train], X[test], y[test]
