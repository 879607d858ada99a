"""Readouts of a regression run: R² and the mean absolute error of the newest epoch.

The history records R² in its accuracy column and the MAE in its own columns every
epoch; a session saved before those columns existed has no MAE for its last
epoch, and then it is computed here from the snapshot's weights on (at most
MAX_SCORED of) the points.
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


def _mae(snap, last: dict, test: bool) -> float:
    """The MAE ``last`` holds (the history's, of the epoch that gave its R²), else (a
    session saved before the history had it) the weights' on the points; NaN while
    there is no R² either (no epoch trained yet)."""
    v = last.get("test_mae" if test else "mae")
    if v is not None and math.isfinite(v):
        return v
    r2 = last["test_accuracy" if test else "accuracy"]
    return mean_absolute_error(snap, test) if math.isfinite(r2) else math.nan   # no epoch yet: –


def regression_readout(snap, last: dict) -> str:
    """``R² 0.951 · MAE 0.031`` (and the test figures when there is a test set)."""
    text = QCoreApplication.translate("ProblemReadouts", "R² {r2} · MAE {mae}").format(r2=_num(last["accuracy"]), mae=_num(_mae(snap, last, False)))
    if len(snap.X_test):
        text += QCoreApplication.translate("ProblemReadouts", " / test R² {r2} · MAE {mae}").format(r2=_num(last["test_accuracy"]),
                                                          mae=_num(_mae(snap, last, True)))
    return text


def regression_width(label, has_test: bool, shown: str = "") -> int:
    """A width for ``label`` that fits the readout with wide numbers (R² −0.999, MAE
    10.000), so the toolbar does not move as the digits change; wider when ``shown``
    (the text it will show: targets in the hundreds) needs it."""
    wide = {"r2": "−0.999", "mae": "10.000"}
    text = QCoreApplication.translate("ProblemReadouts", "R² {r2} · MAE {mae}").format(**wide)
    if has_test:
        text += QCoreApplication.translate("ProblemReadouts", " / test R² {r2} · MAE {mae}").format(**wide)
    margins = label.contentsMargins()
    advance = label.fontMetrics().horizontalAdvance
    return max(advance(text), advance(shown)) + margins.left() + margins.right() + 4
