"""Early stopping on the test set: stop when the test loss has not improved for
``patience`` epochs, and go back to the weights of the best epoch.

    best = min over epochs of the test loss;  stop when epoch − epoch(best) ≥ patience

Needs test points (a test split); without them it does nothing. The weights of
the best epoch are kept as a copy, so after the stop the network, the map and
the accuracy show the best weights (the history keeps every epoch trained).
"""
from __future__ import annotations

import math

import numpy as np


class EarlyStopping:
    """Watches the test loss of each epoch. ``best_epoch``, ``best_loss`` and
    ``best_theta`` (a copy of the weights after the best epoch) are what it found."""

    def __init__(self, patience: int):
        self.patience = int(patience)
        self.best_epoch = 0
        self.best_loss = math.inf
        self.best_theta = None

    def __repr__(self):
        return f"EarlyStopping(patience={self.patience}, best epoch {self.best_epoch})"

    def update(self, epoch: int, test_loss: float, theta) -> bool:
        """Record epoch's test loss (weights ``theta`` after it). True when training should stop."""
        if not math.isfinite(test_loss):
            return False
        if test_loss < self.best_loss:
            self.best_loss, self.best_epoch = float(test_loss), int(epoch)
            if self.best_theta is None:
                self.best_theta = np.array(theta, copy=True)
            else:
                np.copyto(self.best_theta, theta)
            return False
        return epoch - self.best_epoch >= self.patience
