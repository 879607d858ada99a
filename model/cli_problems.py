"""The command line's part of the problem types: ``--task``, ``--classes``, ``--stop-loss``,
the defaults they bring, and the per-sample table of a K-class or regression run.

    backprop-lab train --classes 3 --dataset spiral --loss ce
    backprop-lab train --task regression --dataset plane
"""
from __future__ import annotations

import numpy as np

from backprop_lab.model import metrics, tasks


def add_options(opt) -> None:
    """Add the problem options through the train parser's ``opt(flag, field, help, **kw)``."""
    opt("--task", "task", "classification or regression (a linear output, MSE, R²)",
        choices=list(tasks.TASKS))
    opt("--classes", "classes", f"number of classes, 2 .. {tasks.MAX_CLASSES}; 3 or more: "
        "softmax output and cross-entropy unless --output-activation/--loss say otherwise",
        type=int, metavar="K")
    opt("--stop-loss", "stop_loss", "stop once the training loss is at or below this, 0 = off",
        type=float)


def with_problem_defaults(given: dict) -> dict:
    """The options given, plus the output, loss and data set a problem starts with where
    they were not given: softmax + CE and the spiral for K ≥ 3 classes, a linear output
    with MSE and the plane for regression."""
    if "task" not in given and "classes" not in given:
        return given
    task, K = given.get("task", "classification"), given.get("classes", 2)
    if task == "classification" and K == 2:
        return given
    out = dict(given)
    for field, value in tasks.defaults_for(task, K, given.get("loss")).items():
        out.setdefault(field, value)
    out.setdefault("dataset", "plane" if task == "regression" else "spiral")
    return out


def handles(cfg) -> bool:
    """True for K ≥ 3 classes and regression (two classes keep the lab's table)."""
    return tasks.output_units(cfg) > 1 or tasks.is_regression(cfg)


def metric_text(cfg, value: float, mae: float = float("nan"), prefix: str = "") -> str:
    """``accuracy 97.33%``, or ``R² 0.9512  MAE 0.0312`` (the MAE when it is known);
    ``prefix`` ("test ") before each name."""
    if np.isnan(value):
        return f"{prefix}{tasks.metric_name(cfg)} n/a"
    if not tasks.is_regression(cfg):
        return f"{prefix}accuracy {100 * value:.2f}%"
    return f"{prefix}R² {value:.4f}" + ("" if np.isnan(mae) else f"  {prefix}MAE {mae:.4g}")


def print_results(trainer, out, mark) -> None:
    """The per-sample table and the final scores of a K-class or regression run."""
    cfg = trainer.cfg
    sets = [("", trainer.X, trainer.y)]
    if len(trainer.X_test):
        sets.append(("test ", trainer.X_test, trainer.y_test))
    for name, X, y in sets:
        if name:
            print("\ntest points (not trained on):", file=out)
        p = trainer.network.predict(X)
        if tasks.is_regression(cfg):
            print_regression_table(p, X, y, out)
            print(f"{name}R² {metrics.r2(p, y):.4f}, mean absolute error {metrics.mae(p, y):.4g} "
                  f"(weights after epoch {trainer.epoch})", file=out)
        else:
            correct, n = print_class_table(p, X, y, mark, out)
            print(f"{name}accuracy {100 * correct / n:.2f}% ({correct}/{n} correct, "
                  f"weights after epoch {trainer.epoch})", file=out)
    if trainer.stop_epoch is not None:
        rule = "100% training accuracy" if not tasks.is_regression(cfg) else f"loss <= {cfg.stop_loss:g}"
        print(f"{rule} first reached at epoch {trainer.stop_epoch}", file=out)


def print_class_table(p, X, y, mark, out) -> tuple[int, int]:
    """index, x1, x2, label, predicted class, its probability, ✓/✗; p (n, K)."""
    label = y.ravel().astype(int)
    predicted = metrics.predicted_class(p)
    prob = metrics.confidence(p)
    w = len(str(len(p) - 1))
    print(f"{'#':>{w}}  {'x1':>8}  {'x2':>8}  label  predicted  probability", file=out)
    for i in range(len(p)):
        print(f"{i:>{w}}  {X[i, 0]:8.4f}  {X[i, 1]:8.4f}  {label[i]:>5}  {predicted[i]:>9}  "
              f"{prob[i]:11.4f}  {mark[predicted[i] == label[i]]}", file=out)
    return int(np.count_nonzero(predicted == label)), len(p)


def print_regression_table(p, X, y, out) -> None:
    """index, x1, x2, target, prediction, error = prediction − target."""
    p, t = p.ravel(), y.ravel()
    w = len(str(len(p) - 1))
    print(f"{'#':>{w}}  {'x1':>8}  {'x2':>8}  {'target':>9}  {'prediction':>10}  {'error':>9}", file=out)
    for i in range(len(p)):
        print(f"{i:>{w}}  {X[i, 0]:8.4f}  {X[i, 1]:8.4f}  {t[i]:9.4f}  {p[i]:10.4f}  {p[i] - t[i]:+9.4f}",
              file=out)
