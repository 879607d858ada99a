"""What a problem is scored by: accuracy for classes, R² and mean absolute error for regression.

    accuracy   share of points whose predicted class is their label
    R²         1 − Σ(p − y)² / Σ(y − ȳ)²      (1 is perfect, 0 predicts no better than ȳ)
    MAE        (1/n) Σ |p − y|

Shapes: p (n, k) the network's outputs, y (n, 1) labels (classes) or targets (regression).
"""
from __future__ import annotations

import numpy as np


def predicted_class(p) -> np.ndarray:
    """(n,) int: class 1 where a single output p > 0.5 (the lab's threshold), else the
    argmax over K outputs."""
    p = np.asarray(p)
    if p.shape[-1] == 1:
        return (p[..., 0] > 0.5).astype(np.int64)
    return np.argmax(p, axis=-1)


def confidence(p) -> np.ndarray:
    """(n,) the probability of the predicted class: max(p, 1 − p) for one output, max_k p_k else."""
    p = np.asarray(p)
    if p.shape[-1] == 1:
        return np.maximum(p[..., 0], 1 - p[..., 0])
    return p.max(axis=-1)


def count_correct(p, labels, hits):
    """How many points one sigmoid output classifies right: Σ [(p > 0.5) == label].

    p, labels (boolean: label is 1) and ``hits`` (bool scratch, written) are (m, 1) for one
    network → an int, or (T, m, 1) for T trials at once → (T,) counts. The Trainer and the
    sweep's BatchedTrainer both count with this, so a batched trial scores as it would alone.
    """
    np.equal(np.greater(p, 0.5, hits), labels, hits)   # (out positional: fast_kernels.matmul)
    if hits.ndim == 2:
        return int(np.count_nonzero(hits))       # the whole array: numpy's fast count
    return np.count_nonzero(hits, axis=(-2, -1))


def accuracy(p, y) -> float:
    """Share of points whose predicted class equals the label y (n, 1)."""
    if not len(y):
        return float("nan")
    return float(np.mean(predicted_class(p) == np.asarray(y).reshape(-1).astype(np.int64)))


def r2_from_sse(sse: float, sst: float) -> float:
    """R² = 1 − SSE/SST; when every target is equal (SST = 0), 1 for a perfect fit, else 0
    (as scikit-learn)."""
    if sst > 0:
        return 1.0 - sse / sst
    return 1.0 if sse == 0 else 0.0


def total_sum_of_squares(y) -> float:
    """SST = Σ (y − ȳ)² over the targets y (n, 1)."""
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    return float(np.sum((y - y.mean()) ** 2)) if len(y) else 0.0


def r2(p, y) -> float:
    """Coefficient of determination of predictions p (n, 1) for targets y (n, 1)."""
    if not len(y):
        return float("nan")
    d = np.asarray(p, dtype=np.float64).reshape(-1) - np.asarray(y, dtype=np.float64).reshape(-1)
    return r2_from_sse(float(d @ d), total_sum_of_squares(y))


def mae(p, y) -> float:
    """Mean absolute error (1/n) Σ |p − y|."""
    if not len(y):
        return float("nan")
    return float(np.mean(np.abs(np.asarray(p, dtype=np.float64).reshape(-1)
                                - np.asarray(y, dtype=np.float64).reshape(-1))))


def confusion_matrix(p, y, classes: int) -> np.ndarray:
    """(K, K) int counts: row = true label, column = predicted class."""
    K = max(int(classes), 2)
    truth = np.asarray(y).reshape(-1).astype(np.int64)
    pred = predicted_class(p)
    m = np.zeros((K, K), np.int64)
    ok = (truth >= 0) & (truth < K)
    np.add.at(m, (truth[ok], pred[ok]), 1)
    return m
