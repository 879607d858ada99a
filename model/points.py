"""The one rule for a set of points and their labels, wherever they come from
(a data set, a CSV file, a session, clicks in the window)."""
from __future__ import annotations

import numpy as np


def checked_points(X, y, what: str, task: str = "classification",
                   classes: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """X as (n, 2) and y as (n, 1) float64 arrays, or ValueError naming ``what``:
    as many labels as points, finite coordinates, labels 0 or 1 (0 .. classes − 1
    for more classes; any finite target for task "regression")."""
    X = np.array(X, dtype=np.float64, ndmin=2).reshape(-1, 2) if np.size(X) else np.zeros((0, 2))
    y = np.array(y, dtype=np.float64).reshape(-1, 1) if np.size(y) else np.zeros((0, 1))
    if len(X) != len(y):
        raise ValueError(f"{what}: {len(X)} points but {len(y)} labels")
    if not np.isfinite(X).all():
        raise ValueError(f"{what}: points contain NaN or infinite coordinates")
    if task == "regression":
        if not np.isfinite(y).all():
            raise ValueError(f"{what}: targets contain NaN or infinite values")
    elif classes > 2:
        if not np.isin(y, np.arange(classes, dtype=np.float64)).all():
            raise ValueError(f"{what}: labels must be whole numbers 0 to {classes - 1}")
    elif not np.isin(y, (0.0, 1.0)).all():
        raise ValueError(f"{what}: labels must be 0 or 1")
    return X, y


def is_label(v, classes: int = 2) -> bool:
    """One value by checked_points' rule: a whole number 0 .. classes − 1 (0 or 1 for two
    classes); False for NaN and ±inf. For a value read alone (a CSV line, a click)."""
    return v in range(max(int(classes), 2))
