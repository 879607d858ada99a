"""The training toolbox's options of ``backprop-lab train`` (model/cli.py): each sets
the TrainConfig field of the same name."""
from __future__ import annotations

import argparse

from backprop_lab.model import schedules


def add_options(opt) -> None:
    """Add the options through cli's ``opt(flag, field, help, **kw)``."""
    opt("--elu-alpha", "elu_alpha", "alpha of elu: alpha*(e^z - 1) for z <= 0", type=float)
    opt("--lr-schedule", "lr_schedule", "learning-rate schedule: " + "; ".join(
        f"{n}: {f}" for n, f in schedules.FORMULAS.items()), choices=list(schedules.SCHEDULES))
    opt("--lr-period", "lr_period", "T in epochs: step / decay period, cosine and cycle length",
        type=int, metavar="T")
    opt("--lr-decay", "lr_decay", "d: step and exponential multiply lr by d per period", type=float)
    opt("--lr-min", "lr_min", "lowest lr of cosine, cyclic and one_cycle", type=float)
    opt("--lr-restarts", "lr_restarts", "cosine with warm restarts every period",
        action=argparse.BooleanOptionalAction)
    opt("--dropout", "dropout", "dropout rate of every hidden layer (one value) or of each",
        nargs="*", type=float, metavar="P")
    opt("--clip-norm", "clip_norm", "clip the gradient's global L2 norm to this, 0 = off", type=float)
    opt("--early-stopping", "early_stopping", "patience N: stop when the test loss has not improved "
        "for N epochs and restore the best weights (needs --test-fraction), 0 = off", type=int, metavar="N")


def toolbox_summary(cfg) -> str:
    """What the toolbox does in this run, for the 'training ...' line ('' with the defaults)."""
    parts = []
    if cfg.lr_schedule != "constant":
        parts.append(f"lr schedule {schedules.describe(cfg)}")
    if any(cfg.dropout):
        parts.append("dropout " + " ".join(f"{p:g}" for p in cfg.dropout))
    if cfg.clip_norm:
        parts.append(f"gradient clipped to norm {cfg.clip_norm:g}")
    if cfg.early_stopping:
        parts.append(f"early stopping after {cfg.early_stopping} epochs without a better test loss")
    return "".join(f"; {p}" for p in parts)
