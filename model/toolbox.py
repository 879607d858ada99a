"""The training toolbox's state in one Trainer: the lr schedule, dropout masks,
gradient clipping and early stopping (each in its own module; this one holds
them together so the Trainer, the timeline, the inspector and sessions can
copy and restore them as one thing).

With the config's defaults (constant lr, no dropout, no clipping, no early
stopping) none of it runs: training is the same, bit for bit, as without it.
"""
from __future__ import annotations

import numpy as np

from backprop_lab.model import dropout, schedules
from backprop_lab.model.clipping import clip_by_global_norm
from backprop_lab.model.early_stopping import EarlyStopping


def batched_unsupported(cfg) -> str | None:
    """Why the batched sweep (model/batched.py) cannot run cfg's toolbox settings, or None.
    Those trials run with the Trainer, one by one: the table is the same."""
    if cfg.lr_schedule != "constant":
        return "a learning-rate schedule"
    if any(cfg.dropout):
        return "dropout"
    if cfg.clip_norm:
        return "gradient clipping"
    return None           # early stopping needs a test set, which a sweep does not use


class Toolbox:
    """``dropout`` (dropout.Dropout or None), ``early`` (EarlyStopping or None),
    ``clipped``/``steps`` (this epoch's clipped and total optimizer steps), ``plain``
    (no dropout and no clipping: the Trainer's backward is the engine's alone),
    ``records`` (a schedule or clipping: the history gets their numbers every epoch)."""

    def __init__(self, cfg, network):
        self.cfg = cfg
        rates = dropout.layer_rates(cfg, network.layers)
        self.dropout = dropout.Dropout(rates, cfg.seed) if any(rates) else None
        self.early = EarlyStopping(cfg.early_stopping) if cfg.early_stopping else None
        self.stopped_early = False
        self.clipped = self.steps = 0
        self._flags()

    def _flags(self):
        cfg = self.cfg
        self.plain = self.dropout is None and not cfg.clip_norm    # the Trainer's fast path
        self.records = cfg.lr_schedule != "constant" or bool(cfg.clip_norm)   # per-epoch numbers

    def __repr__(self):
        return f"Toolbox({self.dropout!r}, {self.early!r}, clip_norm={self.cfg.clip_norm:g})"

    def set_config(self, cfg, network):
        """New settings, same run: the dropout generator and the best weights so far are kept."""
        old, self.cfg = self.cfg, cfg
        rates = dropout.layer_rates(cfg, network.layers)
        if not any(rates):
            self.dropout = None
        elif self.dropout is None or self.dropout.rates != rates:
            rng = None if self.dropout is None else self.dropout.rng
            self.dropout = dropout.Dropout(rates, cfg.seed)
            if rng is not None:
                self.dropout.rng = rng
        if not cfg.early_stopping:
            self.early, self.stopped_early = None, False
        elif self.early is None:
            self.early = EarlyStopping(cfg.early_stopping)
        elif cfg.early_stopping != old.early_stopping:     # a new patience: judge again
            self.early.patience = cfg.early_stopping
            self.stopped_early = False
        self._flags()

    # --- per epoch / per step ------------------------------------------------------
    def lr(self, epoch: int) -> float:
        return schedules.lr_at(self.cfg, epoch)

    def clip(self, grad):
        """Clip ``grad`` to cfg.clip_norm (when on) and count the step."""
        self.steps += 1
        if self.cfg.clip_norm:
            _, was = clip_by_global_norm(grad, self.cfg.clip_norm)
            self.clipped += was

    def clipped_fraction(self) -> float:
        """Share of this epoch's steps that were clipped (NaN without clipping); starts a new count."""
        frac = self.clipped / self.steps if self.cfg.clip_norm and self.steps else np.nan
        self.clipped = self.steps = 0
        return frac

    def should_stop_early(self, epoch, test_loss, theta) -> bool:
        if self.early is None:
            return False
        self.stopped_early = self.early.update(epoch, test_loss, theta)
        return self.stopped_early

    def weights_epoch(self, epoch: int) -> int:
        """The epoch the network's weights are from: the best one after an early stop."""
        return self.early.best_epoch if self.stopped_early else epoch

    # --- copies (timeline, inspector, sessions) ------------------------------------------
    def state_dict(self) -> dict:
        """Everything needed to continue bit for bit: plain values and arrays."""
        d = {}
        if self.dropout is not None:
            d["dropout_rng"] = self.dropout.rng.bit_generator.state
        if self.early is not None:
            d["early_best_epoch"] = self.early.best_epoch
            d["early_best_loss"] = self.early.best_loss
            d["early_stopped"] = self.stopped_early
            if self.early.best_theta is not None:
                d["early_best_theta"] = self.early.best_theta.copy()
        return d

    def load_state_dict(self, d: dict):
        if self.dropout is not None and "dropout_rng" in d:
            self.dropout.rng.bit_generator.state = d["dropout_rng"]
        if self.early is not None and "early_best_epoch" in d:
            self.early.best_epoch = int(d["early_best_epoch"])
            self.early.best_loss = float(d["early_best_loss"])
            self.stopped_early = bool(d.get("early_stopped", False))
            theta = d.get("early_best_theta")
            self.early.best_theta = None if theta is None else np.array(theta, copy=True)
