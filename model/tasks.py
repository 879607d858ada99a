"""Problem types: two classes, K classes, regression, and what each changes.

    two classes    one sigmoid output, MSE or BCE, y ∈ {0, 1}: the lab's network
    K classes      K outputs (softmax + CE, or MSE on one-hot y), labels 0 .. K−1
    regression     one output (linear: "none"), MSE, y a float target

``TrainConfig.task`` ("classification" or "regression") and ``TrainConfig.classes``
choose. The engine sees the difference in three places only: the output width
(``output_units``), the target the loss compares with (``loss_targets``: the
labels themselves, or one-hot rows), and how a prediction is scored
(``Scoring``: correct counts, or R² from the squared errors).
"""
from __future__ import annotations

import numpy as np

from backprop_lab.model import metrics

TASKS = ("classification", "regression")
MAX_CLASSES = 8


def is_regression(cfg) -> bool:
    return getattr(cfg, "task", "classification") == "regression"


def n_classes(cfg) -> int:
    """Classes of a classification config (1 for regression)."""
    return 1 if is_regression(cfg) else int(getattr(cfg, "classes", 2))


def output_units(cfg) -> int:
    """K outputs for K ≥ 3 classes; one output for two classes and for regression."""
    K = n_classes(cfg)
    return K if K >= 3 else 1


def metric_name(cfg) -> str:
    """What the accuracy column holds: "accuracy" or "R²"."""
    return "R²" if is_regression(cfg) else "accuracy"


def defaults_for(task: str, classes: int, loss: str | None = None) -> dict:
    """The output activation and loss a problem starts with: softmax + CE for K ≥ 3
    (or softmax + MSE when ``loss`` is "mse"), sigmoid for two classes (keeping an MSE
    or BCE ``loss``), a linear output with MSE for regression."""
    if task == "regression":
        return {"task": task, "output_activation": "none", "loss": "mse"}
    if classes >= 3:
        return {"task": task, "classes": classes, "output_activation": "softmax",
                "loss": "mse" if loss == "mse" else "ce"}
    return {"task": task, "classes": 2, "output_activation": "sigmoid",
            "loss": loss if loss in ("mse", "bce") else "mse"}


def one_hot(labels, K: int, dtype=np.float64) -> np.ndarray:
    """labels (n,) or (n, 1) in 0 .. K−1 -> (n, K) rows with a single 1."""
    idx = np.clip(np.rint(np.asarray(labels, dtype=np.float64).reshape(-1)), 0, K - 1).astype(np.intp)
    out = np.zeros((len(idx), K), dtype)
    out[np.arange(len(idx)), idx] = 1.0
    return out


def loss_targets(y, outputs: int, dtype=np.float64) -> np.ndarray:
    """What the loss compares the output with: y (n, 1) itself for one output, one-hot
    (n, K) for K outputs (y given as labels (n,) or (n, 1), or already one-hot (n, K))."""
    y = np.asarray(y, dtype=dtype)
    if outputs == 1:
        return y.reshape(-1, 1)
    if y.ndim == 2 and y.shape[1] == outputs:
        return y
    return one_hot(y, outputs, dtype)


def label_rule(cfg) -> dict:
    """Keyword arguments for ``points.checked_points``: which y values are allowed."""
    return {"task": "regression" if is_regression(cfg) else "classification", "classes": n_classes(cfg)}


def score(cfg, p, y) -> float:
    """Accuracy (classification) or R² (regression) of outputs p (n, k) for y (n, 1)."""
    return metrics.r2(p, y) if is_regression(cfg) else metrics.accuracy(p, y)


class Scoring:
    """How the Trainer scores an epoch of a K-class or regression problem (two classes
    keep the Trainer's own inline count). ``batch(p, truth)`` gives the batch's part
    (correct count, or Σ(p − y)², adding Σ|p − y| to ``abs_error``); ``epoch(total, n)``
    the epoch's accuracy or R² (and for regression sets ``mae``)."""

    def __init__(self, cfg, y):
        self.regression = is_regression(cfg)
        self.classes = n_classes(cfg)
        y = np.asarray(y, dtype=np.float64).reshape(-1, 1)
        self.sst = metrics.total_sum_of_squares(y)
        # the truth a batch is scored against: float targets, or integer labels (n,)
        self.truth = y if self.regression else np.rint(y[:, 0]).astype(np.int64)
        self.abs_error = 0.0      # regression: Σ|p − y| over the epoch's batches so far
        self.mae = float("nan")   # regression: the last epoch's mean absolute error

    def batch(self, p, truth) -> float:
        if self.regression:
            d = p - truth
            self.abs_error += float(np.abs(d).sum())     # the epoch's MAE: abs_error / n
            return float(np.vdot(d, d))
        return int(np.count_nonzero(np.argmax(p, axis=-1) == truth))

    def epoch(self, total: float, n: int) -> float:
        if not self.regression:
            return total / n
        self.mae, self.abs_error = self.abs_error / n, 0.0       # the epoch's MAE; the next starts at 0
        return metrics.r2_from_sse(total, self.sst)


def scoring(cfg, y) -> Scoring | None:
    """None for two classes (the Trainer's exact original path), else a Scoring."""
    if not is_regression(cfg) and n_classes(cfg) == 2:
        return None
    return Scoring(cfg, y)
