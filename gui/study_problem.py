"""What the hyper-parameter study needs to know of the window's problem (two classes,
K classes, regression): which data sets can serve it, and how its trials stop.

A study started from a regression window on the default data sets (linear,
xor-easy) would fit floats to 0/1 labels; and a regression trial converges only at
the window's *Stop at loss*: with it off, every trial runs the whole budget.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backprop_lab.model import datasets, tasks


def fits(name: str, base) -> bool:
    """Whether data set ``name`` serves ``base``'s problem: the regression sets for a
    regression, the K-class sets for K ≥ 3 classes, any other set for two classes."""
    if tasks.is_regression(base):
        return name in datasets.REGRESSION_SETS
    if tasks.n_classes(base) >= 3:
        return name in datasets.MULTICLASS_SETS
    return name not in datasets.REGRESSION_SETS


def datasets_for(base, checked: list[str]) -> list[str]:
    """The data sets to check for ``base``: those ``checked`` when every one fits its
    problem, else the base's own data set (the window's)."""
    if checked and all(fits(name, base) for name in checked):
        return checked
    return [base.dataset]


def stop_rule_note(base) -> str:
    """One sentence on how a regression's trials stop ("" for classification)."""
    if not tasks.is_regression(base):
        return ""
    if base.stop_loss > 0:
        return QCoreApplication.translate(
            "StudyProblem", "Regression: a trial converges at training loss ≤ {stop:g} (the window's "
            "Stop at loss); the accuracy columns show R².").format(stop=base.stop_loss)
    return QCoreApplication.translate(
        "StudyProblem", "Regression with Stop at loss off: no trial converges, each runs the whole "
        "budget; set Stop at loss in the window for stop epochs. The accuracy columns show R².")
