"""Snapshot: an immutable copy of everything a view needs, safe across threads."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backprop_lab.model import losses, metrics, tasks
from backprop_lab.model.history import HistoryView
from backprop_lab.model.network import NetworkSpec, layer_outputs, split_blocks


def frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Snapshot:
    """An immutable copy of a Trainer's state at one epoch: what every view draws from.

    Attributes (P: the number of parameters; arrays read-only):

    - ``epoch``; ``config``: the TrainConfig in force; ``spec``: the NetworkSpec.
    - ``theta``: (P,) the weights; ``grad``: (P,) ∂L/∂θ of the epoch's last batch;
      ``update``: (P,) the last step taken, θ_now − θ_before.
    - ``history``: HistoryView of every recorded epoch; ``last``: the newest epoch's
      loss, accuracy, test loss and test accuracy (a dict).
    - ``X``, ``y``: (n, 2) training points and (n, 1) labels or targets;
      ``X_test``, ``y_test``: (k, 2) and (k, 1).
    - ``status``, ``message``, ``stop_epoch``: as the Trainer's at that epoch.
    - Derived: ``layers``, ``params``/``grads``/``updates`` ([(W, b)] per layer,
      read-only views), ``layer_outputs(X)``, ``predict(X)`` and ``scores_now()``.
    """
    epoch: int
    config: object              # the TrainConfig in force
    spec: NetworkSpec
    theta: np.ndarray           # (P,) weights, a copy
    grad: np.ndarray            # (P,) dL/dtheta of the last epoch's last batch
    update: np.ndarray          # (P,) the last step taken: theta_now − theta_before
    history: HistoryView        # every recorded epoch
    X: np.ndarray               # (n, 2) training points
    y: np.ndarray               # (n, 1)
    X_test: np.ndarray          # (k, 2)
    y_test: np.ndarray          # (k, 1)
    status: str                 # ready | training | converged | max_epochs | diverged
    message: str                # a sentence for the status bar
    stop_epoch: int | None      # first epoch with 100 % training accuracy

    @property
    def layers(self):
        return self.spec.build_layers()

    def _pairs(self, flat):
        layers = self.layers
        return [layer.split(B) for layer, B in zip(layers, split_blocks(layers, flat))]

    @property
    def params(self) -> list[tuple[np.ndarray, np.ndarray | None]]:
        """[(W (fan_in, fan_out), b (fan_out,) or None)] per layer, read-only views."""
        return self._pairs(self.theta)

    @property
    def grads(self):
        return self._pairs(self.grad)

    @property
    def updates(self):
        return self._pairs(self.update)

    def layer_outputs(self, X, dtype=None) -> list[tuple[np.ndarray, np.ndarray]]:
        """[(z, a)] per layer for raw points X (n, 2), computed from this snapshot
        (in ``dtype``, default the network's: float32 is twice as fast for pictures)."""
        return layer_outputs(self.spec, self.theta, X, dtype)

    def predict(self, X, dtype=None) -> np.ndarray:
        return self.layer_outputs(X, dtype)[-1][1]

    def scores_now(self) -> dict:
        """Loss and accuracy of these weights on these points, computed now: after points
        were added or deleted, ``last`` (measured during the last epoch) is about other points."""
        out = {}
        for key, X, y in (("", self.X, self.y), ("test_", self.X_test, self.y_test)):
            if not len(X):
                out[key + "loss"] = out[key + "accuracy"] = np.nan
                continue
            z, p = self.layer_outputs(X)[-1]
            act = self.layers[-1].act
            target = tasks.loss_targets(y, self.spec.outputs, p.dtype)
            with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
                out[key + "loss"] = float(losses.get(self.spec.loss).value(p, target, z, act))
            out[key + "accuracy"] = tasks.score(self.config, p, y)
            if tasks.is_regression(self.config):
                out[key + "mae"] = metrics.mae(p, y)
        return out

    def _repr_html_(self) -> str:
        """Jupyter: the map, the curves and the newest numbers (model/notebook.py; no Qt)."""
        from backprop_lab.model.notebook import snapshot_html
        return snapshot_html(self)

    def _repr_png_(self) -> bytes:
        from backprop_lab.model.notebook import map_png
        return map_png(self)

    @property
    def last(self) -> dict:
        """The newest epoch's numbers (NaN when nothing was trained yet)."""
        h = self.history
        if not len(h):
            return {"loss": np.nan, "accuracy": np.nan, "test_loss": np.nan, "test_accuracy": np.nan}
        last = {"loss": float(h.loss[-1]), "accuracy": float(h.accuracy[-1]),
                "test_loss": float(h.test_loss[-1]), "test_accuracy": float(h.test_accuracy[-1])}
        if getattr(h, "mae", None) is not None:      # regression: the epoch's mean absolute errors
            last.update(mae=float(h.mae[-1]), test_mae=float(h.test_mae[-1]))
        return last
