"""Input features: fixed maps of the raw 2-D input, as in TensorFlow Playground.

Each entry of FEATURES takes X (n, 2) and returns one column (n,). It also
takes an optional ``out`` (n,) to write into, which is how ``transform``
fills its result in a single pass without temporaries.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def _x1(X, out=None):
    return np.positive(X[:, 0], out=out)    # a copy, or written into out


def _x2(X, out=None):
    return np.positive(X[:, 1], out=out)


def _x1_sq(X, out=None):
    return np.multiply(X[:, 0], X[:, 0], out=out)


def _x2_sq(X, out=None):
    return np.multiply(X[:, 1], X[:, 1], out=out)


def _x1_x2(X, out=None):
    return np.multiply(X[:, 0], X[:, 1], out=out)


def _sin_x1(X, out=None):
    return np.sin(X[:, 0], out=out)


def _sin_x2(X, out=None):
    return np.sin(X[:, 1], out=out)


FEATURES: dict[str, Callable[..., np.ndarray]] = {
    "x1": _x1,
    "x2": _x2,
    "x1^2": _x1_sq,
    "x2^2": _x2_sq,
    "x1*x2": _x1_x2,
    "sin(x1)": _sin_x1,
    "sin(x2)": _sin_x2,
}

# Short descriptions for tooltips.
FEATURE_FORMULAS: dict[str, str] = {
    "x1": "x1: the first input coordinate",
    "x2": "x2: the second input coordinate",
    "x1^2": "x1²: square of the first coordinate",
    "x2^2": "x2²: square of the second coordinate",
    "x1*x2": "x1·x2: product of the coordinates",
    "sin(x1)": "sin(x1): sine of the first coordinate (radians)",
    "sin(x2)": "sin(x2): sine of the second coordinate (radians)",
}


def check_names(names: Sequence[str]) -> tuple[str, ...]:
    """Return ``names`` as a tuple, or raise ValueError listing the valid names."""
    valid = ", ".join(FEATURES)
    if isinstance(names, str):
        raise ValueError(f"names must be a sequence of feature names, not the string "
                         f"{names!r}; valid names: {valid}")
    names = tuple(names)
    if not names:
        raise ValueError(f"at least one feature is needed; valid names: {valid}")
    unknown = [name for name in names if name not in FEATURES]
    if unknown:
        raise ValueError(f"unknown feature(s) {', '.join(map(repr, unknown))}; "
                         f"valid names: {valid}")
    return names


def transform(X: np.ndarray, names: Sequence[str], out: np.ndarray | None = None) -> np.ndarray:
    """Feature matrix, one column per name in the order of ``names``.

    X (n, 2) -> (n, len(names)). The dtype is X's (float64 if X is not a
    float array), or ``out``'s when ``out`` (n, len(names)) is given; then
    the result is written into ``out`` and ``out`` is returned.
    """
    names = check_names(names)
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), got {X.shape}")
    shape = (X.shape[0], len(names))
    if out is None:
        dtype = X.dtype if np.issubdtype(X.dtype, np.floating) else np.float64
        out = np.empty(shape, dtype=dtype)
    elif out.shape != shape:
        raise ValueError(f"out must have shape {shape}, got {out.shape}")
    for j, name in enumerate(names):
        FEATURES[name](X, out=out[:, j])
    return out
