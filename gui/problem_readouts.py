"""Readouts of a regression run: R² from the history, mean absolute error from the weights.

The history records R² in its accuracy column every epoch; the MAE is computed
here from the snapshot's weights on (at most MAX_SCORED of) the points, so the
per-epoch record keeps its shape.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication

from backprop_lab.model import metrics

MAX_SCORED = 20_000


def mean_absolute_error(snap, test: bool = False) -> float:
    """MAE of the snapshot's weights on its training (or test) points; an even sample of
    MAX_SCORED when there are more."""
    X, y = (snap.X_test, snap.y_test) if test else (snap.X, snap.y)
    if not len(X):
        return math.nan
    every = max(1, -(-len(X) // MAX_SCORED))
    X, y = X[::every], y[::every]
    with np.errstate(all="ignore"):
        return metrics.mae(snap.predict(X), y)


def _num(v: float) -> str:
    return "–" if v is None or not math.isfinite(v) else f"{v:.3f}"


def regression_readout(snap, last: dict) -> str:
    """``R² 0.951 · MAE 0.031`` (and the test figures when there is a test set)."""
    text = QCoreApplication.translate("ProblemReadouts", "R² {r2} · MAE {mae}").format(r2=_num(last["accuracy"]), mae=_num(mean_absolute_error(snap)))
    if len(snap.X_test):
        text += QCoreApplication.translate("ProblemReadouts", " / test R² {r2} · MAE {mae}").format(r2=_num(last["test_accuracy"]),
                                                          mae=_num(mean_absolute_error(snap, True)))
    return text
