"""DataEditor: the point set the window trains on, and the edits a user makes to it.

The window owns one DataEditor. It generates points from a TrainConfig's data
settings, takes clicks (add a point, delete the nearest point, clear) and emits
the whole new set each time, ready for ``TrainingSession.set_data``. Points a
user adds go to the training set; deleting finds the nearest point among
training and test points alike.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from backprop_lab.model.points import is_label
from backprop_lab.model.tasks import MAX_CLASSES
from backprop_lab.model.trainer import make_data


def _frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


class DataEditor(QObject):
    """Holds X (n, 2), y (n, 1) for training and X_test (k, 2), y_test (k, 1).

    Arrays handed out are read-only and replaced (never changed in place), so
    they can cross to the training thread as they are.
    """

    sigChanged = Signal(object, object, object, object)   # X, y, X_test, y_test

    def __init__(self, parent=None):
        super().__init__(parent)
        empty = (np.zeros((0, 2)), np.zeros((0, 1)))
        self._set(*empty, *empty, emit=False)

    # --- what there is -------------------------------------------------------------
    @property
    def arrays(self):
        """(X, y, X_test, y_test)."""
        return self.X, self.y, self.X_test, self.y_test

    @property
    def n_train(self) -> int:
        return len(self.X)

    @property
    def n_test(self) -> int:
        return len(self.X_test)

    def count_text(self) -> str:
        n = self.n_train + self.n_test
        text = (self.tr("{n} point (train {train} / test {test})") if n == 1
                else self.tr("{n} points (train {train} / test {test})"))
        return text.format(n=n, train=self.n_train, test=self.n_test)

    # --- edits ------------------------------------------------------------------------
    def generate(self, cfg, emit: bool = True):
        """Replace every point with the config's data set (its name, size, noise, split, seed)."""
        self._set(*make_data(cfg), emit=emit)

    def add(self, x: float, y: float, label: int):
        """Add a training point at (x, y) of class ``label`` (0 or 1; up to 7 for K classes)."""
        if not is_label(label, MAX_CLASSES):
            raise ValueError(f"class must be 0 or 1 (or up to {MAX_CLASSES - 1} for K classes), got {label!r}")
        self.add_target(x, y, float(label))

    def add_target(self, x: float, y: float, value: float):
        """Add a training point at (x, y) whose y column is ``value`` (a regression target)."""
        if not (np.isfinite(x) and np.isfinite(y) and np.isfinite(value)):
            raise ValueError("point coordinates and target must be finite")
        X = np.vstack([self.X, [[float(x), float(y)]]])
        Y = np.vstack([self.y, [[float(value)]]])
        self._set(X, Y, self.X_test, self.y_test)

    def delete_nearest(self, x: float, y: float) -> bool:
        """Remove the training or test point nearest to (x, y); False when there is none."""
        d_train = np.hypot(self.X[:, 0] - x, self.X[:, 1] - y) if self.n_train else np.array([])
        d_test = np.hypot(self.X_test[:, 0] - x, self.X_test[:, 1] - y) if self.n_test else np.array([])
        if not (len(d_train) or len(d_test)):
            return False
        best_train = d_train.min() if len(d_train) else np.inf
        best_test = d_test.min() if len(d_test) else np.inf
        X, Y, Xt, Yt = self.arrays
        if best_train <= best_test:
            keep = np.arange(self.n_train) != int(d_train.argmin())
            X, Y = X[keep], Y[keep]
        else:
            keep = np.arange(self.n_test) != int(d_test.argmin())
            Xt, Yt = Xt[keep], Yt[keep]
        self._set(X, Y, Xt, Yt)
        return True

    def replace(self, X, y, X_test, y_test, emit: bool = True):
        """Replace every point (an imported file, an opened session)."""
        self._set(X, y, X_test, y_test, emit=emit)

    def clear(self):
        """Remove every point, training and test."""
        empty = (np.zeros((0, 2)), np.zeros((0, 1)))
        self._set(*empty, *empty)

    def _set(self, X, y, X_test, y_test, emit: bool = True):
        self.X, self.y = _frozen(np.array(X, float).reshape(-1, 2)), _frozen(np.array(y, float).reshape(-1, 1))
        self.X_test = _frozen(np.array(X_test, float).reshape(-1, 2))
        self.y_test = _frozen(np.array(y_test, float).reshape(-1, 1))
        if emit:
            self.sigChanged.emit(*self.arrays)
