"""Gradient clipping by global norm.

    ‖g‖ = √(Σ_all parameters g²);   if ‖g‖ > c:  g ← g · c / ‖g‖

The direction of the step is kept; only its length is capped at c
(cfg.clip_norm, 0 = off). Applied to the whole gradient (L1/L2 included) just
before the optimizer step, on every mini-batch; the Trainer records, per
epoch, the share of its steps that were clipped.
"""
from __future__ import annotations

import numpy as np


def clip_by_global_norm(grad, max_norm: float) -> tuple[float, bool]:
    """Scale ``grad`` (P,) in place so that its L2 norm is at most ``max_norm``.
    Returns (the norm before clipping, whether it was clipped)."""
    norm = float(np.sqrt(np.vdot(grad, grad)))
    if norm > max_norm:
        np.multiply(grad, max_norm / norm, out=grad)
        return norm, True
    return norm, False
