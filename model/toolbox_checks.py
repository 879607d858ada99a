"""Range checks of the training toolbox's config fields (schedules, dropout,
clipping, early stopping, ELU's α); ``registry.check_config`` calls ``check``."""
from __future__ import annotations

from backprop_lab.model import activations, limits, schedules


def check(cfg) -> None:
    """Raise ValueError naming the first toolbox field of ``cfg`` that is out of range."""
    if cfg.lr_schedule not in schedules.SCHEDULES:
        raise ValueError(f"lr_schedule: unknown value {cfg.lr_schedule!r}; "
                         f"valid: {', '.join(schedules.SCHEDULES)}")
    out = activations.ACTIVATIONS.get(cfg.output_activation)
    if out is not None and out.derivative_from == "z":
        raise ValueError(f"output_activation: {cfg.output_activation} is for hidden layers only "
                         f"(its derivative needs z); valid: {', '.join(activations.OUTPUT_ACTIVATIONS)}")
    checks = [
        ("elu_alpha", 0 < cfg.elu_alpha <= 10, "in (0, 10]"),
        ("lr_period", 1 <= cfg.lr_period <= limits.MAX_EPOCH, "between 1 and 10^12 epochs"),
        ("lr_decay", 0 < cfg.lr_decay <= 1, "in (0, 1]"),
        ("lr_min", 0 <= cfg.lr_min <= 1000, "between 0 and 1000"),
        ("clip_norm", 0 <= cfg.clip_norm <= 1e6, "between 0 (off) and 10^6"),
        ("early_stopping", 0 <= cfg.early_stopping <= limits.MAX_EPOCH, "between 0 (off) and 10^12"),
        ("dropout", all(0 <= p < 1 for p in cfg.dropout), "rates in [0, 1)"),
        ("dropout", len(cfg.dropout) in (0, 1, len(cfg.hidden)),
         f"one rate, or one per hidden layer ({len(cfg.hidden)})"),
    ]
    for field, ok, what in checks:
        if not ok:
            raise ValueError(f"{field}: {getattr(cfg, field)!r} is out of range; must be {what}")
