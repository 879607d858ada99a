"""Per-epoch statistics, recorded for every epoch in growing arrays.

Rows are only ever appended, so a read-only view ``column[:n]`` handed to
another thread stays valid and unchanged even after the arrays grow (growth
allocates new arrays; old views keep the old ones alive).

Memory: 8 bytes × (5 + number of layers) per epoch: a 2-4-4-1 network
takes 64 bytes an epoch, 64 MB for a million epochs.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COLUMNS = ("epoch", "loss", "accuracy", "test_loss", "test_accuracy")
# The training toolbox's columns (model/toolbox.py): the lr the epoch trained with and
# the share of its steps whose gradient was clipped (NaN: no clipping). Optional in files.
EXTRA_COLUMNS = ("lr", "clipped")


@dataclass(frozen=True)
class HistoryView:
    """Read-only views of the first ``n`` recorded epochs."""
    epoch: np.ndarray          # (n,) int64, 1-based epoch numbers
    loss: np.ndarray           # (n,) train loss (incl. regularisation when on)
    accuracy: np.ndarray       # (n,) train accuracy in [0, 1]
    test_loss: np.ndarray      # (n,) NaN when there is no test set
    test_accuracy: np.ndarray  # (n,)
    grad_norms: np.ndarray     # (n, layers) ‖dL/dWb‖ per layer
    lr: np.ndarray | None = None        # (n,) the learning rate of each epoch
    clipped: np.ndarray | None = None   # (n,) share of the epoch's steps clipped, NaN when off

    def __len__(self):
        return len(self.epoch)

    def since(self, start: int) -> "HistoryView":
        """Rows from index ``start`` on (what is new since a previous view)."""
        extra = [None if getattr(self, c) is None else getattr(self, c)[start:] for c in EXTRA_COLUMNS]
        return HistoryView(*(getattr(self, c)[start:] for c in COLUMNS), self.grad_norms[start:], *extra)


class History:
    """Every epoch's numbers, in arrays that grow by doubling.

    Attributes: ``n`` (epochs recorded), ``n_layers`` (columns of the grad
    norms). ``append(...)`` records one epoch and returns its grad-norm row to
    fill; ``view()`` gives a read-only HistoryView of the first n rows;
    ``arrays()``/``from_arrays()`` save and restore it.
    """

    def __init__(self, n_layers: int, capacity: int = 1024):
        self.n_layers = n_layers
        self.n = 0
        # The lr of the rows from _lr_filled on is _lr_now, written in when they are read:
        # with a constant lr, recording it costs nothing per epoch (set_lr at each change).
        self._lr_now, self._lr_filled = np.nan, 0
        self._alloc(capacity)

    def _alloc(self, capacity):
        """Fresh arrays holding the first n rows; views of the old ones stay valid."""
        cols = {c: np.full(capacity, np.nan) for c in COLUMNS + EXTRA_COLUMNS}
        cols["epoch"] = np.zeros(capacity, np.int64)
        gn = np.full((capacity, self.n_layers), np.nan)
        if self.n:
            for c in COLUMNS + EXTRA_COLUMNS:
                cols[c][: self.n] = self._cols[c][: self.n]
            gn[: self.n] = self._gn[: self.n]
        self._cols, self._gn = cols, gn

    def append(self, epoch, loss, accuracy, test_loss, test_accuracy) -> np.ndarray:
        """Record one epoch; returns the grad-norm row to fill in place."""
        i = self.n
        if i == len(self._gn):
            self._alloc(2 * i)
        c = self._cols
        c["epoch"][i] = epoch
        c["loss"][i] = loss
        c["accuracy"][i] = accuracy
        c["test_loss"][i] = test_loss
        c["test_accuracy"][i] = test_accuracy
        self.n = i + 1
        return self._gn[i]

    def set_lr(self, lr: float):
        """The learning rate of the epochs recorded from now on (until the next change)."""
        self._fill_lr()
        self._lr_now = lr

    def _fill_lr(self):
        if self._lr_filled < self.n:
            self._cols["lr"][self._lr_filled: self.n] = self._lr_now
        self._lr_filled = self.n

    def set_extras(self, lr: float, clipped: float):
        """The toolbox's numbers of the last recorded epoch (a schedule's lr, the share of
        steps clipped); the lr also stands for the epochs after it until told otherwise."""
        self.n -= 1
        self._fill_lr()
        self.n += 1
        self._cols["lr"][self.n - 1] = lr
        self._cols["clipped"][self.n - 1] = clipped
        self._lr_now, self._lr_filled = lr, self.n

    def truncate(self, n: int):
        """Forget every row from index n on (used by rollback)."""
        self.n = min(self.n, n)
        self._lr_filled = min(self._lr_filled, self.n)
        self._alloc(max(1024, 2 * self.n))   # never overwrite rows a view may show

    def view(self) -> HistoryView:
        self._fill_lr()
        cols = []
        for c in COLUMNS + EXTRA_COLUMNS:
            v = self._cols[c][: self.n]
            v.flags.writeable = False
            cols.append(v)
        g = self._gn[: self.n]
        g.flags.writeable = False
        return HistoryView(*cols[:len(COLUMNS)], g, *cols[len(COLUMNS):])

    def arrays(self) -> dict[str, np.ndarray]:
        """Copies of every column (for saving)."""
        self._fill_lr()
        d = {c: self._cols[c][: self.n].copy() for c in COLUMNS + EXTRA_COLUMNS}
        d["grad_norms"] = self._gn[: self.n].copy()
        return d

    @classmethod
    def from_arrays(cls, d: dict, n_layers: int) -> "History":
        n = len(d["epoch"])
        h = cls(n_layers, max(1024, n))
        for c in COLUMNS:
            h._cols[c][:n] = d[c]
        for c in EXTRA_COLUMNS:                 # absent from sessions saved before they existed
            if c in d:
                h._cols[c][:n] = d[c]
        h._lr_filled = n                        # the caller says the lr in force: set_lr
        h._gn[:n] = np.asarray(d["grad_norms"]).reshape(n, n_layers)
        h.n = n
        return h
