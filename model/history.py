"""Per-epoch statistics, recorded for every epoch in growing arrays.

Rows are only ever appended (or thinned into fresh arrays), so a read-only view
``column[:n]`` handed to another thread stays valid and unchanged even after the
arrays grow (growth allocates new arrays; old views keep the old ones alive).

Memory: 8 bytes × (7 + number of layers) per epoch: a 2-4-4-1 network
takes 80 bytes an epoch (a regression 16 more: its two MAE columns). A long
run is bounded: at ``MAX_ROWS`` rows (42 MB for
that network, 59 MB for 6 hidden layers of 32) the older rows are thinned to
half that many, so a history spans every epoch run with at most ``MAX_ROWS``
rows: the newest ``NEWEST_ROWS`` epochs always row by row, the older ones evenly
spread over their epochs (no span left out, the first epoch kept: 100 M epochs
are then rows ~400 epochs apart).
Rows are real epochs, never averages; saving thins further
(``limits.MAX_HISTORY_ROWS``) and the curves draw at most a few thousand points.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COLUMNS = ("epoch", "loss", "accuracy", "test_loss", "test_accuracy")
# The training toolbox's columns (model/toolbox.py): the lr the epoch trained with and
# the share of its steps whose gradient was clipped (NaN: no clipping). Optional in files.
EXTRA_COLUMNS = ("lr", "clipped")
# A regression run's mean absolute error (model/metrics.py), train and test: allocated at
# its first recorded MAE (set_mae), absent (None in a view) for classification; optional in files.
MAE_COLUMNS = ("mae", "test_mae")
MAX_ROWS = 1 << 19            # rows held at most (see the module's docstring)
NEWEST_ROWS = MAX_ROWS // 4   # the newest epochs, never thinned


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
    mae: np.ndarray | None = None       # (n,) regression: train mean absolute error, else None
    test_mae: np.ndarray | None = None  # (n,) regression: test MAE (NaN without a test set)

    def __len__(self):
        return len(self.epoch)

    def since(self, start: int) -> "HistoryView":
        """Rows from index ``start`` on (what is new since a previous view)."""
        return self.rows(slice(start, None))

    def rows(self, which: slice) -> "HistoryView":
        """The rows ``which`` of every column (views, no copies); absent columns stay None."""
        extra = {c: None if getattr(self, c) is None else getattr(self, c)[which]
                 for c in EXTRA_COLUMNS + MAE_COLUMNS}
        return HistoryView(*(getattr(self, c)[which] for c in COLUMNS), self.grad_norms[which], **extra)


class History:
    """Every epoch's numbers, in arrays that grow by doubling up to ``max_rows`` rows,
    then thin their older rows (``thin``).

    Attributes: ``n`` (rows recorded: every epoch until the first thinning),
    ``n_layers`` (columns of the grad norms), ``max_rows``. ``append(...)``
    records one epoch and returns its grad-norm row to fill; ``view()`` gives a
    read-only HistoryView of the first n rows; ``rows_upto(epoch)`` counts the rows
    up to an epoch; ``arrays()``/``from_arrays()`` save and restore it;
    ``set_mae(mae, test_mae)`` adds a regression epoch's mean absolute errors;
    ``extend(rows, lr_now)`` appends rows another History recorded, and ``lr_now`` is
    the lr of the epochs to come.
    """

    def __init__(self, n_layers: int, capacity: int = 1024, max_rows: int = MAX_ROWS):
        self.n_layers = n_layers
        self.n = 0
        self.max_rows = max(int(max_rows), 4)
        # The lr of the rows from _lr_filled on is _lr_now, written in when they are read:
        # with a constant lr, recording it costs nothing per epoch (set_lr at each change).
        self._lr_now, self._lr_filled = np.nan, 0
        self._names = COLUMNS + EXTRA_COLUMNS     # + MAE_COLUMNS from a regression's first set_mae
        self._alloc(min(capacity, self.max_rows))

    def _alloc(self, capacity):
        """Fresh arrays holding the first n rows; views of the old ones stay valid."""
        cols = {c: np.full(capacity, np.nan) for c in self._names}
        cols["epoch"] = np.zeros(capacity, np.int64)
        gn = np.full((capacity, self.n_layers), np.nan)
        if self.n:
            for c in self._names:
                cols[c][: self.n] = self._cols[c][: self.n]
            gn[: self.n] = self._gn[: self.n]
        self._cols, self._gn = cols, gn

    def append(self, epoch, loss, accuracy, test_loss, test_accuracy) -> np.ndarray:
        """Record one epoch; returns the grad-norm row to fill in place."""
        i = self.n
        if i == len(self._gn):
            if i >= self.max_rows:
                self.thin()
                i = self.n
            else:
                self._alloc(min(2 * i, self.max_rows))
        c = self._cols
        c["epoch"][i] = epoch
        c["loss"][i] = loss
        c["accuracy"][i] = accuracy
        c["test_loss"][i] = test_loss
        c["test_accuracy"][i] = test_accuracy
        self.n = i + 1
        return self._gn[i]

    def thin(self):
        """Thin all but the newest max_rows // 4 rows to at most max_rows // 2, evenly
        spread over their epochs (row 0 stays), in fresh arrays: views handed out
        before stay unchanged."""
        self._fill_lr()
        newest = max(1, self.max_rows // 4)
        head = max(self.n - newest, 0)
        epoch = self._cols["epoch"][:head]
        # the row nearest each of max_rows // 2 evenly spaced epochs (row 0 the first)
        grid = np.linspace(epoch[0], epoch[-1], self.max_rows // 2) if head else np.zeros(0)
        right = np.clip(np.searchsorted(epoch, grid), 1, max(head - 1, 1))
        nearer_left = (grid - epoch[right - 1]) <= (epoch[np.minimum(right, head - 1)] - grid)
        kept = np.unique(np.where(nearer_left, right - 1, right)) if head > 1 else np.arange(head)
        keep = np.concatenate([kept, np.arange(head, self.n)])
        cols = {c: self._cols[c][keep] for c in self._names}
        gn = self._gn[keep]
        self.n = 0
        self._alloc(len(self._gn))
        self.n = self._lr_filled = len(keep)
        for c in self._names:
            self._cols[c][: self.n] = cols[c]
        self._gn[: self.n] = gn

    def extend(self, rows: dict, lr_now: float):
        """Append rows recorded by another History (its ``arrays()``: the training
        process sends them) and take on its ``lr_now``, the lr of the epochs to come."""
        k = len(rows["epoch"])
        if MAE_COLUMNS[0] in rows and MAE_COLUMNS[0] not in self._cols:
            self._add_mae_columns()
        self._fill_lr()
        done = 0
        while done < k:
            if self.n == len(self._gn):          # full: grow, or thin as append does
                if self.n >= self.max_rows:
                    self.thin()
                else:
                    self._alloc(min(2 * self.n, self.max_rows))
            part = min(k - done, len(self._gn) - self.n)
            new, rows_in = slice(self.n, self.n + part), slice(done, done + part)
            for c in self._names:
                if c in rows:
                    self._cols[c][new] = rows[c][rows_in]
            self._gn[new] = rows["grad_norms"][rows_in]
            self.n += part
            self._lr_filled = self.n         # the rows came with their lr
            done += part
        self._lr_now = lr_now

    @property
    def lr_now(self) -> float:
        """The lr of the epochs recorded from now on (``set_lr``, ``set_extras``)."""
        return self._lr_now

    def rows_upto(self, epoch: int) -> int:
        """How many rows record epochs up to ``epoch`` (rows are in epoch order)."""
        return int(np.searchsorted(self._cols["epoch"][: self.n], epoch, side="right"))

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

    def set_mae(self, mae: float, test_mae: float):
        """A regression's mean absolute errors of the last recorded epoch (train, test: NaN
        without a test set). The columns appear at the first call (rows before it: NaN)."""
        if MAE_COLUMNS[0] not in self._cols:
            self._add_mae_columns()
        self._cols["mae"][self.n - 1] = mae
        self._cols["test_mae"][self.n - 1] = test_mae

    def _add_mae_columns(self):
        """Start recording the MAE columns, NaN for the rows so far, in fresh arrays."""
        self._names = COLUMNS + EXTRA_COLUMNS + MAE_COLUMNS
        capacity = len(self._gn)
        for c in MAE_COLUMNS:
            self._cols[c] = np.full(capacity, np.nan)
        self._alloc(capacity)    # fresh arrays: a view handed out before keeps its columns

    def truncate(self, n: int):
        """Forget every row from index n on (used by rollback)."""
        self.n = min(self.n, n)
        self._lr_filled = min(self._lr_filled, self.n)
        # fresh arrays: never overwrite rows a view may show
        self._alloc(min(max(1024, 2 * self.n), max(self.max_rows, self.n)))

    def view(self) -> HistoryView:
        self._fill_lr()
        cols = {}
        for c in self._names:
            v = self._cols[c][: self.n]
            v.flags.writeable = False
            cols[c] = v
        g = self._gn[: self.n]
        g.flags.writeable = False
        return HistoryView(grad_norms=g, **cols)

    def arrays(self) -> dict[str, np.ndarray]:
        """Copies of every column (for saving; the MAE columns only when recorded)."""
        self._fill_lr()
        d = {c: self._cols[c][: self.n].copy() for c in self._names}
        d["grad_norms"] = self._gn[: self.n].copy()
        return d

    @classmethod
    def from_arrays(cls, d: dict, n_layers: int) -> "History":
        n = len(d["epoch"])
        h = cls(n_layers, max(1024, n), max_rows=max(MAX_ROWS, n))
        if all(c in d for c in MAE_COLUMNS):   # a regression run's
            h._add_mae_columns()
        for c in COLUMNS:
            h._cols[c][:n] = d[c]
        for c in EXTRA_COLUMNS + MAE_COLUMNS:   # absent from sessions saved before they existed
            if c in d and c in h._cols:
                h._cols[c][:n] = d[c]
        h._lr_filled = n                        # the caller says the lr in force: set_lr
        h._gn[:n] = np.asarray(d["grad_norms"]).reshape(n, n_layers)
        h.n = n
        return h
